// A recording stand-in for the 'electron' module, because the Electron binary cannot run here. It links
// ipcRenderer to ipcMain in memory the way Electron does across processes, so a call made through the
// exposed preload API travels the real preload code, then the real IPC adapter, then reaches the service.
import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import Module from 'node:module';

type Handler = (event: unknown, arg: unknown) => unknown;

/**
 * Electron's UtilityProcess API (fork, postMessage, message/exit events, pid, piped stdio) over a Node
 * child process: Node is what a utility process runs, so the forked module behaves as it would there.
 */
export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;

  constructor(modulePath: string, args: string[]) {
    super();
    this.child = fork(modulePath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }

  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  get stdout() {
    return this.child.stdout;
  }

  get stderr() {
    return this.child.stderr;
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}
type RendererListener = (event: unknown, ...args: unknown[]) => void;

// biome-ignore lint/suspicious/noExplicitAny: listeners of many Electron events with different arguments
type Listener = (...args: any[]) => unknown;

/** Keeps listeners by event name; the test fires events by hand, as Electron would. */
export class Recorder {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  fire(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

export class FakeWebContents extends Recorder {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return false;
  }

  send(): void {}
}

export class FakeWindow extends Recorder {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  title = 'Hearth';
  flashing = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }

  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isFocused(): boolean {
    return false;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  flashFrame(flag: boolean): void {
    this.flashing = flag;
  }
}

export class FakeTray extends Recorder {
  toolTip = '';
  title = '';
  menu: unknown = null;
  destroyed = false;

  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** The app object: lifecycle events, paths, the single-instance lock and what was asked of it. */
export class FakeApp extends Recorder {
  isPackaged = false;
  appPath = '';
  userData = '';
  hasLock = true;
  sandboxed = false;
  quits = 0;
  readonly exits: number[] = [];
  readonly badges: number[] = [];
  private markReady: () => void = () => {};
  private readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  /** Lets whenReady() resolve, as Electron does once it has initialised. */
  becomeReady(): void {
    this.markReady();
  }

  whenReady(): Promise<void> {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
    return this.userData;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  setAppUserModelId(): void {}
  /** Schemes the app asked to handle (invite links). */
  readonly protocolClients: string[] = [];
  setAsDefaultProtocolClient(scheme: string): boolean {
    this.protocolClients.push(scheme);
    return true;
  }
  setBadgeCount(count: number): boolean {
    this.badges.push(count);
    return true;
  }
  quit(): void {
    this.quits++;
  }
  exit(code: number): void {
    this.exits.push(code);
  }
}

export interface FakeFrame {
  url: string;
  parent: unknown;
}

export class FakeElectron {
  readonly handlers = new Map<string, Handler>();
  readonly exposed = new Map<string, unknown>();
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  readonly invoked: Array<{ channel: string; arg: unknown }> = [];
  /** Every BrowserWindow constructed (their options are `window.options`). */
  readonly windows: FakeWindow[] = [];
  readonly trays: FakeTray[] = [];
  /** Every desktop notification shown (fire 'click' on one as the user would). */
  readonly notifications: Array<Recorder & { options: { title: string; body: string } }> = [];
  readonly app = new FakeApp();
  readonly privilegedSchemes: unknown[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  readonly headerListeners: Array<{ filter: unknown; listener: Listener }> = [];
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  displayMediaHandler: Listener | null = null;
  /** What desktopCapturer.getSources finds: the screens and windows one could share. */
  captureSources: Array<{ id: string; name: string }> = [];
  /** Every message box shown (its options), and which button the user presses in the next one. */
  readonly messageBoxes: Array<{ buttons: string[] }> = [];
  messageBoxAnswer: (buttons: string[]) => number = (buttons) => buttons.length - 1;
  readonly openedExternally: string[] = [];
  readonly errorBoxes: string[] = [];
  /** Every utility process forked, with its arguments. */
  readonly forks: Array<{
    modulePath: string;
    args: string[];
    options: unknown;
    process: FakeUtilityProcess;
  }> = [];
  /**
   * safeStorage: whether the OS offers encryption, which Linux backend it picked, and the "encryption" (a
   * reversible scramble that keeps the text from appearing as it is, like the real one would).
   */
  readonly safeStorage = {
    available: true,
    backend: 'gnome_libsecret',
  };
  /** The frame the next renderer call appears to come from. */
  senderFrame: FakeFrame | null = { url: 'app://hearth/index.html', parent: null };
  destroyed = false;

  readonly webContents = {
    isDestroyed: () => this.destroyed,
    send: (channel: string, ...args: unknown[]) => {
      for (const listener of this.rendererListeners.get(channel) ?? [])
        listener({ sender: 'ipc-renderer' }, ...args);
    },
  };

  readonly module = {
    app: this.app,
    BrowserWindow: ((fake: FakeElectron) =>
      class extends FakeWindow {
        constructor(options: Record<string, unknown>) {
          super(options);
          fake.windows.push(this);
        }
      })(this),
    Tray: ((fake: FakeElectron) =>
      class extends FakeTray {
        constructor() {
          super();
          fake.trays.push(this);
        }
      })(this),
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: {
      createFromPath: (path: string) => ({ path, resize: () => ({ path }) }),
    },
    nativeTheme: { shouldUseDarkColors: false },
    safeStorage: {
      isEncryptionAvailable: () => this.safeStorage.available,
      getSelectedStorageBackend: () => this.safeStorage.backend,
      encryptString: (text: string) =>
        Buffer.from(`enc:${Buffer.from(text).toString('base64').split('').reverse().join('')}`),
      decryptString: (blob: Buffer) => {
        const text = blob.toString();
        if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided');
        return Buffer.from(text.slice(4).split('').reverse().join(''), 'base64').toString();
      },
    },
    Notification: ((fake: FakeElectron) =>
      class extends Recorder {
        static isSupported(): boolean {
          return true;
        }
        constructor(readonly options: { title: string; body: string }) {
          super();
        }
        show(): void {
          fake.notifications.push(this);
        }
      })(this),
    dialog: {
      showErrorBox: (title: string, content: string) => {
        this.errorBoxes.push(`${title}: ${content}`);
      },
      showMessageBox: async (...args: unknown[]) => {
        const options = args.at(-1) as { buttons: string[] };
        this.messageBoxes.push(options);
        return { response: this.messageBoxAnswer(options.buttons) };
      },
    },
    desktopCapturer: {
      getSources: async () => this.captureSources,
    },
    shell: {
      openExternal: async (url: string) => {
        this.openedExternally.push(url);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        this.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        this.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          this.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          this.permissionCheckHandler = handler;
        },
        setDisplayMediaRequestHandler: (handler: Listener) => {
          this.displayMediaHandler = handler;
        },
        webRequest: {
          onHeadersReceived: (filter: unknown, listener: Listener) => {
            this.headerListeners.push({ filter, listener });
          },
        },
      },
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[] = [], options: unknown = {}) => {
        const process = new FakeUtilityProcess(modulePath, args);
        this.forks.push({ modulePath, args, options, process });
        return process;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (this.handlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        this.handlers.set(channel, handler);
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        this.invoked.push({ channel, arg: args[0] });
        const handler = this.handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return handler({ senderFrame: this.senderFrame }, args[0]);
      },
      on: (channel: string, listener: RendererListener) => {
        const set = this.rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        this.rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: RendererListener) => {
        this.rendererListeners.get(channel)?.delete(listener);
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        if (this.exposed.has(key))
          throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
        this.exposed.set(key, api);
      },
    },
  };

  listenerCount(channel: string): number {
    return this.rendererListeners.get(channel)?.size ?? 0;
  }
}

const FAKE_ID = '\0fake-electron';
let hooked = false;

/** Makes every later `require('electron')` in this process return this fake (replacing an earlier one). */
export function installFakeElectron(fake: FakeElectron): void {
  if (!hooked) {
    const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
    const resolve = mod._resolveFilename;
    mod._resolveFilename = (request, ...rest) =>
      request === 'electron' ? FAKE_ID : resolve(request, ...rest);
    hooked = true;
  }
  const cached = new Module(FAKE_ID);
  cached.exports = fake.module;
  cached.loaded = true;
  require.cache[FAKE_ID] = cached;
}

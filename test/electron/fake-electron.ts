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

export interface FakeFrame {
  url: string;
  parent: unknown;
}

export class FakeElectron {
  readonly handlers = new Map<string, Handler>();
  readonly exposed = new Map<string, unknown>();
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  readonly invoked: Array<{ channel: string; arg: unknown }> = [];
  /** Options of every BrowserWindow constructed. */
  readonly windows: unknown[] = [];
  /** Every utility process forked, with its arguments. */
  readonly forks: Array<{
    modulePath: string;
    args: string[];
    options: unknown;
    process: FakeUtilityProcess;
  }> = [];
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
    BrowserWindow: ((fake: FakeElectron) =>
      class FakeBrowserWindow {
        constructor(readonly options: unknown) {
          fake.windows.push(options);
        }
      })(this),
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

/** Makes every later `require('electron')` in this process return the fake. */
export function installFakeElectron(fake: FakeElectron): void {
  const mod = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const resolve = mod._resolveFilename;
  mod._resolveFilename = (request, ...rest) => (request === 'electron' ? FAKE_ID : resolve(request, ...rest));
  const cached = new Module(FAKE_ID);
  cached.exports = fake.module;
  cached.loaded = true;
  require.cache[FAKE_ID] = cached;
}

// A recording stand-in for the 'electron' module, because the Electron binary cannot run here. It links
// ipcRenderer to ipcMain in memory the way Electron does across processes, so a call made through the
// exposed preload API travels the real preload code, then the real IPC adapter, then reaches the service.
import Module from 'node:module';

type Handler = (event: unknown, arg: unknown) => unknown;
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

// Sandboxed preload: exposes exactly one object, `window.hearth`, built from the shared IPC contract.
// Every call maps to one named channel; there is no raw ipcRenderer and no way to name a channel.
// Bundled into a single CommonJS file by scripts/build-main.mjs (a sandboxed preload can only require 'electron').
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  EVENT_NAMES,
  type EventName,
  type HearthApi,
  type HearthEvents,
  type HearthInvoke,
  INVOKE_METHODS,
  type InvokeMethod,
  ipcContract,
  type Unsubscribe,
} from '../../src-shared/ipc';

function invoker(method: InvokeMethod): (arg?: unknown) => Promise<unknown> {
  const channel = ipcContract.invoke[method];
  return (arg) => ipcRenderer.invoke(channel, arg);
}

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name);
}

function on<E extends keyof HearthEvents>(
  event: E,
  listener: (payload: HearthEvents[E]) => void,
): Unsubscribe {
  if (!isEventName(event)) throw new Error(`Unknown Hearth event: ${String(event)}`);
  if (typeof listener !== 'function') throw new Error('A Hearth event listener must be a function');
  const channel = ipcContract.events[event];
  // The renderer gets the payload only, never the IpcRendererEvent (which carries `sender`).
  const forward = (_event: IpcRendererEvent, payload: HearthEvents[E]) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// The contract's `satisfies` clause guarantees one channel per HearthInvoke method, so the built object
// has exactly HearthInvoke's shape.
const calls = Object.fromEntries(
  INVOKE_METHODS.map((method) => [method, invoker(method)]),
) as unknown as HearthInvoke;
const api: HearthApi = { ...calls, on };

contextBridge.exposeInMainWorld('hearth', api);

// The IPC adapter: each contract channel is handled by the service method of the same name, each service
// event is forwarded to the window. Calls are accepted only from the top frame of our own renderer.
import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import {
  EVENT_NAMES,
  type EventName,
  type HearthEvents,
  type HearthInvoke,
  INVOKE_METHODS,
  ipcContract,
} from '../../src-shared/ipc';
import { isTrustedSender } from './security';

/** What the adapter needs from the service layer: the contract's methods and its event subscription. */
export interface IpcService extends HearthInvoke {
  on<E extends EventName>(event: E, listener: (payload: HearthEvents[E]) => void): unknown;
}

export interface IpcWiring {
  /** Origin of our renderer: app://hearth, or the Vite dev server under `npm run dev`. */
  trustedOrigin: string;
  /** The window's contents, if there is a window now (it may be closed and recreated on macOS). */
  target(): WebContents | null;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`Refused ${channel} from untrusted frame ${url ?? '(gone)'}`);
    this.name = 'UntrustedSenderError';
  }
}

export function wireIpc(service: IpcService, { trustedOrigin, target }: IpcWiring): void {
  for (const method of INVOKE_METHODS) {
    const channel = ipcContract.invoke[method];
    const call = service[method] as (arg: unknown) => Promise<unknown>;
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, arg: unknown) => {
      if (!isTrustedSender(event.senderFrame, trustedOrigin)) {
        throw new UntrustedSenderError(channel, event.senderFrame?.url);
      }
      return call.call(service, arg);
    });
  }
  for (const name of EVENT_NAMES) forward(service, name, target);
}

function forward<E extends EventName>(service: IpcService, name: E, target: () => WebContents | null): void {
  const channel = ipcContract.events[name];
  service.on(name, (payload: HearthEvents[E]) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(channel, payload);
  });
}

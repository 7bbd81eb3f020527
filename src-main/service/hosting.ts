// The room this computer hosts: starting and stopping its process, what the host screen shows about it,
// and telling the LAN advertisement and the port mapping when it comes and goes. Every change of the host
// status goes through `change`, so the status cannot say "running" with a stale port or fingerprint.
import { join } from 'node:path';
import type { HostStatus, ServerAddress, Session } from '../../src-shared/ipc';
import { assertNever, fail, ok, type Result } from '../../src-shared/result';
import type { HostLauncher, HostStarted } from './host-launcher';
import { OWN_HOST } from './room-link';
import type { RoomReach } from './room-reach';
import type { SettingsStore } from './settings';

export const HOST_DATA_SUBDIR = 'host';

export interface HostRequest {
  port: number;
  allowGuests: boolean;
  classicPort: number | null;
}

type HostChange =
  | { kind: 'started'; started: HostStarted; allowGuests: boolean }
  | { kind: 'failed'; allowGuests: boolean; reason: string }
  /** Stopped on request (reason null) or on its own (why). */
  | { kind: 'stopped'; reason: string | null };

export interface HostingOptions {
  launcher: HostLauncher;
  /** The app's data directory; the room's database lives under host/ in it. */
  dataDir: string;
  settings: SettingsStore;
  reach: RoomReach;
  /** Every new host status, for the window. */
  onStatus(status: HostStatus): void;
}

export class Hosting {
  private current: HostStatus;
  private readonly stopWatching: () => void;

  constructor(private readonly options: HostingOptions) {
    this.current = {
      running: false,
      port: null,
      allowGuests: options.settings.get().hostAllowGuests,
      addresses: [],
      fingerprint: null,
      classicPort: null,
      error: null,
    };
    this.stopWatching = options.launcher.onExit((reason) => {
      if (reason === null || !this.current.running) return;
      void options.reach.roomStopped();
      this.change({ kind: 'stopped', reason });
    });
  }

  get status(): HostStatus {
    return { ...this.current };
  }

  /** The pin for a connection to this address: the hosted room's own fingerprint, if it is ours. */
  ownFingerprint(server: ServerAddress): string | null | undefined {
    return this.isOwnRoom(server) ? this.current.fingerprint : undefined;
  }

  /**
   * A session began on the link: when it is an account in the room this computer hosts, that account is the
   * host's, and the room is told so (docs/protocol.md § Rooms: the host owns the default room).
   */
  sessionBegan(server: ServerAddress | null, session: Session | null): void {
    if (session && !session.guest && server && this.isOwnRoom(server))
      this.options.launcher.setOwner(session.username);
  }

  private isOwnRoom(server: ServerAddress): boolean {
    return this.current.running && server.host === OWN_HOST && server.port === this.current.port;
  }

  /**
   * Start the room and remember the choices for next time. `abandoned` is asked once the process is up:
   * when the app began quitting meanwhile, the room is stopped again rather than left running on its own.
   */
  async start(request: HostRequest, abandoned: () => boolean): Promise<Result<HostStarted>> {
    if (this.current.running) return fail('busy', 'You are already hosting a room.');
    const { port, allowGuests, classicPort } = request;
    let started: HostStarted;
    try {
      started = await this.options.launcher.start({
        port,
        allowGuests,
        classicPort,
        dataDir: join(this.options.dataDir, HOST_DATA_SUBDIR),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.change({ kind: 'failed', allowGuests, reason });
      return fail('host_failed', reason);
    }
    if (abandoned()) {
      await this.options.launcher.stop();
      return fail('disposed', 'Hearth is shutting down.');
    }
    this.change({ kind: 'started', started, allowGuests });
    await this.options.reach.roomStarted({
      port: started.port,
      allowGuests,
      fingerprint: started.fingerprint,
    });
    await this.rememberChoices(request);
    return ok(started);
  }

  async stop(): Promise<void> {
    if (!this.current.running) return;
    await this.options.reach.roomStopped();
    await this.options.launcher.stop();
    this.change({ kind: 'stopped', reason: null });
  }

  dispose(): void {
    this.stopWatching();
  }

  /** Port 0 ("any free port") and classic port 0 are not choices worth keeping: the last real ones stay. */
  private async rememberChoices({ port, allowGuests, classicPort }: HostRequest): Promise<void> {
    const { settings } = this.options;
    const hostClassicPort = classicPort === 0 ? settings.get().hostClassicPort : classicPort;
    await settings.update(
      port === 0
        ? { hostAllowGuests: allowGuests, hostClassicPort }
        : { hostPort: port, hostAllowGuests: allowGuests, hostClassicPort },
    );
  }

  private change(change: HostChange): void {
    this.current = nextStatus(this.current, change);
    this.options.onStatus({ ...this.current });
  }
}

function nextStatus(current: HostStatus, change: HostChange): HostStatus {
  const stopped = { running: false, port: null, addresses: [], fingerprint: null, classicPort: null };
  switch (change.kind) {
    case 'started': {
      const { port, addresses, fingerprint, classicPort } = change.started;
      return {
        running: true,
        port,
        allowGuests: change.allowGuests,
        addresses,
        fingerprint,
        classicPort,
        error: null,
      };
    }
    case 'failed':
      return { ...stopped, allowGuests: change.allowGuests, error: change.reason };
    case 'stopped':
      return { ...current, ...stopped, error: change.reason };
    default:
      return assertNever(change, 'host change');
  }
}

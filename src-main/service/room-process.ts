// The lifecycle both room launchers share, whatever kind of child process runs the room: the room's
// arguments, waiting for its 'ready' or 'error' message, telling a crash from a requested stop, and a clean
// stop that turns into a kill when the room no longer answers. Plain Node, so the Electron launcher and the
// Node launcher can both build on it while src-main/service stays free of Electron.
import type { HostToParent, ParentToHost } from '../../src-shared/host-messages';
import type { HostExitListener, HostStarted, HostStartOptions } from './host-launcher';

interface OutputStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

/** What the lifecycle needs from a started room process; each launcher wraps its own child type in one. */
export interface RoomChild {
  readonly pid: number | undefined;
  readonly stdout: OutputStream | null;
  readonly stderr: OutputStream | null;
  /** True once the process is known to have ended (a launcher that cannot tell answers false). */
  hasExited(): boolean;
  onMessage(listener: (message: HostToParent) => void): void;
  onceExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Only for children that report failing to start as an event of their own. */
  onceError?(listener: (error: Error) => void): void;
  /** Delivers the stop message, or whatever stands in for it when it cannot be delivered. */
  askToStop(stop: ParentToHost): void;
  /** Delivers any other message, if the child can still get it. */
  post(message: ParentToHost): void;
  /** For a room that no longer answers: asking again would not help. */
  forceKill(): void;
}

export interface RoomProcessOptions {
  /** Interface the room binds; default: the server's own default (every IPv4 interface). */
  bindHost?: string;
  startTimeoutMs: number;
  stopTimeoutMs: number;
  log?: (line: string) => void;
}

/** One room process at a time, started by `launch` with the room's arguments. */
export class RoomProcess {
  private child: RoomChild | null = null;
  private stopping = false;
  private readonly exitListeners = new Set<HostExitListener>();

  constructor(private readonly options: RoomProcessOptions) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(options: HostStartOptions, launch: (args: string[]) => RoomChild): Promise<HostStarted> {
    if (this.child) return Promise.reject(new Error('A room is already running.'));
    const child = launch(roomArgs(options, this.options.bindHost));
    this.child = child;
    this.stopping = false;
    const log = this.options.log;
    let stderrTail = '';
    child.stdout?.on('data', (chunk: Buffer) => log?.(chunk.toString('utf8').trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderrTail = (stderrTail + text).slice(-2000);
      log?.(text.trimEnd());
    });

    return new Promise<HostStarted>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: { started: HostStarted } | { error: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if ('started' in outcome) resolve(outcome.started);
        else reject(new Error(outcome.error));
      };
      const timer = setTimeout(() => {
        settle({ error: 'The room did not start in time.' });
        child.forceKill();
      }, this.options.startTimeoutMs);

      child.onMessage((message) => {
        if (message.type === 'ready')
          settle({
            started: {
              port: message.port,
              addresses: message.addresses,
              fingerprint: message.fingerprint,
              classicPort: message.classicPort,
            },
          });
        else if (message.type === 'error') settle({ error: message.message });
      });
      child.onceError?.((error) => settle({ error: `The room could not be started: ${error.message}` }));
      child.onceExit((code, signal) => {
        if (this.child === child) this.child = null;
        const reason = this.stopping ? null : describeExit(code, signal, stderrTail);
        settle({ error: reason ?? 'The room stopped before it was ready.' });
        for (const listener of this.exitListeners) listener(reason);
      });
    });
  }

  stop(): Promise<void> {
    const child = this.child;
    if (!child || child.hasExited()) return Promise.resolve();
    this.stopping = true;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.forceKill(), this.options.stopTimeoutMs);
      child.onceExit(() => {
        clearTimeout(timer);
        resolve();
      });
      child.askToStop({ type: 'stop' });
    });
  }

  /** Tells the running room who its host is (no room running: nothing to tell). */
  setOwner(username: string): void {
    this.post({ type: 'owner', username });
  }

  /** A message for the running room, if one runs. */
  post(message: ParentToHost): void {
    this.child?.post(message);
  }

  onExit(listener: HostExitListener): () => void {
    this.exitListeners.add(listener);
    return () => {
      this.exitListeners.delete(listener);
    };
  }
}

function roomArgs(options: HostStartOptions, bindHost: string | undefined): string[] {
  const args = ['--port', String(options.port), '--data', options.dataDir];
  if (bindHost) args.push('--host', bindHost);
  if (!options.allowGuests) args.push('--no-guests');
  const classicPort = options.classicPort ?? null;
  if (classicPort !== null) args.push('--classic-port', String(classicPort));
  return args;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const lastLine = stderrTail.trim().split('\n').pop()?.trim();
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
  return lastLine ? `The room ${how}: ${lastLine}` : `The room ${how}.`;
}

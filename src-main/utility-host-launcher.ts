// Runs the embedded room in an Electron utility process (a Node child of the app that works with the
// runAsNode fuse off), executing the compiled headless entry. Same HostLauncher contract and messages as the
// Node launcher the tests use.
import { type UtilityProcess, utilityProcess } from 'electron';
import type { HostToParent, ParentToHost } from './server/host-messages';
import type { HostExitListener, HostLauncher, HostStarted, HostStartOptions } from './service/host-launcher';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 8_000;

export interface UtilityHostLauncherOptions {
  /** Interface the room binds; default: the server's own default (every IPv4 interface, for friends). */
  bindHost?: string;
  /** Where the room's output goes; default: the main process's console. */
  log?: (line: string) => void;
}

export class UtilityHostLauncher implements HostLauncher {
  private child: UtilityProcess | null = null;
  private stopping = false;
  private readonly exitListeners = new Set<HostExitListener>();

  /** entryPath: the compiled headless server (dist-main/src-main/server/headless.js). */
  constructor(
    private readonly entryPath: string,
    private readonly options: UtilityHostLauncherOptions = {},
  ) {}

  start(options: HostStartOptions): Promise<HostStarted> {
    if (this.child) return Promise.reject(new Error('A room is already running.'));
    const args = ['--port', String(options.port), '--data', options.dataDir];
    if (this.options.bindHost) args.push('--host', this.options.bindHost);
    if (!options.allowGuests) args.push('--no-guests');
    const classicPort = options.classicPort ?? null;
    if (classicPort !== null) args.push('--classic-port', String(classicPort));
    const log = this.options.log ?? ((line: string) => console.log(`[room] ${line}`));
    const child = utilityProcess.fork(this.entryPath, args, { serviceName: 'Hearth room', stdio: 'pipe' });
    this.child = child;
    this.stopping = false;
    let stderrTail = '';
    child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderrTail = (stderrTail + text).slice(-2000);
      log(text.trimEnd());
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
        forceKill(child);
      }, START_TIMEOUT_MS);

      child.on('message', (message: HostToParent) => {
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
      child.once('exit', (code) => {
        if (this.child === child) this.child = null;
        const lastLine = stderrTail.trim().split('\n').pop()?.trim();
        const reason = this.stopping
          ? null
          : `The room exited with code ${code}${lastLine ? `: ${lastLine}` : '.'}`;
        settle({ error: reason ?? 'The room stopped before it was ready.' });
        for (const listener of this.exitListeners) listener(reason);
      });
    });
  }

  stop(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.stopping = true;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => forceKill(child), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const stop: ParentToHost = { type: 'stop' };
      child.postMessage(stop);
    });
  }

  onExit(listener: HostExitListener): () => void {
    this.exitListeners.add(listener);
    return () => {
      this.exitListeners.delete(listener);
    };
  }
}

/** For a room that no longer answers: SIGKILL (TerminateProcess on Windows); kill() would only ask again. */
function forceKill(child: UtilityProcess): void {
  if (child.pid === undefined) child.kill();
  else process.kill(child.pid, 'SIGKILL');
}

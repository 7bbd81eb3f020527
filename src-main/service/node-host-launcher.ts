// Runs the embedded room as a Node child process: the headless entry point, forked with tsx so the
// TypeScript sources run as they are. Used by the tests and by any plain-Node run of the service; the
// Electron app uses its own launcher (utilityProcess) with the same interface and messages.
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { HostToParent, ParentToHost } from '../server/host-messages';
import type { HostExitListener, HostLauncher, HostStarted, HostStartOptions } from './host-launcher';

const APP_ROOT = join(__dirname, '..', '..');
const HEADLESS_ENTRY = join(APP_ROOT, 'src-main', 'server', 'headless.ts');

export interface NodeHostLauncherOptions {
  /** Interface the room binds; default: the server's own default (every IPv4 interface). */
  bindHost?: string;
  /** How long the room may take to start listening. */
  startTimeoutMs?: number;
  /** How long a clean shutdown may take before the process is killed. */
  stopTimeoutMs?: number;
  /** Where the room's log lines go; default: dropped. */
  log?: (line: string) => void;
  /**
   * Run a compiled entry with a given Node instead of the TypeScript source under tsx. An unpackaged Electron
   * app uses this: better-sqlite3 in node_modules is built for the system Node, not for Electron's runtime.
   */
  compiled?: { entry: string; nodePath: string };
}

export class NodeHostLauncher implements HostLauncher {
  private child: ChildProcess | null = null;
  private stopping = false;
  private readonly exitListeners = new Set<HostExitListener>();

  constructor(private readonly options: NodeHostLauncherOptions = {}) {}

  /** The running room's process id (for logs and diagnostics), or null. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(options: HostStartOptions): Promise<HostStarted> {
    if (this.child) return Promise.reject(new Error('A room is already running.'));
    const args = ['--port', String(options.port), '--data', options.dataDir];
    if (this.options.bindHost) args.push('--host', this.options.bindHost);
    if (!options.allowGuests) args.push('--no-guests');
    const classicPort = options.classicPort ?? null;
    if (classicPort !== null) args.push('--classic-port', String(classicPort));
    const compiled = this.options.compiled;
    const child = fork(compiled?.entry ?? HEADLESS_ENTRY, args, {
      cwd: APP_ROOT,
      execArgv: compiled ? [] : ['--import', 'tsx'],
      ...(compiled ? { execPath: compiled.nodePath } : {}),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
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
        child.kill('SIGKILL');
      }, this.options.startTimeoutMs ?? 20_000);

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
      child.once('error', (error) => settle({ error: `The room could not be started: ${error.message}` }));
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        const requested = this.stopping;
        const reason = requested ? null : describeExit(code, signal, stderrTail);
        settle({ error: reason ?? 'The room stopped before it was ready.' });
        for (const listener of this.exitListeners) listener(reason);
      });
    });
  }

  stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    this.stopping = true;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 8_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const stop: ParentToHost = { type: 'stop' };
      if (child.connected) child.send(stop);
      else child.kill('SIGTERM');
    });
  }

  onExit(listener: HostExitListener): () => void {
    this.exitListeners.add(listener);
    return () => {
      this.exitListeners.delete(listener);
    };
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const lastLine = stderrTail.trim().split('\n').pop()?.trim();
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
  return lastLine ? `The room ${how}: ${lastLine}` : `The room ${how}.`;
}

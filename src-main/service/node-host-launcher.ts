// Runs the embedded room as a Node child process: the headless entry point, forked with tsx so the
// TypeScript sources run as they are. Used by the tests and by any plain-Node run of the service; the
// Electron app uses its own launcher (utilityProcess) with the same interface and messages.
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { HostToParent } from '../../src-shared/host-messages';
import type { HostExitListener, HostLauncher, HostStarted, HostStartOptions } from './host-launcher';
import { type RoomChild, RoomProcess } from './room-process';

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
  private readonly room: RoomProcess;

  constructor(private readonly options: NodeHostLauncherOptions = {}) {
    this.room = new RoomProcess({
      bindHost: options.bindHost,
      startTimeoutMs: options.startTimeoutMs ?? 20_000,
      stopTimeoutMs: options.stopTimeoutMs ?? 8_000,
      log: options.log,
    });
  }

  /** The running room's process id (for logs and diagnostics), or null. */
  get pid(): number | null {
    return this.room.pid;
  }

  start(options: HostStartOptions): Promise<HostStarted> {
    return this.room.start(options, (args) => {
      const compiled = this.options.compiled;
      const child = fork(compiled?.entry ?? HEADLESS_ENTRY, args, {
        cwd: APP_ROOT,
        execArgv: compiled ? [] : ['--import', 'tsx'],
        ...(compiled ? { execPath: compiled.nodePath } : {}),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      return nodeRoomChild(child);
    });
  }

  stop(): Promise<void> {
    return this.room.stop();
  }

  setOwner(username: string): void {
    this.room.setOwner(username);
  }

  setPublicAddress(address: string | null): void {
    this.room.post({ type: 'publicAddress', address });
  }

  onExit(listener: HostExitListener): () => void {
    return this.room.onExit(listener);
  }
}

function nodeRoomChild(child: ChildProcess): RoomChild {
  return {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout,
    stderr: child.stderr,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    onMessage: (listener) => child.on('message', (message: HostToParent) => listener(message)),
    onceExit: (listener) => child.once('exit', listener),
    onceError: (listener) => child.once('error', listener),
    askToStop: (stop) => {
      if (child.connected) child.send(stop);
      else child.kill('SIGTERM');
    },
    post: (message) => {
      if (child.connected) child.send(message);
    },
    forceKill: () => child.kill('SIGKILL'),
  };
}

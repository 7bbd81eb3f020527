// Runs the embedded room in an Electron utility process (a Node child of the app that works with the
// runAsNode fuse off), executing the compiled headless entry. Same HostLauncher contract and messages as the
// Node launcher the tests use; the lifecycle itself is shared in service/room-process.
import { type UtilityProcess, utilityProcess } from 'electron';
import type { HostToParent } from '../../src-shared/host-messages';
import type { HostExitListener, HostLauncher, HostStarted, HostStartOptions } from '../service/host-launcher';
import { type RoomChild, RoomProcess } from '../service/room-process';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 8_000;

export interface UtilityHostLauncherOptions {
  /** Interface the room binds; default: the server's own default (every IPv4 interface, for friends). */
  bindHost?: string;
  /** Where the room's output goes; default: the main process's console. */
  log?: (line: string) => void;
}

export class UtilityHostLauncher implements HostLauncher {
  private readonly room: RoomProcess;

  /** entryPath: the compiled headless server (dist-main/src-main/server/headless.js). */
  constructor(
    private readonly entryPath: string,
    options: UtilityHostLauncherOptions = {},
  ) {
    this.room = new RoomProcess({
      bindHost: options.bindHost,
      startTimeoutMs: START_TIMEOUT_MS,
      stopTimeoutMs: STOP_TIMEOUT_MS,
      log: options.log ?? ((line: string) => console.log(`[room] ${line}`)),
    });
  }

  start(options: HostStartOptions): Promise<HostStarted> {
    return this.room.start(options, (args) =>
      utilityRoomChild(
        utilityProcess.fork(this.entryPath, args, { serviceName: 'Hearth room', stdio: 'pipe' }),
      ),
    );
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

function utilityRoomChild(child: UtilityProcess): RoomChild {
  return {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout,
    stderr: child.stderr,
    // A utility process offers no exit status to ask; its 'exit' event clears the launcher's child instead.
    hasExited: () => false,
    onMessage: (listener) => child.on('message', (message: HostToParent) => listener(message)),
    onceExit: (listener) => child.once('exit', (code) => listener(code, null)),
    askToStop: (stop) => child.postMessage(stop),
    post: (message) => child.postMessage(message),
    // SIGKILL (TerminateProcess on Windows); kill() would only ask again.
    forceKill: () => {
      if (child.pid === undefined) child.kill();
      else process.kill(child.pid, 'SIGKILL');
    },
  };
}

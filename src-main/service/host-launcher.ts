// How the service starts and stops the embedded room. The room always runs in a separate process (the
// same headless entry point as `npm run server`), so a busy room never stalls the window. Node
// (child_process.fork, used by tests and plain-Node runs) and Electron (utilityProcess) each implement
// this interface; both speak the HostToParent/ParentToHost messages of src-shared/host-messages.ts.

export interface HostStartOptions {
  /** 0 lets the system pick a free port. */
  port: number;
  allowGuests: boolean;
  /** Where the room keeps its database; chosen by the service, never by user input. */
  dataDir: string;
  /** Also listen unencrypted here for classic terminal clients; null or absent: not at all. */
  classicPort?: number | null;
}

export interface HostStarted {
  port: number;
  /** Addresses to share with friends, `ip:port`. */
  addresses: string[];
  /** SHA-256 fingerprint of the room's TLS certificate, `AB:CD:…`. */
  fingerprint: string | null;
  classicPort: number | null;
}

/** Why the host process ended: null when it stopped because we asked it to. */
export type HostExitListener = (reason: string | null) => void;

export interface HostLauncher {
  /** Resolves once the room listens; rejects with an Error whose message is a sentence for people. */
  start(options: HostStartOptions): Promise<HostStarted>;
  /** Asks the room to shut down cleanly (and forces it if it does not); resolves once it is gone. */
  stop(): Promise<void>;
  /** Tells the running room that the host's own account is `username`: it owns the default room. */
  setOwner(username: string): void;
  /** Tells the running room the public address its router maps it at (null: none now), for the call relay. */
  setPublicAddress(address: string | null): void;
  /** Called whenever a started host process ends, requested or not. Returns an unsubscribe function. */
  onExit(listener: HostExitListener): () => void;
}

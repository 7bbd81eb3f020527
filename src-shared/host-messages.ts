// Messages between a process that hosts a room (the headless entry, forked) and the process that forked it
// (the Electron main process via utilityProcess, or a test via child_process.fork). One shape for both.
export type HostToParent =
  | {
      type: 'ready';
      port: number;
      addresses: string[];
      allowGuests: boolean;
      /** SHA-256 of the room's TLS certificate, `AB:CD:…` (null only if the room runs without TLS). */
      fingerprint: string | null;
      /** The unencrypted port for classic clients, when the host turned it on. */
      classicPort: number | null;
    }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

/**
 * `owner`: the app that hosts the room logged in to it with this account, which then owns the default room.
 * `publicAddress`: the host's router maps the room's ports at this public IPv4 address (null: no longer), which
 * the call relay advertises.
 */
export type ParentToHost =
  | { type: 'stop' }
  | { type: 'owner'; username: string }
  | { type: 'publicAddress'; address: string | null };

// A chat server under test, started by the benchmark as its own process (so /proc figures are its alone).
import type { HearthSync } from '../options';
import type { ClientKind, ClientSpec } from '../worker-protocol';

export type ServerName = 'hearth' | 'ngircd';

export interface RunningServer {
  name: ServerName;
  /** Product and version, as the report prints it. */
  label: string;
  kind: ClientKind;
  port: number;
  /** The port speaks TLS (self-signed certificate; clients do not check it). */
  tls: boolean;
  pid: number;
  /** Bench clients this server can log in, ids from..from+count-1 (accounts exist beforehand where needed). */
  clients(from: number, count: number): ClientSpec[];
  stop(): Promise<void>;
  /** Starts the CPU profiler in the server, when it was started with cpuProfileFile. */
  profile?(): Promise<void>;
  /** Runs a full garbage collection in a garbage-collected server; resolves with its heap in use, bytes. */
  collectGarbage?(): Promise<number>;
}

/** How late a server's event loop ran over a span, ms (Hearth: monitorEventLoopDelay, 10 ms sampling). */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface ServerOptions {
  /** Pin the server process to this CPU core, when taskset exists. */
  core?: number;
  /** Niceness for the server process (see setNiceness). */
  nice?: number;
  /** The largest number of bench clients any scenario will log in at once. */
  maxClients: number;
  /** Hearth only: where the server writes a CPU profile of the span between profile() and stop(). */
  cpuProfileFile?: string;
  /** Hearth only: SQLite synchronous mode; 'default' leaves the server's own default. */
  hearthSync?: HearthSync;
  /** Hearth only: TLS on and the file limits lifted, for the files scenario (see bench/hearth-server.ts). */
  files?: boolean;
  /** Serve the chat over TLS (`npm run bench -- --tls`). */
  tls?: boolean;
}

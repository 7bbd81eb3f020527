// Messages between the benchmark coordinator (bench/run.ts) and its load-generator worker processes.
// Every command carries an id; the worker answers each with a reply carrying the same id.
export type ClientKind = 'hearth' | 'irc';

/** Where clients connect: the protocol they speak, the port, and whether it speaks TLS. */
export interface ConnectTarget {
  kind: ClientKind;
  port: number;
  tls: boolean;
}

export interface ClientSpec {
  /** Unique across the whole run; stamped into every payload so receivers can skip their own sends. */
  id: number;
  name: string;
  password: string;
  /** The room it joins and sends to, as its protocol names it (`#2`, `#r1`); absent: the default room. */
  room?: string;
}

export type WorkerCommand =
  | { cmd: 'connect'; target: ConnectTarget; clients: ClientSpec[]; concurrency: number }
  /** Start counting deliveries: every worker counts before any sends, or the first deliveries go uncounted. */
  | { cmd: 'count' }
  | { cmd: 'start'; senders: number[]; ratePerSender: number; durationMs: number }
  | { cmd: 'stall'; ids: number[]; probeEveryMs: number }
  | { cmd: 'poll' }
  | { cmd: 'collect' }
  | { cmd: 'counts' }
  | { cmd: 'close' };

export interface HistogramJSON {
  counts: number[];
  max: number;
  sum: number;
  count: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  firstError?: string;
  /** Over TLS: the protocol and cipher the last client and the server agreed on. */
  cipher?: string;
}

export interface SendResult {
  sent: number;
  /** How far behind its schedule the sender fell at worst, in ms: a sign the generator was the limit. */
  maxLagMs: number;
}

export interface ProgressResult {
  received: number;
  /** Sends refused by the server (`rate_limited`) so far. */
  refused: number;
}

export interface CollectResult {
  received: number;
  refused: number;
  histogram: HistogramJSON;
  errors: number;
  firstError?: string;
  closed: number;
  /** For each stalled client the server dropped: ms from the stall until the drop was noticed. */
  stalledDropAfterMs: number[];
  cpuUs: number;
  wallUs: number;
}

/** One client's own figures over the last measurement (multi-room scenarios check who heard what). */
export interface ClientCount {
  id: number;
  received: number;
  sent: number;
}

export type WorkerReply = { id: number; error?: string; result?: unknown };

// What every fallible call in the app answers: a value, or a sentence for people plus a code for programs.
// The codes are a closed set so that code which branches on them (the renderer picking the field to mark,
// the client deciding whether to retry) cannot test for a code nobody sends: a misspelling does not compile.
import type { ErrorCode as ProtocolErrorCode } from './protocol';

/**
 * Codes the app itself gives, on top of the room's (docs/protocol.md § Errors). The app gives some of the
 * room's too, where they mean the same: `busy` (something of the kind is already running, a queue is full).
 */
export type AppErrorCode =
  /** Superseded: another connection, or the room stopped, while this call waited. */
  | 'cancelled'
  /** The room's certificate is not the one pinned for it. */
  | 'certificate_changed'
  /** The connection was closed by this app while the call waited. */
  | 'closed'
  /** No link to a room right now (never connected, or reconnecting). */
  | 'disconnected'
  /** The app is quitting. */
  | 'disposed'
  /** The router sits behind another NAT, so a port mapping cannot reach the Internet. */
  | 'double_nat'
  /** The hosted room's process did not start. */
  | 'host_failed'
  /** A bug: something threw where nothing should; the message says what. */
  | 'internal'
  /** No router answered UPnP or NAT-PMP. */
  | 'no_gateway'
  /** Something answered at the address, but not as a Hearth room. */
  | 'not_hearth'
  /** The call needs a hosted room and there is none. */
  | 'not_hosting'
  /** A queued send was given up (the session ended before the room stored it). */
  | 'not_sent'
  /** The room answered with something the protocol does not allow there. */
  | 'protocol'
  /** The router refused the port mapping. */
  | 'refused'
  /** The feature is not offered in this build or environment. */
  | 'unavailable'
  /** Nothing answered at the address. */
  | 'unreachable';

export type ErrorCode = ProtocolErrorCode | AppErrorCode;

export type Success<T> = { ok: true; value: T };
export type Failure = { ok: false; error: string; code: ErrorCode };
export type Result<T = null> = Success<T> | Failure;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

/** The success of a call that has nothing to give back. */
export const OK: Success<null> = Object.freeze(ok(null));

export function fail(code: ErrorCode, error: string): Failure {
  return { ok: false, error, code };
}

/**
 * The default branch of a switch that must handle every case: it stops compiling when a case is added to
 * the union and not to the switch, and throws if a value from outside the types gets here anyway.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

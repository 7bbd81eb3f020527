// The connection's one state variable, and the only place that says which state may follow which. Every
// question the client core used to answer with a flag (is the link kept alive, is the session live on
// this socket, are pushes held back while catching up) is a question about the phase.

export type PhaseName =
  /** Never connected, or closed for good: nothing is reopened. */
  | 'idle'
  /** `connect()` is opening the first link and checking that a Hearth room answers. */
  | 'opening'
  /** Connected once; no session is live on the current link (which may be closed and reopened on demand). */
  | 'ready'
  /** The link dropped while a session was remembered: a reopen is scheduled or under way. */
  | 'reconnecting'
  /** Reopened: logging in again with the remembered credentials; live pushes are held back. */
  | 'relogging'
  /** Logged in again: fetching what was missed with `resume`; live pushes are still held back. */
  | 'resuming'
  /** A session is live on the current link. */
  | 'live';

/** A phase is an object so that an operation can tell whether it is still in the phase it started in. */
export interface Phase {
  readonly name: PhaseName;
}

const NEXT: Record<PhaseName, readonly PhaseName[]> = {
  idle: ['idle', 'opening'],
  opening: ['idle', 'ready'],
  ready: ['idle', 'opening', 'ready', 'live', 'reconnecting'],
  reconnecting: ['idle', 'ready', 'reconnecting', 'relogging'],
  relogging: ['idle', 'ready', 'reconnecting', 'resuming'],
  resuming: ['idle', 'ready', 'reconnecting', 'live'],
  live: ['idle', 'ready', 'reconnecting'],
};

export function canMove(from: PhaseName, to: PhaseName): boolean {
  return NEXT[from].includes(to);
}

/**
 * The next phase. A move the table does not allow is a bug in the client core: it is reported, and still
 * made, because refusing it would wedge the connection in a state its events no longer match.
 */
export function move(from: Phase, to: PhaseName): Phase {
  if (!canMove(from.name, to)) console.error(`hearth: client core moved from "${from.name}" to "${to}"`);
  return { name: to };
}

/** The link is repaired when it drops (the first connect succeeded and nobody closed it since). */
export const keepsAlive = (phase: Phase): boolean => phase.name !== 'idle' && phase.name !== 'opening';

/** Logged in on the current link: requests that need a login may go. */
export const isLoggedIn = (phase: Phase): boolean => phase.name === 'live' || phase.name === 'resuming';

/** Restoring a session after a reconnect: live pushes wait until resume has caught up. */
export const isRecovering = (phase: Phase): boolean =>
  phase.name === 'relogging' || phase.name === 'resuming';

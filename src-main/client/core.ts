// The parts of one client connection, held in one record that the façade (connection.ts) and the
// session and reconnect flows share, with the few moves they all make: change phase, report status, send a
// request on the current link, let go of the link.
import type { ResponseName } from '../../src-shared/protocol';
import { type Failure, fail, OK, type Result } from '../../src-shared/result';
import type { ConnectionEvents, LinkStatus, Timings } from './connection-types';
import type { TransferAccess } from './file-transfer';
import type { Link } from './link';
import type { OrderedDelivery } from './ordered-delivery';
import type { OutgoingMessage } from './outbox';
import { isLoggedIn, isRecovering, move, type Phase, type PhaseName } from './phase';
import type { Requests } from './requests';
import type { SendWindow } from './send-window';
import type { Session } from './session';
import type { TypedEmitter } from './typed-emitter';
import type { OutgoingRequest, ResponseOf, SendOutcome } from './types';

export interface ClientParts {
  readonly options: Timings;
  readonly events: TypedEmitter<ConnectionEvents>;
  readonly link: Link;
  readonly requests: Requests;
  readonly session: Session;
  readonly delivery: OrderedDelivery;
  readonly window: SendWindow;
  phase: Phase;
  status: LinkStatus;
}

export function moveTo(parts: ClientParts, next: PhaseName): Phase {
  parts.phase = move(parts.phase, next);
  return parts.phase;
}

export function setStatus(parts: ClientParts, status: LinkStatus): void {
  parts.status = status;
  parts.events.emit('status', { ...status });
}

/** Send one request on the current link and wait for the response (or `error`) that echoes its `rid`. */
export function request<N extends ResponseName>(
  parts: ClientParts,
  outgoing: OutgoingRequest,
  expect: readonly N[],
  timeoutMs = parts.options.requestTimeoutMs,
): Promise<Result<ResponseOf<N>>> {
  if (!parts.link.current) return Promise.resolve(notConnected(parts));
  return parts.requests.send((frame) => parts.link.write(frame), outgoing, expect, timeoutMs);
}

/** Forget the current link: pending requests fail, in-flight sends go back to waiting. */
export function detach(parts: ClientParts, reason: string): void {
  parts.link.release();
  if (isLoggedIn(parts.phase) || isRecovering(parts.phase)) moveTo(parts, 'ready');
  parts.window.forgetInflight();
  parts.delivery.dropBuffered();
  parts.requests.failAll(reason);
}

/** Make sure a link is open before starting a session, reopening one the server closed. */
export async function ensureLink(parts: ClientParts): Promise<Result> {
  const { link } = parts;
  if (link.current) return OK;
  if (parts.phase.name !== 'ready') return notConnected(parts);
  const opened = await link.open();
  if (link.current || parts.phase.name !== 'ready') {
    if (opened.ok) opened.value.destroy();
    return link.current ? OK : notConnected(parts);
  }
  if (!opened.ok) {
    setStatus(parts, { state: 'disconnected', error: opened.error, nextAttemptAt: null });
    return opened;
  }
  link.attach(opened.value);
  setStatus(parts, { state: 'connected', error: null, nextAttemptAt: null });
  return OK;
}

export function notConnected(parts: ClientParts): Failure {
  if (parts.status.state === 'reconnecting' || parts.status.state === 'connecting') {
    return fail('disconnected', 'Not connected right now: reconnecting to the server…');
  }
  return fail('disconnected', 'Not connected to a server.');
}

/** While a session is being restored the link is up but not usable yet; say so rather than "log in". */
export function notLoggedIn(parts: ClientParts): Failure {
  if (parts.session.info) return notConnected(parts);
  return fail('not_logged_in', 'You are not logged in.');
}

export type QueuedSend = { message: OutgoingMessage; acked: Promise<SendOutcome> };

/** Put a send (a message, or a file share) in the send window; refused while logged out or when full. */
export function queueSend(
  parts: ClientParts,
  send: Omit<OutgoingMessage, 'createdAt'>,
  replyTo?: number,
): Result<QueuedSend> {
  if (!parts.session.info) return fail('not_logged_in', 'Log in before sending messages.');
  if (parts.window.full) return fail('busy', 'Too many messages are waiting to be sent; wait for the room.');
  const reply = replyTo === undefined ? {} : { replyTo };
  const message = { ...send, createdAt: new Date().toISOString(), ...reply };
  return { ok: true, value: { message, acked: parts.window.add(message) } };
}

/** Transfer connections are for a live account session: its token, and the chat link's pinned opener. */
export function transferAccessOf(parts: ClientParts): TransferAccess | null {
  const credentials = parts.session.credentials;
  if (!isLoggedIn(parts.phase) || !credentials || !('token' in credentials)) return null;
  const { username, token } = credentials;
  return { username, token, open: () => parts.link.open() };
}

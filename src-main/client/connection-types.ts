// The client core's public shapes: its options, its link status and the events it emits.

import type { Profile, SignedOutReason } from '../../src-shared/account-protocol';
import type { CallSignal, CallState } from '../../src-shared/call-protocol';
import type { ConnectionState } from '../../src-shared/ipc';
import type {
  FriendEntry,
  FriendsSnapshot,
  MessageResponse,
  RoomInfo,
  RoomMemberInfo,
} from '../../src-shared/protocol';
import type { ErrorCode } from '../../src-shared/result';
import type { BackoffOptions } from './backoff';
import { MAX_CLIENT_PAGE, MAX_ROOM_FRAME_BYTES } from './bounds';
import type { OutgoingMessage } from './outbox';
import type { InfoResponse, LoginInfo, ReceivedMessage, ResponseOf } from './types';

export interface LinkStatus {
  state: ConnectionState;
  /** Why the last attempt failed or the link dropped, in words for people. */
  error: string | null;
  nextAttemptAt: number | null;
  /** The room said goodbye before the link closed (its host stopped it); retries go on quietly. */
  roomClosed?: boolean;
}

export interface ConnectionEvents {
  status: LinkStatus;
  message: ReceivedMessage;
  /** Join/leave/welcome and other `info` the server pushes. */
  notice: InfoResponse;
  presence: FriendEntry;
  friends: FriendsSnapshot;
  /** A session began (login/register) or ended (logout, or re-login refused after a reconnect). */
  session: LoginInfo | null;
  /** A queued send that the server refused for good. */
  sendFailed: { message: OutgoingMessage; error: string; code: ErrorCode };
  /** An `error` the server sent that answers no request (idle timeout, oversized frame...). */
  serverError: { error: string; code: ErrorCode };
  /** First connection to this room: its certificate fingerprint is now pinned (trust on first use). */
  pinned: { fingerprint: string };
  /** A re-login with the session token was refused (expired or logged out elsewhere): forget the token. */
  tokenRefused: { username: string };
  /** The user's rooms and invites as they are now (a session restored after a reconnect). */
  rooms: RoomsSnapshot;
  /** A room the user is in, as they now see it: created elsewhere, joined elsewhere, changed. */
  room: RoomInfo;
  /** The user is no longer in this room: they left on another connection, were removed or banned. */
  roomRemoved: { room: string; reason: 'left' | 'removed' | 'banned'; by: string | null };
  roomInvite: RoomInvitation;
  /** Someone in one of the user's rooms joined, left, changed role or was muted (member null: gone). */
  member: { room: string; username: string; member: RoomMemberInfo | null; members?: number };
  /** A message in one of the user's conversations was deleted (`conv` as messages carry it). */
  deleted: { id: number; conv: string };
  // Account and profile (account-requests.ts).
  /** Someone's display name, status or avatar changed (the user's own too, from another device). */
  profile: Profile;
  /** The room is closing this connection because of the account: password changed, signed out, deleted. */
  signedOut: { reason: SignedOutReason };
  /** A message was edited (a push, or the answer to our own `msg_edit`). */
  edited: EditedChange;
  /** Someone's reaction to a message went on or off (a push, or the answer to our own `react`). */
  reaction: ReactionChange;
  /** An older message changed while we were away, as it is now (a `resume` page's `changes`). */
  changed: MessageResponse;
  /** Read markers, receipts as a login (or the re-login after a drop) says them; before `session`. */
  readState: ReadState;
  /** This account's read marker moved on another of its connections. */
  read: ReadMarker;
  /** A friend read the direct conversation up to `id` (`conversation` names the friend). */
  seen: ReadMarker;
  /** This account turned read receipts on or off on another connection. */
  receipts: { on: boolean };
  /** Someone in a conversation is typing (forget it 6 s after the last one). */
  typing: { conversation: string; username: string };
  // Calls (call-requests.ts).
  /** A call the user is rung for or in changed (or a room call started); with `relay` only for the user's own. */
  call: CallState;
  /** A WebRTC signal from another person of the user's call. */
  callSignal: { call: string; from: string; signal: CallSignal };
}

export type ReadMarker = { conversation: string; id: number };

export interface ReadState {
  /** This account's markers: every room it is in (0: nothing read) and its direct conversations. */
  reads: ReadMarker[];
  /** How far friends have read the direct conversations with this account. */
  seen: ReadMarker[];
  receipts: boolean;
}

export type EditedChange = ResponseOf<'edited'>['content'];
export type ReactionChange = ResponseOf<'reaction'>['content'];

export type RoomInvitation = RoomInfo & { from: string };

export interface RoomsSnapshot {
  rooms: RoomInfo[];
  invites: RoomInvitation[];
}

export interface ConnectionOptions {
  host: string;
  port: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** How often to ping: keeps the server's idle timer and our own dead-link check fed. */
  heartbeatIntervalMs?: number;
  /** Silence after which the link is considered dead even though the socket looks open. */
  deadAfterMs?: number;
  /** Wait before retrying a send the server refused with `rate_limited` (or could not store). */
  rateLimitRetryMs?: number;
  /** Messages per `resume` page after a reconnect. */
  resumePageSize?: number;
  backoff?: Partial<BackoffOptions>;
  maxFrameBytes?: number;
  /**
   * SHA-256 fingerprint (`AB:CD:…`) this room's certificate had last time; null or absent on the first visit,
   * when the first certificate seen is pinned (the `pinned` event tells whoever keeps pins).
   */
  pinnedFingerprint?: string | null;
}

export const DEFAULTS = {
  requestTimeoutMs: 10_000,
  connectTimeoutMs: 8_000,
  heartbeatIntervalMs: 10_000,
  deadAfterMs: 25_000,
  rateLimitRetryMs: 1_000,
  resumePageSize: MAX_CLIENT_PAGE,
  maxFrameBytes: MAX_ROOM_FRAME_BYTES,
};

export type Timings = typeof DEFAULTS;

/** The options with every default filled in. */
export function withDefaults(options: ConnectionOptions): Timings {
  const pick = <K extends keyof Timings>(key: K) => options[key] ?? DEFAULTS[key];
  return {
    requestTimeoutMs: pick('requestTimeoutMs'),
    connectTimeoutMs: pick('connectTimeoutMs'),
    heartbeatIntervalMs: pick('heartbeatIntervalMs'),
    deadAfterMs: pick('deadAfterMs'),
    rateLimitRetryMs: pick('rateLimitRetryMs'),
    resumePageSize: pick('resumePageSize'),
    maxFrameBytes: pick('maxFrameBytes'),
  };
}

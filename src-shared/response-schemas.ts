// The zod schemas of everything a room sends (docs/protocol.md § Envelope, § Requests, § Errors). The
// client validates every frame against them before acting on it, with the same rigour as the room applies
// to requests: a room at a public IP is run by a stranger. The `Response` types in protocol.ts are
// inferred from these, so the server's builders and the client's readers share one definition.
import { z } from 'zod';
import { MAX_MESSAGE_CHARS, MAX_PAGE, USERNAME_PATTERN } from './limits';

/** The codes a room may put on an `error` (docs/protocol.md § Errors). */
export const PROTOCOL_ERROR_CODES = [
  'malformed',
  'invalid',
  'unknown_request',
  'frame_too_large',
  'not_logged_in',
  'already_logged_in',
  'bad_credentials',
  'name_taken',
  'weak_password',
  'guests_not_allowed',
  'not_allowed',
  'not_found',
  'rate_limited',
  'throttled',
  'timeout',
  'session_expired',
  'server_full',
  'too_many_connections',
  /** The room's password threads have a full queue: try again in a moment. */
  'busy',
  'server_error',
] as const;

/** Most messages a `resume` page may hold (docs/protocol.md § resume). */
export const MAX_RESUME_PAGE = 1000;
/** Most messages a login answer may carry: the latest 50 plus undelivered DMs; beyond this it is hostile. */
export const MAX_LOGIN_HISTORY = 5000;
/** Longest free-text field (`info`, `error`): a help text or a long names list, not a megabyte. */
const MAX_NOTICE_CHARS = 256 * 1024;

const username = z.string().regex(USERNAME_PATTERN);
const messageId = z.number().int().nonnegative();
const base = {
  timestamp: z.iso.datetime(),
  sender: username,
  re: z.string().max(64).optional(),
};

export const messageResponseSchema = z.object({
  timestamp: base.timestamp,
  sender: username,
  response: z.literal('message'),
  content: z.string().max(MAX_MESSAGE_CHARS),
  id: messageId,
  /** `room`, or `dm` for a direct message (then `to` names the recipient). */
  conv: z.enum(['room', 'dm']),
  to: username.optional(),
});

export const friendEntrySchema = z.object({ username, online: z.boolean() });

export const friendsSnapshotSchema = z.object({
  friends: z.array(friendEntrySchema),
  /** Requests others sent to me, awaiting my answer. */
  incoming: z.array(username),
  /** Requests I sent, awaiting their answer. */
  outgoing: z.array(username),
  /** Whom I blocked (rooms older than blocking send no such list). Clients hide their room messages. */
  blocked: z.array(username).optional(),
});

const loginContent = z.object({
  username,
  guest: z.boolean(),
  /** The newest message id on the server at login; resume from max(lastId, newest id seen) after a drop. */
  lastId: messageId,
  /**
   * Ascending by id: the room's latest messages, plus every direct message addressed to this user that
   * was never delivered to any of their connections (conv 'dm'), so offline DMs arrive with the login.
   */
  history: z.array(messageResponseSchema).max(MAX_LOGIN_HISTORY),
  friends: friendsSnapshotSchema,
  /**
   * Issued on a password login or register (accounts only): log in with `{username, token}` later
   * instead of the password, until it expires or the session logs out.
   */
  token: z.string().min(1).max(128).optional(),
});

const answer = <R extends string, S extends z.ZodRawShape>(response: R, shape: S) =>
  z.object({ ...base, response: z.literal(response), ...shape });

export const responseSchema = z.discriminatedUnion('response', [
  answer('error', { content: z.string().max(MAX_NOTICE_CHARS), code: z.enum(PROTOCOL_ERROR_CODES) }),
  // Join/leave notices are `info` (classic clients know no other kind) with `event` and `user` added.
  answer('info', {
    content: z.string().max(MAX_NOTICE_CHARS),
    users: z.array(username).optional(),
    event: z.enum(['join', 'leave', 'welcome', 'goodbye']).optional(),
    user: username.optional(),
  }),
  messageResponseSchema,
  answer('history', {
    content: z.array(messageResponseSchema).max(MAX_PAGE),
    conv: z.string().max(64).optional(),
    more: z.boolean().optional(),
  }),
  answer('login', { content: loginContent }),
  answer('ack', {
    content: z.object({
      cid: z.string().min(1).max(64),
      id: messageId,
      timestamp: base.timestamp,
      duplicate: z.boolean(),
    }),
  }),
  answer('resume', { content: z.array(messageResponseSchema).max(MAX_RESUME_PAGE), more: z.boolean() }),
  answer('presence', { content: friendEntrySchema }),
  answer('friends', { content: friendsSnapshotSchema }),
  answer('pong', { content: z.null() }),
]);

// The Hearth wire protocol: a superset of the classic KTN chat protocol.
// Shared by the server, the client core and (for types only) the renderer, so it imports nothing
// from Node, Electron or React. docs/protocol.md is the human description of what is here.
import { z } from 'zod';
import {
  HISTORY_ON_LOGIN,
  MAX_MESSAGE_CHARS,
  MAX_PAGE,
  MAX_PASSWORD_LENGTH,
  ROOM,
  USERNAME_PATTERN,
} from './limits';
import { hasLoneSurrogate, looksEmpty } from './text';

export {
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_PORT,
  HISTORY_ON_LOGIN,
  MAX_MESSAGE_CHARS,
  MAX_PAGE,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  ROOM,
  SERVER_SENDER,
  USERNAME_PATTERN,
} from './limits';

const username = z
  .string()
  .regex(USERNAME_PATTERN, 'username must be 1-32 characters of letters, digits or _');
/**
 * A string the room stores or compares as UTF-8 must be well-formed UTF-16: a lone surrogate would be stored
 * as U+FFFD and come back different (docs/protocol.md § msg).
 */
const wellFormed = <S extends z.ZodString>(schema: S) =>
  schema.refine((text) => !hasLoneSurrogate(text), 'text has a lone surrogate: it is not valid Unicode');
const password = wellFormed(
  z.string().max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters`),
);
/** A conversation as a client names it: the main room, or `@name` for the direct conversation with name. */
const conversation = z.union([
  z.literal(ROOM),
  z.string().regex(/^@[A-Za-z0-9_]{1,32}$/, 'conversation must be "room" or "@username"'),
]);
const messageId = z.number().int().nonnegative();
/** A client-generated id for a send; a retry with the same id is stored once. */
const clientMsgId = wellFormed(z.string().min(1).max(64));
/** Message text, classic or Hearth: at most 8000 characters, kept exactly, and something must show. */
const messageText = wellFormed(
  z.string().max(MAX_MESSAGE_CHARS, `message must be at most ${MAX_MESSAGE_CHARS} characters`),
).refine((text) => !looksEmpty(text), 'message is empty (or only invisible characters)');
/** Optional request correlation id, echoed as `re` on the direct answer. */
const rid = z.string().max(64).optional();
/** Classic clients send null, "" or "None" where content means nothing. */
const ignored = z.unknown().optional();

const req = <R extends string, C extends z.ZodTypeAny>(request: R, content: C) =>
  z.object({ request: z.literal(request), content, rid });

export const requestSchema = z.discriminatedUnion('request', [
  // Classic guest login takes the nickname as a string (the connection then stays classic: one object per
  // answer, paced pushes, a `history` answer). Hearth clients send credentials, or `{username, guest: true}`
  // for a guest session that gets the full `login` answer and newline-delimited coalesced pushes.
  req(
    'login',
    z.union([
      z.string(),
      z.object({
        username,
        password: password.refine((text) => text.length > 0, 'password is required'),
      }),
      z.object({ username, guest: z.literal(true) }),
      // Resuming a session with the token an earlier login returned, instead of the password.
      z.object({ username, token: wellFormed(z.string().min(1, 'token is required').max(128)) }),
    ]),
  ),
  // A successful register also logs the connection in: the answer is the same `login` response.
  req('register', z.object({ username, password })),
  req('logout', ignored),
  req('names', ignored),
  req('help', ignored),
  // Classic `msg` carries the text; Hearth clients add a client id and optionally a DM recipient.
  req(
    'msg',
    z.union([
      messageText,
      z.object({
        text: messageText,
        cid: clientMsgId,
        to: conversation.default(ROOM),
      }),
    ]),
  ),
  // Classic `history` (any content) returns the room's latest messages; Hearth clients page.
  req(
    'history',
    z.union([
      z.object({
        conversation,
        before: messageId.optional(),
        limit: z.number().int().min(1).max(MAX_PAGE).default(HISTORY_ON_LOGIN),
      }),
      z.string(),
      z.null(),
      z.undefined(),
    ]),
  ),
  req('resume', z.object({ since: messageId, limit: z.number().int().min(1).max(1000).default(500) })),
  req('friend_request', z.object({ username })),
  req('friend_accept', z.object({ username })),
  req('friend_decline', z.object({ username })),
  req('friend_remove', z.object({ username })),
  req('friends', ignored),
  // Blocking someone: no friend requests or direct messages from them; clients hide their room messages.
  req('block', z.object({ username })),
  req('unblock', z.object({ username })),
  req('ping', ignored),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestName = Request['request'];
export const REQUEST_NAMES = requestSchema.options.map((o) => o.shape.request.value) as RequestName[];

/** A stored message as it travels inside `history`/`resume`, or pushed as a `message` response. */
export interface MessageResponse {
  timestamp: string;
  sender: string;
  response: 'message';
  content: string;
  id: number;
  /** `room`, or `dm` for a direct message (then `to` names the recipient). */
  conv: 'room' | 'dm';
  to?: string;
}

export interface FriendEntry {
  username: string;
  online: boolean;
}

export interface FriendsSnapshot {
  friends: FriendEntry[];
  /** Requests others sent to me, awaiting my answer. */
  incoming: string[];
  /** Requests I sent, awaiting their answer. */
  outgoing: string[];
  /** Whom I blocked (rooms older than blocking send no such list). Clients hide their room messages. */
  blocked?: string[];
}

/** Machine-readable reason on `error` responses; `content` always holds a sentence for people. */
export type ErrorCode =
  | 'malformed'
  | 'invalid'
  | 'unknown_request'
  | 'frame_too_large'
  | 'not_logged_in'
  | 'already_logged_in'
  | 'bad_credentials'
  | 'name_taken'
  | 'weak_password'
  | 'guests_not_allowed'
  | 'not_allowed'
  | 'not_found'
  | 'rate_limited'
  | 'throttled'
  | 'timeout'
  | 'session_expired'
  | 'server_full'
  | 'too_many_connections'
  /** The room's password threads have a full queue: try again in a moment (docs/protocol.md § Errors). */
  | 'busy'
  | 'server_error';

interface Base {
  timestamp: string;
  sender: string;
  /** Echo of the request's `rid`, when it had one. */
  re?: string;
}

export type Response =
  | (Base & { response: 'error'; content: string; code: ErrorCode })
  // Join/leave notices are `info` (classic clients know no other kind) with `event` and `user` added.
  | (Base & {
      response: 'info';
      content: string;
      users?: string[];
      event?: 'join' | 'leave' | 'welcome' | 'goodbye';
      user?: string;
    })
  | MessageResponse
  | (Base & { response: 'history'; content: MessageResponse[]; conv?: string; more?: boolean })
  | (Base & {
      response: 'login';
      content: {
        username: string;
        guest: boolean;
        /** The newest message id on the server at login; resume from max(lastId, newest id seen) after a drop. */
        lastId: number;
        /**
         * Ascending by id: the room's latest messages, plus every direct message addressed to this user that
         * was never delivered to any of their connections (conv 'dm'), so offline DMs arrive with the login.
         */
        history: MessageResponse[];
        friends: FriendsSnapshot;
        /**
         * Issued on a password login or register (accounts only): log in with `{username, token}` later
         * instead of the password, until it expires or the session logs out.
         */
        token?: string;
      };
    })
  | (Base & { response: 'ack'; content: { cid: string; id: number; timestamp: string; duplicate: boolean } })
  | (Base & { response: 'resume'; content: MessageResponse[]; more: boolean })
  | (Base & { response: 'presence'; content: FriendEntry })
  | (Base & { response: 'friends'; content: FriendsSnapshot })
  | (Base & { response: 'pong'; content: null });

export type ResponseName = Response['response'];

/** Turn a validation failure into one sentence a person (or a terminal client) can act on. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

// The Hearth wire protocol: a superset of the classic KTN chat protocol.
// Shared by the server, the client core and (for types only) the renderer, so it imports nothing
// from Node, Electron or React. docs/protocol.md is the human description of what is here.
import { z } from 'zod';
import { accountRequests } from './account-protocol';
import { callRequests } from './call-protocol';
import { isEmoji } from './emoji';
import { fileRequests } from './file-protocol';
import {
  GROUP_MAX_PEOPLE,
  GROUP_MIN_PEOPLE,
  HISTORY_ON_LOGIN,
  MAX_MESSAGE_CHARS,
  MAX_MUTE_MINUTES,
  MAX_PAGE,
  MAX_PASSWORD_LENGTH,
  MAX_ROOM_NAME_CHARS,
  MAX_ROOM_TOPIC_CHARS,
  MAX_SEARCH_QUERY_CHARS,
  MAX_SEARCH_RESULTS,
  ROOM,
  ROOM_CONVERSATION_PATTERN,
} from './limits';
import type {
  friendEntrySchema,
  friendsSnapshotSchema,
  memberSchema,
  messageResponseSchema,
  PROTOCOL_ERROR_CODES,
  responseSchema,
  roomSchema,
} from './response-schemas';
import { req, requestUsername, wellFormed } from './schema-parts';
import { looksEmpty } from './text';

export {
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_PORT,
  DEFAULT_ROOM_ID,
  HISTORY_ON_LOGIN,
  MAX_MESSAGE_CHARS,
  MAX_PAGE,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  ROOM,
  SERVER_SENDER,
  USERNAME_PATTERN,
} from './limits';

const username = requestUsername;
const password = wellFormed(
  z.string().max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters`),
);
/** A room as a client names it: `room` (the default room) or `#n` (any other room or group conversation). */
const roomId = z.string().regex(ROOM_CONVERSATION_PATTERN, 'room must be "room" or "#<number>"');
/** A conversation as a client names it: a room, or `@name` for the direct conversation with name. */
const conversation = z.union([
  roomId,
  z.string().regex(/^@[A-Za-z0-9_]{1,32}$/, 'conversation must be "room", "#<number>" or "@username"'),
]);
/** Room names and topics are shown as text; they must show something and be valid Unicode. */
const roomName = wellFormed(
  z.string().max(MAX_ROOM_NAME_CHARS, `name must be at most ${MAX_ROOM_NAME_CHARS} characters`),
).refine((text) => !looksEmpty(text), 'name is empty (or only invisible characters)');
const roomTopic = wellFormed(
  z.string().max(MAX_ROOM_TOPIC_CHARS, `topic must be at most ${MAX_ROOM_TOPIC_CHARS} characters`),
);
const messageId = z.number().int().nonnegative();
/** A client-generated id for a send; a retry with the same id is stored once. */
const clientMsgId = wellFormed(z.string().min(1).max(64));
/** Message text, classic or Hearth: at most 8000 characters, kept exactly, and something must show. */
const messageText = wellFormed(
  z.string().max(MAX_MESSAGE_CHARS, `message must be at most ${MAX_MESSAGE_CHARS} characters`),
).refine((text) => !looksEmpty(text), 'message is empty (or only invisible characters)');
/** Classic clients send null, "" or "None" where content means nothing. */
const ignored = z.unknown().optional();

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
        /** The message this one answers, in the same conversation (docs/protocol.md § Replies). */
        replyTo: z.number().int().min(1).optional(),
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
  // `changes: true` also returns edits, deletions and reactions of older messages (docs/protocol.md § resume).
  req(
    'resume',
    z.object({
      since: messageId,
      limit: z.number().int().min(1).max(1000).default(500),
      changes: z.boolean().optional(),
    }),
  ),
  req('friend_request', z.object({ username })),
  req('friend_accept', z.object({ username })),
  req('friend_decline', z.object({ username })),
  req('friend_remove', z.object({ username })),
  req('friends', ignored),
  // Blocking someone: no friend requests or direct messages from them; clients hide their room messages.
  req('block', z.object({ username })),
  req('unblock', z.object({ username })),
  req('ping', ignored),
  // Rooms (docs/protocol.md § Rooms): the rooms you are in (and your invites), or the public ones to browse.
  req('rooms', z.object({ browse: z.boolean().default(false) }).default({ browse: false })),
  req(
    'room_create',
    z.object({ name: roomName, topic: roomTopic.default(''), visibility: z.enum(['public', 'private']) }),
  ),
  // A group conversation: a private room without a name, of 3–10 friends (the creator counts).
  req(
    'group_create',
    z.object({
      members: z
        .array(username)
        .min(GROUP_MIN_PEOPLE - 1, `a group needs at least ${GROUP_MIN_PEOPLE - 1} friends besides you`)
        .max(GROUP_MAX_PEOPLE - 1, `a group holds at most ${GROUP_MAX_PEOPLE} people`),
    }),
  ),
  req('room_join', z.object({ room: roomId })),
  req('room_leave', z.object({ room: roomId })),
  req('room_invite', z.object({ room: roomId, username })),
  req('room_decline', z.object({ room: roomId })),
  req(
    'room_update',
    z
      .object({
        room: roomId,
        name: roomName.optional(),
        topic: roomTopic.optional(),
        readOnly: z.boolean().optional(),
        archived: z.boolean().optional(),
        visibility: z.enum(['public', 'private']).optional(),
        guests: z.boolean().optional(),
      })
      .refine((u) => Object.keys(u).length > 1, 'nothing to change'),
  ),
  req('room_members', z.object({ room: roomId })),
  req('room_role', z.object({ room: roomId, username, role: z.enum(['moderator', 'member']) })),
  req(
    'moderate',
    z.discriminatedUnion('action', [
      z.object({ room: roomId, username, action: z.enum(['remove', 'ban', 'unban', 'unmute']) }),
      z.object({
        room: roomId,
        username,
        action: z.literal('mute'),
        minutes: z.number().int().min(1).max(MAX_MUTE_MINUTES),
      }),
    ]),
  ),
  // Delete a message: your own anywhere, or any in a room you moderate. It leaves a tombstone.
  req('msg_delete', z.object({ id: messageId.min(1) })),
  // Conversation features (docs/protocol.md § Conversation features).
  req('msg_edit', z.object({ id: messageId.min(1), text: messageText })),
  req(
    'react',
    z.object({
      id: messageId.min(1),
      emoji: z.string().max(64).refine(isEmoji, 'emoji must be one emoji (1-8 code points), not text'),
      on: z.boolean(),
    }),
  ),
  req('read', z.object({ conversation, id: messageId.min(1) })),
  req('receipts', z.object({ on: z.boolean() })),
  req('typing', z.object({ conversation })),
  // Full-text search over what the user can page to, newest first (docs/protocol.md § Search).
  req(
    'search',
    z.object({
      query: wellFormed(
        z.string().max(MAX_SEARCH_QUERY_CHARS, `query must be at most ${MAX_SEARCH_QUERY_CHARS} characters`),
      ).refine((text) => !looksEmpty(text), 'query is empty'),
      conversation: conversation.optional(),
      from: username.optional(),
      before: messageId.optional(),
      limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
    }),
  ),
  // Account and profile (docs/protocol.md § Account and profile), defined in account-protocol.ts.
  ...accountRequests,
  // Files (docs/protocol.md § Files), defined in file-protocol.ts.
  ...fileRequests,
  // Calls (docs/protocol.md § Calls), defined in call-protocol.ts.
  ...callRequests,
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestName = Request['request'];
export const REQUEST_NAMES = requestSchema.options.map((o) => o.shape.request.value) as RequestName[];

// Everything a room sends is defined by the schemas in response-schemas.ts; these are their types, so the
// server's builders and the client's readers cannot drift apart.
/** A stored message as it travels inside `history`/`resume`, or pushed as a `message` response. */
export type MessageResponse = z.infer<typeof messageResponseSchema>;
export type FriendEntry = z.infer<typeof friendEntrySchema>;
export type FriendsSnapshot = z.infer<typeof friendsSnapshotSchema>;
/** A room as one user sees it (their role, its member count). */
export type RoomInfo = z.infer<typeof roomSchema>;
export type RoomMemberInfo = z.infer<typeof memberSchema>;
export type RoomRole = NonNullable<RoomInfo['role']>;
/** Machine-readable reason on `error` responses; `content` always holds a sentence for people. */
export type ErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];
export type Response = z.infer<typeof responseSchema>;

export type ResponseName = Response['response'];

/** Turn a validation failure into one sentence a person (or a terminal client) can act on. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  // zod lists every request name here; the list outgrew one sentence, and "help" already answers it.
  if (issue.code === 'invalid_union' && issue.path.join('.') === 'request') {
    return 'request: unknown request name; send "help" for the list';
  }
  return `${where}${issue.message}`;
}

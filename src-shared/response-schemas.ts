// The zod schemas of everything a room sends (docs/protocol.md § Envelope, § Requests, § Errors). The
// client validates every frame against them before acting on it, with the same rigour as the room applies
// to requests: a room at a public IP is run by a stranger. The `Response` types in protocol.ts are
// inferred from these, so the server's builders and the client's readers share one definition.
import { z } from 'zod';
import { accountResponses } from './account-protocol';
import { callResponses } from './call-protocol';
import { fileMetaSchema } from './file-protocol';
import {
  GROUP_MAX_PEOPLE,
  MAX_EMOJI_CODE_POINTS,
  MAX_MENTIONS,
  MAX_MESSAGE_CHARS,
  MAX_PAGE,
  MAX_REACTION_KINDS,
  MAX_REACTION_USERS_LISTED,
  MAX_READ_MARKERS_LISTED,
  MAX_REPLY_PREVIEW_CHARS,
  MAX_ROOM_NAME_CHARS,
  MAX_ROOM_TOPIC_CHARS,
  MAX_SEARCH_RESULTS,
  ROOM_CONVERSATION_PATTERN,
} from './limits';
import { answer, answerBase, roomUsername } from './schema-parts';

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
  /**
   * The room's password threads have a full queue: try again in a moment. The app gives it too, for one of
   * its own that is already running or full (a connect, a hosted room, the queue of unanswered requests).
   */
  'busy',
  /** Banned from that room (or, for the default room, from the server): no rejoining, no reading. */
  'banned',
  /** Muted in that room until the time the sentence gives. */
  'muted',
  /** The room is read-only (locked or archived): only its owner and moderators may post. */
  'read_only',
  /** A cap was reached: rooms per user or server, members per room, moderation actions per minute. */
  'limit_reached',
  'server_error',
] as const;

/** Most messages a `resume` page may hold (docs/protocol.md § resume). */
export const MAX_RESUME_PAGE = 1000;
/** Most messages a login answer may carry: the latest 50 plus undelivered DMs; beyond this it is hostile. */
export const MAX_LOGIN_HISTORY = 5000;
/** Most rooms one `rooms` answer lists (a user can be in at most 500; browsing lists the 200 largest). */
export const MAX_ROOMS_LISTED = 500;
/** Most members one `members` answer lists (a room holds at most 5,000; the default room lists who is online). */
export const MAX_MEMBERS_LISTED = 5000;
/** Longest free-text field (`info`, `error`): a help text or a long names list, not a megabyte. */
const MAX_NOTICE_CHARS = 256 * 1024;

const username = roomUsername;
const messageId = z.number().int().nonnegative();
const base = answerBase;

/** `room` (the default room) or `#n` (another room or a group conversation). */
const roomId = z.string().regex(ROOM_CONVERSATION_PATTERN);

/** `room`, `#n` or `dm`: the conversation a message belongs to. */
const messageConv = z.union([z.literal('dm'), roomId]);
/** A conversation as the user it is sent to names it: `room`, `#n`, or `@friend` for a direct conversation. */
const conversationName = z.union([roomId, z.string().regex(/^@[A-Za-z0-9_]{1,32}$/)]);
/** One emoji: at most 8 code points, i.e. at most 16 UTF-16 code units. */
const emoji = z
  .string()
  .min(1)
  .max(MAX_EMOJI_CODE_POINTS * 2);

/** One emoji on a message: how many reacted, the first few who did, and whether the reader is among them. */
export const reactionSchema = z.object({
  emoji,
  count: z.number().int().min(1),
  users: z.array(username).max(MAX_REACTION_USERS_LISTED),
  mine: z.boolean(),
});

/** What a reply quotes of the message it answers; only `deleted` (text empty) once that one was deleted. */
export const replyPreviewSchema = z.object({
  id: messageId,
  from: username,
  text: z.string().max(MAX_REPLY_PREVIEW_CHARS),
  deleted: z.literal(true).optional(),
});

const mentionFields = {
  /** Members of the room named with `@name` (at most 20); absent when nobody was. */
  mentions: z.array(username).max(MAX_MENTIONS).optional(),
  /** `@room` by the room's owner or a moderator: everyone in the room is mentioned. */
  mentionsRoom: z.literal(true).optional(),
};

export const messageResponseSchema = z.object({
  timestamp: base.timestamp,
  sender: username,
  response: z.literal('message'),
  content: z.string().max(MAX_MESSAGE_CHARS),
  id: messageId,
  /** `room` or `#n` for a room message, `dm` for a direct message (then `to` names the recipient). */
  conv: z.union([z.literal('dm'), roomId]),
  to: username.optional(),
  /** Said by the room itself (sender `server`) and stored like a message: moderation and membership notices. */
  notice: z.enum(['moderation', 'membership', 'call']).optional(),
  /** A deleted message's tombstone: content is empty. */
  deleted: z.literal(true).optional(),
  /** The message this one replies to, quoted as it is now. */
  replyTo: replyPreviewSchema.optional(),
  /** When it was last edited (content is the latest text). */
  edited: base.timestamp.optional(),
  /** The id-sequence number of its last change (edit, deletion, reaction); absent if never changed. */
  rev: messageId.optional(),
  reactions: z.array(reactionSchema).max(MAX_REACTION_KINDS).optional(),
  ...mentionFields,
  /** Sent by a guest (no account behind the name); absent for accounts and the room's own notices. */
  guest: z.literal(true).optional(),
  /** A shared file (docs/protocol.md § Files); content is then the room's one-line notice of it. */
  file: fileMetaSchema.optional(),
});

/** A conversation and the newest message id read in it. */
const readMarker = z.object({ conversation: conversationName, id: messageId });

const roomRole = z.enum(['owner', 'moderator', 'member']);
const isoOrNull = base.timestamp.nullable();

/** A room as the user it is sent to sees it (docs/protocol.md § Rooms). */
export const roomSchema = z.object({
  id: roomId,
  /** Empty for a group conversation (clients name it after `people`). */
  name: z.string().max(MAX_ROOM_NAME_CHARS),
  topic: z.string().max(MAX_ROOM_TOPIC_CHARS),
  kind: z.enum(['default', 'public', 'private', 'group']),
  /** This user's role, or null when they are not a member (browsing public rooms, an invite). */
  role: roomRole.nullable(),
  members: z.number().int().nonnegative(),
  /** Locked by its owner or a moderator: only they may post. */
  readOnly: z.boolean(),
  /** Archived by its owner: read-only, not listed for browsing, no new members. */
  archived: z.boolean(),
  /** Whether guests may be in it: the default room unless the host refuses guests; else the room's setting. */
  guests: z.boolean(),
  /** The newest message id in the room (0 if none): with the ids a client has seen, its unread count. */
  lastId: messageId,
  /** Until when this user is muted in it, or null. */
  mutedUntil: isoOrNull,
  /** A group conversation's people (display names, the creator included); absent for other rooms. */
  people: z.array(username).max(GROUP_MAX_PEOPLE).optional(),
  /** The newest message id this user has read in it, on any device (0: none); absent in pushes. */
  lastRead: messageId.optional(),
});

export const memberSchema = z.object({
  username,
  role: roomRole,
  online: z.boolean(),
  guest: z.boolean(),
  mutedUntil: isoOrNull,
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
  /** The rooms this user is in, the default room first (absent from rooms older than rooms). */
  rooms: z.array(roomSchema).max(MAX_ROOMS_LISTED).optional(),
  /** Private rooms this user was invited to and has not joined. */
  invites: z
    .array(roomSchema.extend({ from: username }))
    .max(MAX_ROOMS_LISTED)
    .optional(),
  /** This user's read markers in direct conversations (`@friend`), the most recent first. */
  reads: z.array(readMarker).max(MAX_READ_MARKERS_LISTED).optional(),
  /** How far each friend has read the direct conversation with this user (only where receipts are on). */
  seen: z.array(readMarker).max(MAX_READ_MARKERS_LISTED).optional(),
  /** Whether this user sends and sees read receipts (`receipts`). */
  receipts: z.boolean().optional(),
});

export const responseSchema = z.discriminatedUnion('response', [
  answer('error', { content: z.string().max(MAX_NOTICE_CHARS), code: z.enum(PROTOCOL_ERROR_CODES) }),
  // Join/leave notices are `info` (classic clients know no other kind) with `event` and `user` added.
  answer('info', {
    content: z.string().max(MAX_NOTICE_CHARS),
    users: z.array(username).optional(),
    event: z.enum(['join', 'leave', 'welcome', 'goodbye']).optional(),
    user: username.optional(),
    /** With `join` and `leave`: how many are in the default room now (everyone logged in). */
    members: z.number().int().nonnegative().optional(),
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
  answer('resume', {
    content: z.array(messageResponseSchema).max(MAX_RESUME_PAGE),
    more: z.boolean(),
    /** With `changes: true`: older messages changed since `since`, as they are now (content and changes share the limit). */
    changes: z.array(messageResponseSchema).max(MAX_RESUME_PAGE).optional(),
    /** With `changes: true`: resume from here next (it may be past the last id in content). */
    next: messageId.optional(),
  }),
  answer('presence', { content: friendEntrySchema }),
  answer('friends', { content: friendsSnapshotSchema }),
  answer('pong', { content: z.null() }),
  // Rooms (docs/protocol.md § Rooms).
  answer('rooms', {
    content: z.array(roomSchema).max(MAX_ROOMS_LISTED),
    invites: z
      .array(roomSchema.extend({ from: username }))
      .max(MAX_ROOMS_LISTED)
      .optional(),
    browse: z.boolean(),
  }),
  /** The answer to room_create/group_create/room_join/room_update, and a push when a room you are in changes. */
  answer('room', { content: roomSchema }),
  /** Pushed when you are no longer in a room: you left (on another device), were removed or banned. */
  answer('room_removed', {
    content: z.object({
      room: roomId,
      reason: z.enum(['left', 'removed', 'banned']),
      by: username.optional(),
    }),
  }),
  /** Pushed to the invitee's connections. */
  answer('room_invite', { content: roomSchema, from: username }),
  answer('members', {
    content: z.array(memberSchema).max(MAX_MEMBERS_LISTED),
    room: roomId,
    more: z.boolean(),
  }),
  /** Pushed to a room's online members when someone joins, leaves, changes role or is muted; null: gone. */
  answer('member', {
    content: z.object({
      room: roomId,
      username,
      member: memberSchema.nullable(),
      /** How many members the room has after the change. */
      members: z.number().int().nonnegative().optional(),
    }),
  }),
  /** Pushed to a conversation's audience when a message in it was deleted (its tombstone replaces it). */
  answer('deleted', { content: z.object({ id: messageId, conv: messageConv }) }),
  // Conversation features (docs/protocol.md § Conversation features).
  /** The answer to msg_edit, and a push to the conversation's audience: the message's latest text. */
  answer('edited', {
    content: z.object({
      id: messageId,
      conv: messageConv,
      text: z.string().max(MAX_MESSAGE_CHARS),
      edited: base.timestamp,
      rev: messageId,
      ...mentionFields,
    }),
  }),
  /** The answer to react, and a push to the audience: who toggled which emoji, and its count now (0: gone). */
  answer('reaction', {
    content: z.object({
      id: messageId,
      conv: messageConv,
      emoji,
      username,
      on: z.boolean(),
      count: z.number().int().nonnegative(),
      rev: messageId,
    }),
  }),
  /** The answer to read, and a push to the user's other connections: their read marker there now. */
  answer('read', { content: readMarker }),
  /** Pushed to the sender of direct messages when the friend read them (receipts on both sides). */
  answer('seen', { content: readMarker }),
  answer('receipts', { content: z.object({ on: z.boolean() }) }),
  /** Someone is typing in a conversation (a DM names it `@them`); forget it after 6 s without another. */
  answer('typing', { content: z.object({ conversation: conversationName, username }) }),
  /** The answer to search: matching messages, newest first; `more`: page on with `before` = the last id. */
  answer('search', { content: z.array(messageResponseSchema).max(MAX_SEARCH_RESULTS), more: z.boolean() }),
  // Account and profile (docs/protocol.md § Account and profile), defined in account-protocol.ts.
  ...accountResponses,
  // Calls (docs/protocol.md § Calls), defined in call-protocol.ts.
  ...callResponses,
]);

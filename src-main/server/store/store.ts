// The storage interface the chat server codes against. The protocol code never sees SQL, so another store
// (in memory, another database) can be added by implementing this interface.
import type { FileMeta } from '../../../src-shared/file-protocol';
import type { AccountStore } from './account-store';
import type { ConversationStore } from './conversation-store';
import type { FileStore } from './file-table';
import type { RoomStore } from './room-store';

/** Which conversation a query is about: a room (the default room without an id), or a direct conversation. */
export type ConversationRef = { kind: 'room'; id?: number } | { kind: 'dm'; a: string; b: string };

/** Stored notices said by the room itself (docs/protocol.md § Rooms; `call`: a missed call, § Calls). */
export type NoticeKind = 'moderation' | 'membership' | 'call';

export interface StoredMessage {
  id: number;
  /** Server time, ms since the epoch. */
  timestamp: number;
  sender: string;
  text: string;
  /** Display name of a direct message's recipient; null for room messages. */
  recipient: string | null;
  /** As the wire names it: `room` (the default room), `#n` (another room) or `dm`. */
  conv: string;
  notice: NoticeKind | null;
  /** A tombstone: text is ''. */
  deleted: boolean;
  /** The message it answers, as that one is now; null if it is no reply. */
  replyTo: ReplyPreview | null;
  /** When it was last edited (ms), or null. */
  editedAt: number | null;
  /** The id-sequence number of its last change (edit, deletion, reaction); 0 if never changed. */
  rev: number;
  /** Display names of the members it mentions. */
  mentions: string[];
  /** `@room` by an owner or moderator. */
  mentionsRoom: boolean;
  /** Sent by a guest (no account: the name may be someone else's tomorrow). */
  guest: boolean;
  /** Its reactions as one reader sees them; filled in for that reader (reaction-view.ts), absent otherwise. */
  reactions?: ReactionSummary[];
  /** The file it shares (docs/protocol.md § Files); absent for text, and gone with a deletion. */
  file?: FileMeta;
}

export interface ReplyPreview {
  id: number;
  from: string;
  /** At most 140 characters of its text; '' once it was deleted. */
  text: string;
  deleted: boolean;
}

export interface ReactionSummary {
  emoji: string;
  count: number;
  /** The first reactors' display names (at most 20). */
  users: string[];
  mine: boolean;
}

/** What deciding on a msg_delete needs to know about a stored message. */
export interface MessageRef {
  id: number;
  /** The room it was said in; null for a direct message. */
  roomId: number | null;
  senderKey: string;
  recipientKey: string | null;
  notice: NoticeKind | null;
  deleted: boolean;
  /** The SHA-256 of the file it shares, or null. */
  fileSha256: string | null;
}

export interface NewMessage {
  /** Lowercase user key for accounts, `~name` for guests (a key no account can have). */
  senderKey: string;
  sender: string;
  recipientKey: string | null;
  recipient: string | null;
  text: string;
  /** Client id of the send; (senderKey, cid) is unique, so a retried send is stored once. */
  cid: string | null;
  timestamp: number;
  /** For direct messages: whether the recipient had a live connection when it was committed. */
  delivered: boolean;
  /** The room of a room message; absent means the default room. */
  roomId?: number;
  notice?: NoticeKind;
  /** The message it answers (checked to be in the same conversation). */
  replyTo?: number;
  mentions?: string[];
  mentionsRoom?: boolean;
  file?: FileMeta;
}

/** A message as a shared log numbered it (cluster mode). */
export interface LoggedMessage extends NewMessage {
  id: number;
}

export interface AppendResult {
  message: StoredMessage;
  /** True when (senderKey, cid) was already stored: `message` is the earlier copy. */
  duplicate: boolean;
}

export interface Page {
  /** Ascending by id. */
  messages: StoredMessage[];
  more: boolean;
}

export interface UserRecord {
  key: string;
  username: string;
  passwordHash: string;
}

export type FriendRelation = 'none' | 'friends' | 'outgoing' | 'incoming';

export interface FriendLists {
  /** Display names, sorted case-insensitively. */
  friends: string[];
  incoming: string[];
  outgoing: string[];
  /** Whom this user blocked. Requests from them are kept but left out of `incoming`. */
  blocked: string[];
}

export interface ChatStore extends RoomStore, ConversationStore, AccountStore, FileStore {
  /** Store a batch in one transaction; results in the batch's order. */
  appendMessages(batch: readonly NewMessage[]): AppendResult[];
  /** Store messages under the ids a shared log gave them (cluster mode); each as now stored. */
  copyLogged(batch: readonly LoggedMessage[]): StoredMessage[];
  /** Messages of one conversation with id < before (or the newest), at most limit. */
  page(conversation: ConversationRef, before: number | null, limit: number): Page;
  /**
   * Everything with id > since that this user may see: the default room, the rooms they are a member of now,
   * their direct messages; null key = guest (the default room only).
   */
  since(userKey: string | null, since: number, limit: number): Page;
  /** Direct messages to this user never delivered to any of their connections, ascending. */
  undelivered(userKey: string, limit: number): StoredMessage[];
  /** Mark direct messages to this user with id <= upTo as delivered. */
  markDelivered(userKey: string, upTo: number): void;
  lastMessageId(): number;
  /** The newest id of the shared log this node applied, a message or another change (cluster mode). */
  logCursor(): number;
  /** Runs another change the shared log numbered `id` and records `id` as applied, in one transaction. */
  applyLogged(id: number, change: () => void): void;
  /** The newest message id in a room, 0 if none. */
  lastIdIn(roomId: number): number;
  findMessage(id: number): MessageRef | null;
  /**
   * Leaves a tombstone (text '', deleted, reactions gone) and returns its new rev; null if there is no such
   * message or it already was deleted.
   */
  deleteMessage(id: number): number | null;

  /** False when the key is taken. */
  createUser(user: UserRecord): boolean;
  findUser(key: string): UserRecord | null;

  /** Keep a session token (by its hash) for a user until expiresAt (ms); expired ones are dropped meanwhile. */
  createSession(tokenHash: string, userKey: string, expiresAt: number): void;
  /** The user key of a session token that exists and has not expired at `now`, else null. */
  findSession(tokenHash: string, now: number): string | null;
  /** Revoke a session token (logout); false if there was none. */
  deleteSession(tokenHash: string): boolean;

  friendRelation(a: string, b: string): FriendRelation;
  friendLists(key: string): FriendLists;
  /** Friend keys only: for presence fan-out. */
  friendKeys(key: string): string[];
  addFriendRequest(from: string, to: string): void;
  /** Removes a pending request; false if there was none. */
  deleteFriendRequest(from: string, to: string): boolean;
  /** Makes a and b friends and clears requests between them, atomically. */
  makeFriends(a: string, b: string): void;
  /** False if they were not friends. */
  removeFriends(a: string, b: string): boolean;

  /**
   * Blocker blocks blocked: ends their friendship and withdraws the blocker's request to them, atomically.
   * A request from the blocked person stays, hidden from the blocker. False if already blocked.
   */
  block(blocker: string, blocked: string): boolean;
  /** False if there was no such block. */
  unblock(blocker: string, blocked: string): boolean;
  isBlocked(blocker: string, blocked: string): boolean;

  /** How many friend requests this sender made at or after `since` (ms). */
  friendRequestsSince(from: string, since: number): number;
  /** Counts a friend request at `at`, forgetting this sender's requests older than `forgetBefore`. */
  logFriendRequest(from: string, at: number, forgetBefore: number): void;
  /** Remembers that `to` declined a request from `from` at `at` (ms); forgets declines before `forgetBefore`. */
  recordDecline(from: string, to: string, at: number, forgetBefore: number): void;
  /** When `to` last declined a request from `from`, or null. */
  declinedAt(from: string, to: string): number | null;

  close(): void;
}

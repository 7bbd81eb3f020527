// The conversation-features part of the storage interface (docs/protocol.md § Conversation features): edits,
// changes since an id (for resume), reactions, read markers and the read-receipts setting. ChatStore extends
// it; message-change-table, reaction-table, read-marker-table and account-settings-table implement it.
import type { ConversationRef, Page, ReactionSummary } from './store';

export interface MessageEdit {
  text: string;
  mentions: string[];
  mentionsRoom: boolean;
  at: number;
}

export type ReactOutcome =
  | { ok: true; changed: boolean; count: number; rev: number }
  /** The message has MAX_REACTION_KINDS emoji already and this is another one. */
  | { ok: false };

/** A read marker as stored: `room`, `#n`, or `@<user key>` for a direct conversation. */
export interface ReadMarker {
  conv: string;
  id: number;
}

export interface SearchQuery {
  /** An FTS5 MATCH expression built from quoted terms only (handlers/search.ts), never the user's syntax. */
  match: string;
  /** The conversation to search in, or null for every one the user can read. */
  conversation: ConversationRef | null;
  fromKey: string | null;
  /** Only ids below this (paging); null for the newest. */
  before: number | null;
  limit: number;
  /** For a guest (no account, so no stored memberships): the rooms besides the default one it is in now. */
  guestRooms?: readonly number[];
}

export interface ConversationStore {
  /** Replace the text of a message that is not deleted; its new rev, or null. */
  editMessage(id: number, edit: MessageEdit): number | null;
  /**
   * Messages with id <= upTo changed after `since` (rev > since) that this user may see (null key: a guest,
   * the default room only), ascending by rev; at most limit, `more` if there are others.
   */
  changedSince(userKey: string | null, since: number, upTo: number, limit: number): Page;
  /** The newest number handed out by the one id sequence (message ids and revs). */
  lastSequence(): number;

  /** Toggle one user's emoji on a message; `kinds`: the most distinct emoji a message may carry. */
  react(
    id: number,
    reactor: { key: string; username: string },
    emoji: string,
    on: boolean,
    kinds: number,
    at: number,
  ): ReactOutcome;
  /** The reactions of these messages as `viewerKey` sees them (`mine`), each emoji naming its first reactors. */
  reactionSummaries(ids: readonly number[], viewerKey: string | null): Map<number, ReactionSummary[]>;

  /** Move a user's read marker forward (never back); the marker after. */
  markRead(userKey: string, conv: string, id: number, at: number): number;
  /** A user's read marker in one conversation; 0 if none. */
  readMarker(userKey: string, conv: string): number;
  /** The user's read markers in rooms (`room`, `#n`). */
  roomReadMarkers(userKey: string): ReadMarker[];
  /** The user's read markers in direct conversations, most recently read first, with the partner's name. */
  directReadMarkers(userKey: string, limit: number): { username: string; id: number }[];
  /** How far each partner read their direct conversation with this user, where both have receipts on. */
  seenBy(userKey: string, limit: number): { username: string; id: number }[];

  /** Messages matching, newest first, that the user may see (null key: a guest); never tombstones or notices. */
  search(userKey: string | null, query: SearchQuery): Page;

  receiptsOn(userKey: string): boolean;
  setReceipts(userKey: string, on: boolean): void;
}

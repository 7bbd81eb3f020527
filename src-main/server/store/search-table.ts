// Full-text search over `messages` through the FTS5 index `messages_fts` (migration 7, kept in step by
// triggers): newest first, only what the user may see (message-rows.ts VISIBLE_TO_USER), never tombstones or
// notices. The index is walked newest first and stops at the page, so a page costs the matches it skips.
import type Database from 'better-sqlite3';
import type { ConversationStore } from './conversation-store';
import { convKey, MESSAGE_COLUMNS, type MessageRow, roomConv, VISIBLE_TO_USER } from './message-rows';
import { toPage } from './message-table';

export type SearchTable = Pick<ConversationStore, 'search'>;

const MATCHES = `SELECT messages.id AS id FROM messages_fts JOIN messages ON messages.id = messages_fts.rowid
  WHERE messages_fts MATCH ? AND messages_fts.rowid < ? AND messages.deleted = 0 AND messages.notice IS NULL
    AND (? IS NULL OR messages.conv = ?) AND (? IS NULL OR messages.sender_key = ?)`;

export function searchTable(db: Database.Database): SearchTable {
  type Args = [string, number, string | null, string | null, string | null, string | null];
  const forUser = db.prepare<[...Args, string, string, string, number], { id: number }>(
    `${MATCHES} AND ${VISIBLE_TO_USER} ORDER BY messages_fts.rowid DESC LIMIT ?`,
  );
  // A guest sees the default room and the rooms it is in this session, or the one of them it asked for.
  const forGuest = db.prepare<[...Args, string, number], { id: number }>(
    `${MATCHES} AND messages.conv IN (SELECT value FROM json_each(?)) ORDER BY messages_fts.rowid DESC LIMIT ?`,
  );
  const rows = db.prepare<[string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`,
  );
  return {
    search(userKey, q) {
      const conv = q.conversation === null ? null : convKey(q.conversation);
      const args: Args = [q.match, q.before ?? Number.MAX_SAFE_INTEGER, conv, conv, q.fromKey, q.fromKey];
      const ids =
        userKey === null
          ? forGuest.all(
              ...args,
              JSON.stringify(conv === null ? guestConvs(q.guestRooms) : [conv]),
              q.limit + 1,
            )
          : forUser.all(...args, userKey, userKey, userKey, q.limit + 1);
      const found = rows.all(JSON.stringify(ids.map((r) => r.id)));
      return toPage(found, q.limit);
    },
  };
}

function guestConvs(rooms: readonly number[] = []): string[] {
  return [roomConv(1), ...rooms.map(roomConv)];
}

// The `messages` table: room and direct messages with a monotonic id, stored in group-commit batches and
// read back as pages (history), as everything since an id (resume), or as undelivered direct messages.
// Column `conv` says which conversation: 'room' (the default room), 'r:<id>' (another room), 'dm:<a>:<b>'.
import type Database from 'better-sqlite3';
import type {
  AppendResult,
  ChatStore,
  ConversationRef,
  MessageRef,
  NewMessage,
  NoticeKind,
  Page,
  StoredMessage,
} from './store';

export type MessageTable = Pick<
  ChatStore,
  | 'appendMessages'
  | 'page'
  | 'since'
  | 'undelivered'
  | 'markDelivered'
  | 'lastMessageId'
  | 'lastIdIn'
  | 'findMessage'
  | 'deleteMessage'
>;

interface MessageRow {
  id: number;
  ts: number;
  sender: string;
  text: string;
  recipient: string | null;
  conv: string;
  notice: NoticeKind | null;
  deleted: number;
}

const DEFAULT_ROOM_CONV = 'room';
export const ROOM_PREFIX = 'r:';
const MESSAGE_COLUMNS = 'id, ts, sender, text, recipient, conv, notice, deleted';

function roomConv(id: number): string {
  return id === 1 ? DEFAULT_ROOM_CONV : `${ROOM_PREFIX}${id}`;
}

function convKey(ref: ConversationRef): string {
  if (ref.kind === 'room') return roomConv(ref.id ?? 1);
  return ref.a < ref.b ? `dm:${ref.a}:${ref.b}` : `dm:${ref.b}:${ref.a}`;
}

/** The room id of a stored conv, or null for a direct conversation. */
function roomOf(conv: string): number | null {
  if (conv === DEFAULT_ROOM_CONV) return 1;
  return conv.startsWith(ROOM_PREFIX) ? Number(conv.slice(ROOM_PREFIX.length)) : null;
}

function wireConv(conv: string): string {
  if (conv === DEFAULT_ROOM_CONV) return DEFAULT_ROOM_CONV;
  return conv.startsWith(ROOM_PREFIX) ? `#${conv.slice(ROOM_PREFIX.length)}` : 'dm';
}

function toMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    timestamp: row.ts,
    sender: row.sender,
    text: row.text,
    recipient: row.recipient,
    conv: wireConv(row.conv),
    notice: row.notice,
    deleted: row.deleted === 1,
  };
}

/** A query returns one row more than asked, so that `more` needs no second query. */
function toPage(rows: MessageRow[], limit: number): Page {
  const more = rows.length > limit;
  return { messages: (more ? rows.slice(0, limit) : rows).map(toMessage), more };
}

function prepareReads(db: Database.Database) {
  return {
    newest: db.prepare<[string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conv = ? ORDER BY id DESC LIMIT ?`,
    ),
    older: db.prepare<[string, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conv = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    sinceForUser: db.prepare<[number, string, string, string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
       WHERE id > ? AND (conv = 'room'
         OR (recipient_key IS NOT NULL AND (sender_key = ? OR recipient_key = ?))
         OR conv IN (SELECT '${ROOM_PREFIX}' || room_id FROM room_members WHERE user_key = ? AND room_id <> 1))
       ORDER BY id LIMIT ?`,
    ),
    sinceForGuest: db.prepare<[number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conv = 'room' AND id > ? ORDER BY id LIMIT ?`,
    ),
    undeliveredTo: db.prepare<[string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE recipient_key = ? AND delivered = 0 ORDER BY id LIMIT ?`,
    ),
    markDeliveredTo: db.prepare(
      'UPDATE messages SET delivered = 1 WHERE recipient_key = ? AND delivered = 0 AND id <= ?',
    ),
    maxId: db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM messages'),
    maxIdIn: db.prepare<[string], { id: number | null }>('SELECT MAX(id) AS id FROM messages WHERE conv = ?'),
    ref: db.prepare<
      [number],
      {
        id: number;
        conv: string;
        sender_key: string;
        recipient_key: string | null;
        notice: NoticeKind | null;
        deleted: number;
      }
    >('SELECT id, conv, sender_key, recipient_key, notice, deleted FROM messages WHERE id = ?'),
    tombstone: db.prepare("UPDATE messages SET deleted = 1, text = '' WHERE id = ? AND deleted = 0"),
  };
}

/** One transaction per batch; a (sender, cid) already stored answers with the earlier copy. */
function prepareAppend(db: Database.Database): (batch: readonly NewMessage[]) => AppendResult[] {
  const insertMessage = db.prepare(
    `INSERT OR IGNORE INTO messages
       (ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered, notice)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const findByCid = db.prepare<[string, string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_key = ? AND cid = ?`,
  );
  return db.transaction((batch: readonly NewMessage[]): AppendResult[] =>
    batch.map((m) => {
      const conv =
        m.recipientKey === null
          ? roomConv(m.roomId ?? 1)
          : convKey({ kind: 'dm', a: m.senderKey, b: m.recipientKey });
      const info = insertMessage.run(
        m.timestamp,
        conv,
        m.sender,
        m.senderKey,
        m.recipient,
        m.recipientKey,
        m.text,
        m.cid,
        m.delivered ? 1 : 0,
        m.notice ?? null,
      );
      if (info.changes === 0 && m.cid !== null) {
        const earlier = findByCid.get(m.senderKey, m.cid);
        if (earlier) return { message: toMessage(earlier), duplicate: true };
      }
      const message: StoredMessage = {
        id: Number(info.lastInsertRowid),
        timestamp: m.timestamp,
        sender: m.sender,
        text: m.text,
        recipient: m.recipient,
        conv: wireConv(conv),
        notice: m.notice ?? null,
        deleted: false,
      };
      return { message, duplicate: false };
    }),
  );
}

export function messageTable(db: Database.Database): MessageTable {
  const reads = prepareReads(db);
  const appendAll = prepareAppend(db);
  return {
    appendMessages: (batch) => appendAll(batch),

    page(conversation, before, limit) {
      const conv = convKey(conversation);
      const rowsNewestFirst =
        before === null ? reads.newest.all(conv, limit + 1) : reads.older.all(conv, before, limit + 1);
      const page = toPage(rowsNewestFirst, limit);
      page.messages.reverse();
      return page;
    },

    since(userKey, since, limit) {
      const rows =
        userKey === null
          ? reads.sinceForGuest.all(since, limit + 1)
          : reads.sinceForUser.all(since, userKey, userKey, userKey, limit + 1);
      return toPage(rows, limit);
    },

    undelivered: (userKey, limit) => reads.undeliveredTo.all(userKey, limit).map(toMessage),
    markDelivered(userKey, upTo) {
      reads.markDeliveredTo.run(userKey, upTo);
    },
    lastMessageId: () => reads.maxId.get()?.id ?? 0,
    lastIdIn: (roomId) => reads.maxIdIn.get(roomConv(roomId))?.id ?? 0,
    findMessage(id): MessageRef | null {
      const row = reads.ref.get(id);
      if (!row) return null;
      return {
        id: row.id,
        roomId: roomOf(row.conv),
        senderKey: row.sender_key,
        recipientKey: row.recipient_key,
        notice: row.notice,
        deleted: row.deleted === 1,
      };
    },
    deleteMessage: (id) => reads.tombstone.run(id).changes > 0,
  };
}

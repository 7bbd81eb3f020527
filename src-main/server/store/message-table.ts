// The `messages` table: room and direct messages with a monotonic id, stored in group-commit batches and
// read back as pages (history), as everything since an id (resume), or as undelivered direct messages.
import type Database from 'better-sqlite3';
import type { AppendResult, ChatStore, ConversationRef, NewMessage, Page, StoredMessage } from './store';

export type MessageTable = Pick<
  ChatStore,
  'appendMessages' | 'page' | 'since' | 'undelivered' | 'markDelivered' | 'lastMessageId'
>;

interface MessageRow {
  id: number;
  ts: number;
  sender: string;
  text: string;
  recipient: string | null;
}

const ROOM_CONV = 'room';
const MESSAGE_COLUMNS = 'id, ts, sender, text, recipient';

function convKey(ref: ConversationRef): string {
  if (ref.kind === 'room') return ROOM_CONV;
  return ref.a < ref.b ? `dm:${ref.a}:${ref.b}` : `dm:${ref.b}:${ref.a}`;
}

function toMessage(row: MessageRow): StoredMessage {
  return { id: row.id, timestamp: row.ts, sender: row.sender, text: row.text, recipient: row.recipient };
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
    sinceForUser: db.prepare<[number, string, string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
       WHERE id > ? AND (conv = 'room' OR sender_key = ? OR recipient_key = ?) ORDER BY id LIMIT ?`,
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
  };
}

/** One transaction per batch; a (sender, cid) already stored answers with the earlier copy. */
function prepareAppend(db: Database.Database): (batch: readonly NewMessage[]) => AppendResult[] {
  const insertMessage = db.prepare(
    `INSERT OR IGNORE INTO messages (ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const findByCid = db.prepare<[string, string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_key = ? AND cid = ?`,
  );
  return db.transaction((batch: readonly NewMessage[]): AppendResult[] =>
    batch.map((m) => {
      const conv =
        m.recipientKey === null ? ROOM_CONV : convKey({ kind: 'dm', a: m.senderKey, b: m.recipientKey });
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
          : reads.sinceForUser.all(since, userKey, userKey, limit + 1);
      return toPage(rows, limit);
    },

    undelivered: (userKey, limit) => reads.undeliveredTo.all(userKey, limit).map(toMessage),
    markDelivered(userKey, upTo) {
      reads.markDeliveredTo.run(userKey, upTo);
    },
    lastMessageId: () => reads.maxId.get()?.id ?? 0,
  };
}

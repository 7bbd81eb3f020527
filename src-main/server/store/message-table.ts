// The `messages` table: room and direct messages with a monotonic id, stored in group-commit batches and
// read back as pages (history), as everything since an id (resume), or as undelivered direct messages.
import type Database from 'better-sqlite3';
import { prepareNextRev } from './change-sequence';
import {
  convKey,
  MESSAGE_COLUMNS,
  type MessageRow,
  messageConv,
  roomConv,
  roomOf,
  toMessage,
  VISIBLE_TO_USER,
} from './message-rows';
import type {
  AppendResult,
  ChatStore,
  LoggedMessage,
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
  | 'copyLogged'
>;

/** A query returns one row more than asked, so that `more` needs no second query. */
export function toPage(rows: MessageRow[], limit: number): Page {
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
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id > ? AND ${VISIBLE_TO_USER} ORDER BY id LIMIT ?`,
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
        sha256: string | null;
      }
    >(
      `SELECT id, conv, sender_key, recipient_key, notice, deleted, json_extract(file, '$.sha256') AS sha256
       FROM messages WHERE id = ?`,
    ),
  };
}

/** The columns a new message fills, in the order of the INSERTs below. */
const INSERT_COLUMNS = `ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered, notice, reply_to,
        mentions, mentions_room, file`;

function insertValues(m: NewMessage): unknown[] {
  return [
    m.timestamp,
    messageConv(m),
    m.sender,
    m.senderKey,
    m.recipient,
    m.recipientKey,
    m.text,
    m.cid,
    m.delivered ? 1 : 0,
    m.notice ?? null,
    m.replyTo ?? null,
    m.mentions?.length ? m.mentions.join(' ') : null,
    m.mentionsRoom ? 1 : 0,
    m.file ? JSON.stringify(m.file) : null,
  ];
}

/** One transaction per batch; a (sender, cid) already stored answers with the earlier copy. */
function prepareAppend(db: Database.Database): (batch: readonly NewMessage[]) => AppendResult[] {
  const insertMessage = db.prepare(
    `INSERT OR IGNORE INTO messages (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`);
  const findByCid = db.prepare<[string, string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_key = ? AND cid = ?`,
  );
  return db.transaction((batch: readonly NewMessage[]): AppendResult[] =>
    batch.map((m) => {
      const info = insertMessage.run(...insertValues(m));
      if (info.changes === 0 && m.cid !== null) {
        const earlier = findByCid.get(m.senderKey, m.cid);
        if (earlier) return { message: toMessage(earlier), duplicate: true };
      }
      // Read back (one primary-key lookup) so a reply carries its quoted preview like every later read.
      const message = toMessage(byId.get(Number(info.lastInsertRowid)) as MessageRow);
      return { message, duplicate: false };
    }),
  );
}

/**
 * Messages a shared log numbered (cluster mode, docs/cluster.md), stored under those ids in one transaction
 * and read back; one already here (a replay after a restart) is read back as it is.
 */
function prepareCopy(db: Database.Database): (batch: readonly LoggedMessage[]) => StoredMessage[] {
  const insertMessage = db.prepare(
    `INSERT OR IGNORE INTO messages (id, ${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`);
  return db.transaction((batch: readonly LoggedMessage[]): StoredMessage[] =>
    batch.map((m) => {
      insertMessage.run(m.id, ...insertValues(m));
      return toMessage(byId.get(m.id) as MessageRow);
    }),
  );
}

/** A tombstone: the text and reactions go, the row stays (replies quote it as deleted). */
function prepareDelete(db: Database.Database): (id: number) => number | null {
  const nextRev = prepareNextRev(db);
  const tombstone = db.prepare(
    "UPDATE messages SET deleted = 1, text = '', file = NULL, reaction_count = 0 WHERE id = ? AND deleted = 0",
  );
  const setRev = db.prepare('UPDATE messages SET rev = ? WHERE id = ?');
  const dropReactions = db.prepare('DELETE FROM reactions WHERE message_id = ?');
  return db.transaction((id: number): number | null => {
    if (tombstone.run(id).changes === 0) return null;
    dropReactions.run(id);
    const rev = nextRev();
    setRev.run(rev, id);
    return rev;
  });
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
        fileSha256: row.sha256,
      };
    },
    deleteMessage: prepareDelete(db),
    copyLogged: prepareCopy(db),
  };
}

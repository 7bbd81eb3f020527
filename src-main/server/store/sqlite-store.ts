// The SQLite implementation of ChatStore: one file in the data directory, WAL, prepared statements only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import type {
  AppendResult,
  ChatStore,
  ConversationRef,
  FriendLists,
  FriendRelation,
  NewMessage,
  Page,
  StoredMessage,
  UserRecord,
} from './store';

/** The database's fixed file name: the data directory comes from the operator, never a file name from a client. */
export const DATABASE_FILE = 'hearth.sqlite3';

export interface SqliteStoreOptions {
  /** 'full' syncs the WAL on every commit (survives power loss); 'normal' (default) survives process crashes. */
  synchronous?: 'full' | 'normal';
}

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

function byName(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): ChatStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertMessage = db.prepare(
    `INSERT OR IGNORE INTO messages (ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const findByCid = db.prepare<[string, string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_key = ? AND cid = ?`,
  );
  const newest = db.prepare<[string, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conv = ? ORDER BY id DESC LIMIT ?`,
  );
  const older = db.prepare<[string, number, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conv = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const sinceForUser = db.prepare<[number, string, string, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE id > ? AND (conv = 'room' OR sender_key = ? OR recipient_key = ?) ORDER BY id LIMIT ?`,
  );
  const sinceForGuest = db.prepare<[number, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conv = 'room' AND id > ? ORDER BY id LIMIT ?`,
  );
  const undeliveredTo = db.prepare<[string, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE recipient_key = ? AND delivered = 0 ORDER BY id LIMIT ?`,
  );
  const markDeliveredTo = db.prepare(
    'UPDATE messages SET delivered = 1 WHERE recipient_key = ? AND delivered = 0 AND id <= ?',
  );
  const maxId = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM messages');

  const insertUser = db.prepare(
    'INSERT OR IGNORE INTO users (key, username, password_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectUser = db.prepare<[string], { key: string; username: string; password_hash: string }>(
    'SELECT key, username, password_hash FROM users WHERE key = ?',
  );

  const insertSession = db.prepare(
    'INSERT OR REPLACE INTO sessions (token_hash, user_key, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const dropExpiredSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const selectSession = db.prepare<[string, number], { user_key: string }>(
    'SELECT user_key FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const removeSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');

  const isFriend = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM friendships WHERE user_key = ? AND friend_key = ?',
  );
  const hasRequest = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM friend_requests WHERE from_key = ? AND to_key = ?',
  );
  const friendNames = db.prepare<[string], { username: string }>(
    'SELECT u.username FROM friendships f JOIN users u ON u.key = f.friend_key WHERE f.user_key = ?',
  );
  const friendKeyRows = db.prepare<[string], { friend_key: string }>(
    'SELECT friend_key FROM friendships WHERE user_key = ?',
  );
  const incomingNames = db.prepare<[string], { username: string }>(
    'SELECT u.username FROM friend_requests r JOIN users u ON u.key = r.from_key WHERE r.to_key = ?',
  );
  const outgoingNames = db.prepare<[string], { username: string }>(
    'SELECT u.username FROM friend_requests r JOIN users u ON u.key = r.to_key WHERE r.from_key = ?',
  );
  const insertRequest = db.prepare(
    'INSERT OR IGNORE INTO friend_requests (from_key, to_key, created_at) VALUES (?, ?, ?)',
  );
  const removeRequest = db.prepare('DELETE FROM friend_requests WHERE from_key = ? AND to_key = ?');
  const insertFriendship = db.prepare(
    'INSERT OR IGNORE INTO friendships (user_key, friend_key, since) VALUES (?, ?, ?)',
  );
  const removeFriendship = db.prepare('DELETE FROM friendships WHERE user_key = ? AND friend_key = ?');

  const appendAll = db.transaction((batch: readonly NewMessage[]): AppendResult[] =>
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

  const befriend = db.transaction((a: string, b: string) => {
    const now = Date.now();
    removeRequest.run(a, b);
    removeRequest.run(b, a);
    insertFriendship.run(a, b, now);
    insertFriendship.run(b, a, now);
  });
  const unfriend = db.transaction((a: string, b: string): boolean => {
    const removed = removeFriendship.run(a, b).changes;
    removeFriendship.run(b, a);
    return removed > 0;
  });

  function toPage(rowsNewestFirst: MessageRow[], limit: number): Page {
    const more = rowsNewestFirst.length > limit;
    const rows = more ? rowsNewestFirst.slice(0, limit) : rowsNewestFirst;
    return { messages: rows.reverse().map(toMessage), more };
  }

  return {
    appendMessages: (batch) => appendAll(batch),

    page(conversation, before, limit) {
      const conv = convKey(conversation);
      const rows = before === null ? newest.all(conv, limit + 1) : older.all(conv, before, limit + 1);
      return toPage(rows, limit);
    },

    since(userKey, since, limit) {
      const rows =
        userKey === null
          ? sinceForGuest.all(since, limit + 1)
          : sinceForUser.all(since, userKey, userKey, limit + 1);
      const more = rows.length > limit;
      return { messages: (more ? rows.slice(0, limit) : rows).map(toMessage), more };
    },

    undelivered: (userKey, limit) => undeliveredTo.all(userKey, limit).map(toMessage),
    markDelivered(userKey, upTo) {
      markDeliveredTo.run(userKey, upTo);
    },
    lastMessageId: () => maxId.get()?.id ?? 0,

    createUser(user: UserRecord) {
      return insertUser.run(user.key, user.username, user.passwordHash, Date.now()).changes > 0;
    },
    findUser(key) {
      const row = selectUser.get(key);
      return row ? { key: row.key, username: row.username, passwordHash: row.password_hash } : null;
    },

    createSession(tokenHash, userKey, expiresAt) {
      const now = Date.now();
      dropExpiredSessions.run(now);
      insertSession.run(tokenHash, userKey, now, expiresAt);
    },
    findSession: (tokenHash, now) => selectSession.get(tokenHash, now)?.user_key ?? null,
    deleteSession: (tokenHash) => removeSession.run(tokenHash).changes > 0,

    friendRelation(a, b): FriendRelation {
      if (isFriend.get(a, b)) return 'friends';
      if (hasRequest.get(a, b)) return 'outgoing';
      if (hasRequest.get(b, a)) return 'incoming';
      return 'none';
    },
    friendLists(key): FriendLists {
      const names = (rows: { username: string }[]) => rows.map((r) => r.username).sort(byName);
      return {
        friends: names(friendNames.all(key)),
        incoming: names(incomingNames.all(key)),
        outgoing: names(outgoingNames.all(key)),
      };
    },
    friendKeys: (key) => friendKeyRows.all(key).map((r) => r.friend_key),
    addFriendRequest(from, to) {
      insertRequest.run(from, to, Date.now());
    },
    deleteFriendRequest: (from, to) => removeRequest.run(from, to).changes > 0,
    makeFriends(a, b) {
      befriend(a, b);
    },
    removeFriends: (a, b) => unfriend(a, b),

    close() {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const current =
    db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM migrations').get()?.v ?? 0;
  const record = db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)');
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1] as string;
    db.transaction(() => {
      db.exec(sql);
      record.run(version, Date.now());
    })();
  }
}

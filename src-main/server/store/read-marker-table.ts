// The `read_markers` table: each user's last-read message id per conversation, only ever moved forward, so
// every device of the user counts unread messages from the same place (docs/protocol.md § Read markers).
// `conv` is `room`, `#n`, or `@<partner key>` for a direct conversation.
import type Database from 'better-sqlite3';
import type { ConversationStore } from './conversation-store';

export type ReadMarkerTable = Pick<
  ConversationStore,
  'markRead' | 'readMarker' | 'roomReadMarkers' | 'directReadMarkers' | 'seenBy'
>;

export function readMarkerTable(db: Database.Database): ReadMarkerTable {
  const upsert = db.prepare<[string, string, number, number], { last_read: number }>(
    `INSERT INTO read_markers (user_key, conv, last_read, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_key, conv) DO UPDATE SET last_read = max(last_read, excluded.last_read), at = excluded.at
     RETURNING last_read`,
  );
  const one = db.prepare<[string, string], { last_read: number }>(
    'SELECT last_read FROM read_markers WHERE user_key = ? AND conv = ?',
  );
  const rooms = db.prepare<[string], { conv: string; id: number }>(
    "SELECT conv, last_read AS id FROM read_markers WHERE user_key = ? AND conv NOT LIKE '@%'",
  );
  const direct = db.prepare<[string, number], { username: string; id: number }>(
    `SELECT u.username, m.last_read AS id FROM read_markers m JOIN users u ON u.key = substr(m.conv, 2)
     WHERE m.user_key = ? AND m.conv LIKE '@%' ORDER BY m.at DESC LIMIT ?`,
  );
  // Receipts are on unless an account turned them off (account_settings).
  const seen = db.prepare<[string, string, number], { username: string; id: number }>(
    `SELECT u.username, m.last_read AS id FROM read_markers m JOIN users u ON u.key = m.user_key
     WHERE m.conv = ?
       AND NOT EXISTS (SELECT 1 FROM account_settings s WHERE s.user_key IN (m.user_key, ?) AND s.receipts = 0)
     ORDER BY m.at DESC LIMIT ?`,
  );
  return {
    markRead: (userKey, conv, id, at) => upsert.get(userKey, conv, id, at)?.last_read ?? id,
    readMarker: (userKey, conv) => one.get(userKey, conv)?.last_read ?? 0,
    roomReadMarkers: (userKey) => rooms.all(userKey),
    directReadMarkers: (userKey, limit) => direct.all(userKey, limit),
    seenBy: (userKey, limit) => seen.all(`@${userKey}`, userKey, limit),
  };
}

// What limits friend-request churn: `friend_request_log` (recent requests per sender, for a rate limit) and
// `friend_declines` (who declined whom, for a cool-down before asking again). Both are kept in the database
// so a restart does not reset them; a sender's old log rows go when they next ask, so the log holds at most
// about one window's worth of requests per sender, and declines past their cool-down go at the next decline.
import type Database from 'better-sqlite3';
import type { ChatStore } from './store';

export type FriendLimitTable = Pick<
  ChatStore,
  'friendRequestsSince' | 'logFriendRequest' | 'recordDecline' | 'declinedAt'
>;

export function friendLimitTable(db: Database.Database): FriendLimitTable {
  const countSince = db.prepare<[string, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM friend_request_log WHERE from_key = ? AND at >= ?',
  );
  const insertLog = db.prepare('INSERT INTO friend_request_log (from_key, at) VALUES (?, ?)');
  const forgetLog = db.prepare('DELETE FROM friend_request_log WHERE from_key = ? AND at < ?');
  const upsertDecline = db.prepare(
    `INSERT INTO friend_declines (from_key, to_key, declined_at) VALUES (?, ?, ?)
     ON CONFLICT (from_key, to_key) DO UPDATE SET declined_at = excluded.declined_at`,
  );
  // Declines are rare (a person answers each), so a scan of the table per decline is cheap.
  const forgetDeclines = db.prepare('DELETE FROM friend_declines WHERE declined_at < ?');
  const selectDecline = db.prepare<[string, string], { declined_at: number }>(
    'SELECT declined_at FROM friend_declines WHERE from_key = ? AND to_key = ?',
  );

  const log = db.transaction((from: string, at: number, forgetBefore: number) => {
    forgetLog.run(from, forgetBefore);
    insertLog.run(from, at);
  });
  const decline = db.transaction((from: string, to: string, at: number, forgetBefore: number) => {
    forgetDeclines.run(forgetBefore);
    upsertDecline.run(from, to, at);
  });

  return {
    friendRequestsSince: (from, since) => countSince.get(from, since)?.n ?? 0,
    logFriendRequest(from, at, forgetBefore) {
      log(from, at, forgetBefore);
    },
    recordDecline(from, to, at, forgetBefore) {
      decline(from, to, at, forgetBefore);
    },
    declinedAt: (from, to) => selectDecline.get(from, to)?.declined_at ?? null,
  };
}

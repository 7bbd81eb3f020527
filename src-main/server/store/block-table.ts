// The `blocks` table: whom each user blocked. Blocking ends a friendship and withdraws the blocker's own
// request in the same transaction, so a blocked pair is never friends (and direct messages need friends).
import type Database from 'better-sqlite3';
import type { ChatStore } from './store';

export type BlockTable = Pick<ChatStore, 'block' | 'unblock' | 'isBlocked'>;

export function blockTable(db: Database.Database): BlockTable {
  const insertBlock = db.prepare(
    'INSERT OR IGNORE INTO blocks (blocker_key, blocked_key, since) VALUES (?, ?, ?)',
  );
  const removeBlock = db.prepare('DELETE FROM blocks WHERE blocker_key = ? AND blocked_key = ?');
  const hasBlock = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM blocks WHERE blocker_key = ? AND blocked_key = ?',
  );
  const endFriendship = db.prepare(
    'DELETE FROM friendships WHERE (user_key = ? AND friend_key = ?) OR (user_key = ? AND friend_key = ?)',
  );
  const withdrawRequest = db.prepare('DELETE FROM friend_requests WHERE from_key = ? AND to_key = ?');

  const block = db.transaction((blocker: string, blocked: string): boolean => {
    if (insertBlock.run(blocker, blocked, Date.now()).changes === 0) return false;
    endFriendship.run(blocker, blocked, blocked, blocker);
    withdrawRequest.run(blocker, blocked);
    return true;
  });

  return {
    block: (blocker, blocked) => block(blocker, blocked),
    unblock: (blocker, blocked) => removeBlock.run(blocker, blocked).changes > 0,
    isBlocked: (blocker, blocked) => hasBlock.get(blocker, blocked) !== undefined,
  };
}

// The `friend_requests` and `friendships` tables (and, for the lists, `blocks`). A friendship is stored in
// both directions, so every query about one user reads one index.
import type Database from 'better-sqlite3';
import type { ChatStore, FriendLists, FriendRelation } from './store';

export type FriendTable = Pick<
  ChatStore,
  | 'friendRelation'
  | 'friendLists'
  | 'friendKeys'
  | 'addFriendRequest'
  | 'deleteFriendRequest'
  | 'makeFriends'
  | 'removeFriends'
>;

function byName(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

function namesOf(rows: { username: string }[]): string[] {
  return rows.map((r) => r.username).sort(byName);
}

export function friendTable(db: Database.Database): FriendTable {
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
  // A request from someone the user blocked stays stored (its sender sees it pending) but is not shown.
  const incomingNames = db.prepare<[string], { username: string }>(
    `SELECT u.username FROM friend_requests r JOIN users u ON u.key = r.from_key WHERE r.to_key = ?
     AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_key = r.to_key AND b.blocked_key = r.from_key)`,
  );
  const blockedNames = db.prepare<[string], { username: string }>(
    'SELECT u.username FROM blocks b JOIN users u ON u.key = b.blocked_key WHERE b.blocker_key = ?',
  );
  const forgetDeclines = db.prepare(
    'DELETE FROM friend_declines WHERE (from_key = ? AND to_key = ?) OR (from_key = ? AND to_key = ?)',
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

  const befriend = db.transaction((a: string, b: string) => {
    const now = Date.now();
    removeRequest.run(a, b);
    removeRequest.run(b, a);
    insertFriendship.run(a, b, now);
    insertFriendship.run(b, a, now);
    forgetDeclines.run(a, b, b, a);
  });
  const unfriend = db.transaction((a: string, b: string): boolean => {
    const removed = removeFriendship.run(a, b).changes;
    removeFriendship.run(b, a);
    return removed > 0;
  });

  return {
    friendRelation(a, b): FriendRelation {
      if (isFriend.get(a, b)) return 'friends';
      if (hasRequest.get(a, b)) return 'outgoing';
      if (hasRequest.get(b, a)) return 'incoming';
      return 'none';
    },
    friendLists(key): FriendLists {
      return {
        friends: namesOf(friendNames.all(key)),
        incoming: namesOf(incomingNames.all(key)),
        outgoing: namesOf(outgoingNames.all(key)),
        blocked: namesOf(blockedNames.all(key)),
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
  };
}

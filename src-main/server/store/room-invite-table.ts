// The `room_invites` table: pending invites, kept until the invitee joins, declines or is banned; and
// `room_declines`, when each invitee last declined one to a room (the re-invite cool-down).
import type Database from 'better-sqlite3';
import type { RoomStore } from './room-store';

export type RoomInviteTable = Pick<
  RoomStore,
  'addInvite' | 'findInvite' | 'deleteInvite' | 'invitesOf' | 'declineInvite' | 'inviteDeclinedAt'
>;

export function roomInviteTable(db: Database.Database): RoomInviteTable {
  const upsert = db.prepare(
    `INSERT INTO room_invites (room_id, user_key, from_key, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (room_id, user_key) DO UPDATE SET from_key = excluded.from_key, at = excluded.at`,
  );
  const select = db.prepare<[number, string], { from_key: string }>(
    'SELECT from_key FROM room_invites WHERE room_id = ? AND user_key = ?',
  );
  const remove = db.prepare('DELETE FROM room_invites WHERE room_id = ? AND user_key = ?');
  const forgetDecline = db.prepare('DELETE FROM room_declines WHERE room_id = ? AND user_key = ?');
  const keepDecline = db.prepare(
    `INSERT INTO room_declines (room_id, user_key, at) VALUES (?, ?, ?)
     ON CONFLICT (room_id, user_key) DO UPDATE SET at = excluded.at`,
  );
  const declined = db.prepare<[number, string], { at: number }>(
    'SELECT at FROM room_declines WHERE room_id = ? AND user_key = ?',
  );
  const decline = db.transaction((roomId: number, key: string, at: number): boolean => {
    if (remove.run(roomId, key).changes === 0) return false;
    keepDecline.run(roomId, key, at);
    return true;
  });
  const drop = db.transaction((roomId: number, key: string): boolean => {
    forgetDecline.run(roomId, key);
    return remove.run(roomId, key).changes > 0;
  });
  const mine = db.prepare<[string], { room_id: number; from_key: string; username: string }>(
    `SELECT i.room_id, i.from_key, COALESCE(u.username, i.from_key) AS username
     FROM room_invites i LEFT JOIN users u ON u.key = i.from_key WHERE i.user_key = ? ORDER BY i.at`,
  );
  return {
    addInvite(roomId, key, fromKey, at) {
      upsert.run(roomId, key, fromKey, at);
    },
    findInvite: (roomId, key) => select.get(roomId, key)?.from_key ?? null,
    deleteInvite: (roomId, key) => drop(roomId, key),
    invitesOf: (key) =>
      mine.all(key).map((row) => ({ roomId: row.room_id, fromKey: row.from_key, from: row.username })),
    declineInvite: (roomId, key, at) => decline(roomId, key, at),
    inviteDeclinedAt: (roomId, key) => declined.get(roomId, key)?.at ?? null,
  };
}

// The `room_invites` table: pending invites to private rooms, kept until the invitee joins (or is banned).
import type Database from 'better-sqlite3';
import type { RoomStore } from './room-store';

export type RoomInviteTable = Pick<RoomStore, 'addInvite' | 'findInvite' | 'deleteInvite' | 'invitesOf'>;

export function roomInviteTable(db: Database.Database): RoomInviteTable {
  const upsert = db.prepare(
    `INSERT INTO room_invites (room_id, user_key, from_key, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (room_id, user_key) DO UPDATE SET from_key = excluded.from_key, at = excluded.at`,
  );
  const select = db.prepare<[number, string], { from_key: string }>(
    'SELECT from_key FROM room_invites WHERE room_id = ? AND user_key = ?',
  );
  const remove = db.prepare('DELETE FROM room_invites WHERE room_id = ? AND user_key = ?');
  const mine = db.prepare<[string], { room_id: number; from_key: string; username: string }>(
    `SELECT i.room_id, i.from_key, COALESCE(u.username, i.from_key) AS username
     FROM room_invites i LEFT JOIN users u ON u.key = i.from_key WHERE i.user_key = ? ORDER BY i.at`,
  );
  return {
    addInvite(roomId, key, fromKey, at) {
      upsert.run(roomId, key, fromKey, at);
    },
    findInvite: (roomId, key) => select.get(roomId, key)?.from_key ?? null,
    deleteInvite: (roomId, key) => remove.run(roomId, key).changes > 0,
    invitesOf: (key) =>
      mine.all(key).map((row) => ({ roomId: row.room_id, fromKey: row.from_key, from: row.username })),
  };
}

// The `room_bans` table: accounts banned from a room, by whom and when. A ban on the default room keeps the
// account from logging in to the server at all.
import type Database from 'better-sqlite3';
import type { RoomStore } from './room-store';

export type RoomBanTable = Pick<RoomStore, 'addBan' | 'removeBan' | 'isBanned'>;

export function roomBanTable(db: Database.Database): RoomBanTable {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO room_bans (room_id, user_key, by_key, at) VALUES (?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM room_bans WHERE room_id = ? AND user_key = ?');
  const select = db.prepare<[number, string], { n: number }>(
    'SELECT 1 AS n FROM room_bans WHERE room_id = ? AND user_key = ?',
  );
  return {
    addBan: (roomId, key, byKey, at) => insert.run(roomId, key, byKey, at).changes > 0,
    removeBan: (roomId, key) => remove.run(roomId, key).changes > 0,
    isBanned: (roomId, key) => select.get(roomId, key) !== undefined,
  };
}

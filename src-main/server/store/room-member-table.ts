// The `room_members` table: who is in which room, with their role, when they joined and any mute. The
// default room's members are everyone logged in; its rows hold only roles and mutes (docs/protocol.md § Rooms).
import type Database from 'better-sqlite3';
import type { MemberRecord, MemberRole, RoomStore } from './room-store';
import { LISTING_COLUMNS, toRoom } from './room-table';

export type RoomMemberTable = Pick<
  RoomStore,
  | 'roomMember'
  | 'addRoomMember'
  | 'removeRoomMember'
  | 'setMemberRole'
  | 'setMutedUntil'
  | 'roomMembers'
  | 'memberCount'
  | 'roomsOf'
  | 'countRoomsOf'
  | 'successor'
>;

interface MemberRow {
  user_key: string;
  username: string;
  role: MemberRole;
  joined_at: number;
  muted_until: number | null;
}

// A guest's key is `~name`: its row (a default-room mute) has no account to take the spelling from.
const MEMBER_COLUMNS = `m.user_key, COALESCE(u.username, substr(m.user_key, 2)) AS username, m.role, m.joined_at,
  m.muted_until`;

function toMember(row: MemberRow): MemberRecord {
  return {
    key: row.user_key,
    username: row.username,
    role: row.role,
    joinedAt: row.joined_at,
    mutedUntil: row.muted_until,
  };
}

export function roomMemberTable(db: Database.Database): RoomMemberTable {
  const select = db.prepare<[number, string], MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM room_members m LEFT JOIN users u ON u.key = m.user_key
     WHERE m.room_id = ? AND m.user_key = ?`,
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO room_members (room_id, user_key, role, joined_at) VALUES (?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM room_members WHERE room_id = ? AND user_key = ?');
  const upsertRole = db.prepare(
    `INSERT INTO room_members (room_id, user_key, role, joined_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (room_id, user_key) DO UPDATE SET role = excluded.role`,
  );
  const upsertMute = db.prepare(
    `INSERT INTO room_members (room_id, user_key, role, joined_at, muted_until) VALUES (?, ?, 'member', ?, ?)
     ON CONFLICT (room_id, user_key) DO UPDATE SET muted_until = excluded.muted_until`,
  );
  const list = db.prepare<[number, number], MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM room_members m LEFT JOIN users u ON u.key = m.user_key
     WHERE m.room_id = ? ORDER BY m.joined_at, m.user_key LIMIT ?`,
  );
  const count = db.prepare<[number], { n: number }>(
    'SELECT COUNT(*) AS n FROM room_members WHERE room_id = ?',
  );
  const mine = db.prepare<
    [string],
    Parameters<typeof toRoom>[0] & {
      my_role: MemberRole;
      my_muted_until: number | null;
      members: number;
      last_id: number | null;
    }
  >(
    `SELECT r.id, r.kind, r.name, r.topic, r.owner_key, r.read_only, r.archived, r.created_at, r.guests,
       m.role AS my_role, m.muted_until AS my_muted_until, ${LISTING_COLUMNS}
     FROM room_members m JOIN rooms r ON r.id = m.room_id WHERE m.user_key = ? AND m.room_id <> 1`,
  );
  const countMine = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM room_members WHERE user_key = ? AND room_id <> 1',
  );
  const next = db.prepare<[number, string], { user_key: string }>(
    `SELECT user_key FROM room_members WHERE room_id = ? AND user_key <> ?
     ORDER BY role = 'moderator' DESC, joined_at, user_key LIMIT 1`,
  );

  return {
    roomMember(roomId, key) {
      const row = select.get(roomId, key);
      return row ? toMember(row) : null;
    },
    addRoomMember: (roomId, key, role, at) => insert.run(roomId, key, role, at).changes > 0,
    removeRoomMember: (roomId, key) => remove.run(roomId, key).changes > 0,
    setMemberRole(roomId, key, role, at) {
      upsertRole.run(roomId, key, role, at);
    },
    setMutedUntil(roomId, key, until, at) {
      upsertMute.run(roomId, key, at, until);
    },
    roomMembers: (roomId, limit) => list.all(roomId, limit).map(toMember),
    memberCount: (roomId) => count.get(roomId)?.n ?? 0,
    roomsOf: (key) =>
      mine.all(key).map((row) => ({
        room: toRoom(row),
        role: row.my_role,
        mutedUntil: row.my_muted_until,
        members: row.members,
        lastId: row.last_id ?? 0,
      })),
    countRoomsOf: (key) => countMine.get(key)?.n ?? 0,
    successor: (roomId, exceptKey) => next.get(roomId, exceptKey)?.user_key ?? null,
  };
}

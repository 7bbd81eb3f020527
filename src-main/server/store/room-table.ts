// The `rooms` table: the default room (id 1, made by the migration) and the rooms accounts create, with their
// owner, read-only and archived flags. A new room's first members are stored with it, in one transaction.
import type Database from 'better-sqlite3';
import { ROOM_PREFIX } from './message-rows';
import type { MemberRole, NewRoom, RoomKind, RoomPatch, RoomRecord, RoomStore } from './room-store';

export type RoomTable = Pick<
  RoomStore,
  | 'createRoom'
  | 'findRoom'
  | 'updateRoom'
  | 'claimDefaultRoom'
  | 'countRooms'
  | 'countRoomsCreatedBy'
  | 'publicRooms'
>;

interface RoomRow {
  id: number;
  kind: RoomKind;
  name: string | null;
  topic: string;
  owner_key: string | null;
  read_only: number;
  archived: number;
  created_at: number;
  guests: number;
}

const ROOM_COLUMNS = 'id, kind, name, topic, owner_key, read_only, archived, created_at, guests';

/** A listed room's member count and newest message id, as columns of the listing (`r` is the rooms row). */
export const LISTING_COLUMNS = `r.member_count AS members,
  (SELECT MAX(id) FROM messages WHERE conv = '${ROOM_PREFIX}' || r.id) AS last_id`;

export function toRoom(row: RoomRow): RoomRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    topic: row.topic,
    ownerKey: row.owner_key,
    readOnly: row.read_only === 1,
    archived: row.archived === 1,
    createdAt: row.created_at,
    guests: row.guests === 1,
  };
}

/** Column of each patchable field; the statement is built from these fixed names only, never from input. */
const PATCH_COLUMNS = {
  name: 'name',
  topic: 'topic',
  readOnly: 'read_only',
  archived: 'archived',
  kind: 'kind',
  ownerKey: 'owner_key',
  guests: 'guests',
} as const;

export function roomTable(db: Database.Database): RoomTable {
  const insertRoom = db.prepare(
    `INSERT INTO rooms (id, kind, name, topic, owner_key, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMember = db.prepare(
    'INSERT OR IGNORE INTO room_members (room_id, user_key, role, joined_at) VALUES (?, ?, ?, ?)',
  );
  const selectRoom = db.prepare<[number], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`);
  const claim = db.prepare('UPDATE rooms SET owner_key = ? WHERE id = 1 AND owner_key IS NULL');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM rooms WHERE id <> 1');
  const countBy = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM rooms WHERE created_by = ?');
  const listPublic = db.prepare<[number], RoomRow & { members: number; last_id: number | null }>(
    `SELECT ${ROOM_COLUMNS}, ${LISTING_COLUMNS}
     FROM rooms r WHERE kind = 'public' AND archived = 0 ORDER BY member_count DESC, id LIMIT ?`,
  );
  const updates = new Map<string, Database.Statement>();
  const updateColumn = (column: string) => {
    let statement = updates.get(column);
    if (!statement) {
      statement = db.prepare(`UPDATE rooms SET ${column} = ? WHERE id = ?`);
      updates.set(column, statement);
    }
    return statement;
  };

  const create = db.transaction((room: NewRoom, members: readonly { key: string; role: MemberRole }[]) => {
    const owner = room.kind === 'group' ? null : room.creatorKey;
    const info = insertRoom.run(
      room.id ?? null,
      room.kind,
      room.name,
      room.topic,
      owner,
      room.at,
      room.creatorKey,
    );
    const id = Number(info.lastInsertRowid);
    for (const m of members) insertMember.run(id, m.key, m.role, room.at);
    return id;
  });
  const update = db.transaction((id: number, patch: RoomPatch) => {
    for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof typeof PATCH_COLUMNS];
      if (value === undefined) continue;
      updateColumn(column).run(typeof value === 'boolean' ? Number(value) : value, id);
    }
  });

  return {
    createRoom(room, members) {
      const id = create(room, members);
      return toRoom(selectRoom.get(id) as RoomRow);
    },
    findRoom(id) {
      const row = selectRoom.get(id);
      return row ? toRoom(row) : null;
    },
    updateRoom(id, patch) {
      update(id, patch);
    },
    claimDefaultRoom(ownerKey) {
      claim.run(ownerKey);
    },
    countRooms: () => count.get()?.n ?? 0,
    countRoomsCreatedBy: (key) => countBy.get(key)?.n ?? 0,
    publicRooms: (limit) =>
      listPublic
        .all(limit)
        .map((row) => ({ room: toRoom(row), members: row.members, lastId: row.last_id ?? 0 })),
  };
}

// Fills a Hearth data directory with rooms before the server starts, through the server's own store module
// (`createRoom` with the members, one transaction per room): the multi-room and room-scale scenarios. The
// accounts come from the template (bench/seed.ts); a room's first member is its owner.

import { openSqliteStore } from '../src-main/server/store/sqlite-store';
import type { NewMessage } from '../src-main/server/store/store';
import { DEFAULT_ROOM_ID } from '../src-shared/limits';
import { benchUsername } from './seed';

/** Seeded rooms get the ids after the default room's, in order. */
export const FIRST_ROOM_ID = DEFAULT_ROOM_ID + 1;

export interface RoomSeed {
  name: string;
  visibility: 'public' | 'private';
  /** Bench account ids; the first is the owner. */
  members: readonly number[];
}

/** Creates the rooms (ids FIRST_ROOM_ID onwards), each with `messagesPerRoom` stored messages by its owner. */
export function seedRooms(dataDir: string, rooms: readonly RoomSeed[], messagesPerRoom = 0): void {
  const store = openSqliteStore(dataDir, { synchronous: 'normal' });
  try {
    const at = Date.now();
    const messages: NewMessage[] = [];
    rooms.forEach((seed, i) => {
      const owner = benchUsername(seed.members[0] ?? 0);
      const record = store.createRoom(
        { kind: seed.visibility, name: seed.name, topic: '', creatorKey: owner, at },
        seed.members.map((id, k) => ({ key: benchUsername(id), role: k === 0 ? 'owner' : 'member' })),
      );
      if (record.id !== FIRST_ROOM_ID + i)
        throw new Error(`seeded room ${seed.name} got id ${record.id}, not ${FIRST_ROOM_ID + i}`);
      for (let m = 0; m < messagesPerRoom; m++) {
        messages.push({
          senderKey: owner,
          sender: owner,
          recipientKey: null,
          recipient: null,
          text: `seeded message ${m} in ${seed.name}`,
          cid: null,
          timestamp: at + m,
          delivered: true,
          roomId: record.id,
        });
      }
    });
    if (messages.length > 0) store.appendMessages(messages);
  } finally {
    store.close();
  }
}

/** `rooms` public rooms named r1, r2, … of `members` consecutive accounts each, from account 0 on. */
export function blockRooms(rooms: number, members: number): RoomSeed[] {
  return Array.from({ length: rooms }, (_, k) => ({
    name: `r${k + 1}`,
    visibility: 'public' as const,
    members: Array.from({ length: members }, (_, m) => k * members + m),
  }));
}

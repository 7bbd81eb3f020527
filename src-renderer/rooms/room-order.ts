import type { RoomSummary } from '../../src-shared/ipc';
import { roomTitle } from '../chat/conversation-title';
import { naturalCompare } from '../format/natural-order';

/**
 * The sidebar's two kinds of room: named rooms (the default room first, then A–Z as people read names:
 * "Room 2" before "Room 10") and group conversations (A–Z by the people in them).
 */
export function orderRooms(
  rooms: readonly RoomSummary[],
  self: string,
): { rooms: RoomSummary[]; groups: RoomSummary[] } {
  const byTitle = (a: RoomSummary, b: RoomSummary) =>
    naturalCompare(roomTitle(a, self), roomTitle(b, self)) || naturalCompare(a.id, b.id);
  const named = rooms.filter((r) => r.kind !== 'group' && r.kind !== 'default').sort(byTitle);
  const main = rooms.filter((r) => r.kind === 'default');
  return { rooms: [...main, ...named], groups: rooms.filter((r) => r.kind === 'group').sort(byTitle) };
}

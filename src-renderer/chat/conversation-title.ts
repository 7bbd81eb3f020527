import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import { naturalCompare } from '../format/natural-order';

/** A room by its name; a group conversation, which has none, by the other people in it. */
export function roomTitle(room: RoomSummary, self: string): string {
  if (room.kind === 'group') {
    const others = (room.people ?? []).filter((p) => p.toLowerCase() !== self.toLowerCase());
    return others.length > 0 ? [...others].sort(naturalCompare).join(', ') : 'Group';
  }
  return room.name || (room.kind === 'default' ? 'Room' : 'Unnamed room');
}

/** A room is called by its title; a direct conversation by the other person's name. */
export function conversationTitle(id: ConversationId, rooms: readonly RoomSummary[] = [], self = ''): string {
  if (id.startsWith('@')) return id.slice(1);
  const room = rooms.find((r) => r.id === id);
  if (room) return roomTitle(room, self);
  return 'Room';
}

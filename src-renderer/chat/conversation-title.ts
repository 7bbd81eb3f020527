import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import { naturalCompare } from '../format/natural-order';
import { intl, t } from '../i18n/intl';

/** A room by its name; a group conversation, which has none, by the other people in it. */
export function roomTitle(room: RoomSummary, self: string): string {
  if (room.kind === 'group') {
    const others = (room.people ?? []).filter((p) => p.toLowerCase() !== self.toLowerCase());
    return others.length > 0
      ? intl.formatList([...others].sort(naturalCompare), { type: 'unit' })
      : t('chat.title.group');
  }
  return room.name || (room.kind === 'default' ? t('chat.title.room') : t('chat.title.unnamedRoom'));
}

/** A room is called by its title; a direct conversation by the other person's name. */
export function conversationTitle(id: ConversationId, rooms: readonly RoomSummary[] = [], self = ''): string {
  if (id.startsWith('@')) return id.slice(1);
  const room = rooms.find((r) => r.id === id);
  if (room) return roomTitle(room, self);
  return t('chat.title.room');
}

import { useMemo } from 'react';
import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import { isModerator } from '../rooms/permissions';
import { useMembers } from '../rooms/use-members';

/**
 * Who `@` offers in the open conversation: the room's members (not oneself), plus `@room` for its owner
 * and moderators; in a direct conversation, the friend.
 */
export function useMentionNames(
  active: ConversationId,
  room: RoomSummary | undefined,
  self: string,
): string[] {
  const { members } = useMembers(room ? active : null);
  return useMemo(() => {
    if (!room) return active.startsWith('@') ? [active.slice(1)] : [];
    const names = (members ?? [])
      .map((m) => m.username)
      .filter((n) => n.toLowerCase() !== self.toLowerCase());
    return isModerator(room.role) ? ['room', ...names] : names;
  }, [active, room, members, self]);
}

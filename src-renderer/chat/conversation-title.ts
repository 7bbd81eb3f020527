import type { ConversationId } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';

/** The room is called "Room"; a direct conversation is called by the other person's name. */
export function conversationTitle(id: ConversationId): string {
  return id === ROOM ? 'Room' : id.replace(/^@/, '');
}

import type { ConversationId } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { naturalCompare } from '../format/natural-order';

/**
 * The room first, then every direct conversation with something in it, the most recent activity first;
 * conversations whose last message is not known yet (only an unread count so far) follow in name order.
 */
export function orderConversations(
  direct: Iterable<ConversationId>,
  lastActivity: Readonly<Record<ConversationId, string>>,
): ConversationId[] {
  const dms = [...new Set(direct)].filter((id) => id !== ROOM);
  dms.sort((a, b) => {
    const at = lastActivity[a];
    const bt = lastActivity[b];
    if (at && bt && at !== bt) return at < bt ? 1 : -1;
    if (at && !bt) return -1;
    if (bt && !at) return 1;
    return naturalCompare(a, b);
  });
  return [ROOM, ...dms];
}

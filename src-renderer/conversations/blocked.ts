// Hiding what blocked people say in the room. The room still delivers their messages (docs/protocol.md
// § Friends: hiding is the client's job), so the filter is applied when a timeline is shown: unblocking
// shows them again at once, history and live messages alike.

import type { ConversationId } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import type { Timeline } from './timeline';

export function withoutBlocked(
  timeline: Timeline,
  conversation: ConversationId,
  blocked: readonly string[],
): Timeline {
  if (conversation !== ROOM || blocked.length === 0) return timeline;
  const hidden = new Set(blocked.map((name) => name.toLowerCase()));
  const items = timeline.items.filter(
    (item) => item.kind !== 'message' || !hidden.has(item.message.sender.toLowerCase()),
  );
  return items.length === timeline.items.length ? timeline : { ...timeline, items };
}

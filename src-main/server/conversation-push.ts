// Pushing a change of a stored message (an edit, a reaction) to everyone who hears its conversation: the
// online members of its room, or both people of a direct conversation. Classic KTN connections (only ever in
// the default room) understand no such object: they get a plain line instead, or nothing.
import { DEFAULT_ROOM_ID } from '../../src-shared/protocol';
import type { Connection } from './connection';
import type { ServerContext } from './context';
import { sharedLine } from './responses';
import type { MessageRef } from './store/store';

/** `classic`: the line classic connections get instead (omitted: they get nothing). */
export function pushToConversation(
  ctx: ServerContext,
  message: Pick<MessageRef, 'roomId' | 'senderKey' | 'recipientKey'>,
  line: string,
  options: { except?: Connection; classic?: string } = {},
): void {
  const shared = sharedLine(line);
  const { except, classic } = options;
  if (message.roomId === null) {
    ctx.online.sendToUser(message.senderKey, shared, except);
    if (message.recipientKey !== null) ctx.online.sendToUser(message.recipientKey, shared, except);
    return;
  }
  if (message.roomId !== DEFAULT_ROOM_ID) {
    ctx.audience.send(message.roomId, shared, except);
    return;
  }
  for (const c of ctx.online.members) {
    if (c === except) continue;
    if (!c.classic) c.send(shared);
    else if (classic !== undefined) c.send(classic);
  }
}

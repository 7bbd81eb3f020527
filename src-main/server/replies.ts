// Replies (docs/protocol.md § Replies): a message may answer another one of the same conversation that has
// not been deleted. The quoted preview is not copied: it is read with the reply (message-rows.ts), so it
// follows later edits and says "deleted" once the original is gone.
import type { Connection, SessionUser } from './connection';
import type { ServerContext } from './context';
import { errorLine } from './responses';
import type { MessageRef } from './store/store';

/** A conversation: a room, or the direct conversation with a partner. */
export type ConversationPlace = { roomId: number } | { partnerKey: string };

/** Whether the message belongs to that conversation (for a direct one: between the user and the partner). */
export function isIn(message: MessageRef, userKey: string, place: ConversationPlace): boolean {
  if ('roomId' in place) return message.roomId === place.roomId;
  return (
    message.roomId === null &&
    ((message.senderKey === userKey && message.recipientKey === place.partnerKey) ||
      (message.senderKey === place.partnerKey && message.recipientKey === userKey))
  );
}

/** Whether `id` may be answered in that conversation; otherwise answers the refusal and returns false. */
export function checkReplyTarget(
  ctx: ServerContext,
  connection: Connection,
  id: number,
  place: ConversationPlace,
  re: string | undefined,
): boolean {
  const user = connection.user as SessionUser;
  const target = ctx.store.findMessage(id);
  if (!target || !isIn(target, user.key, place)) {
    connection.send(errorLine('not_found', `there is no message ${id} in this conversation to reply to`, re));
    return false;
  }
  if (target.deleted) {
    connection.send(errorLine('not_found', `message ${id} was deleted: there is nothing to reply to`, re));
    return false;
  }
  return true;
}

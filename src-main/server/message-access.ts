// Who may act on a stored message (docs/protocol.md § Conversation features, Authorization): a message is
// found only by someone who could page to it — a member of its room now (not banned), or either person of a
// direct conversation. Anyone else gets `not_found`, exactly as for a message that does not exist.
import type { Connection, SessionUser } from './connection';
import type { ServerContext } from './context';
import { errorLine } from './responses';
import { type Standing, standing, wireRoomId } from './room-access';
import type { MessageRef } from './store/store';

export interface OpenMessage {
  message: MessageRef;
  /** The reader's standing in the message's room; null for a direct message. */
  room: Standing | null;
  /** The conversation as the reader names it: `room`, `#n`, or `@partner`. */
  conversation: string;
  /** Whether the reader sent it. */
  own: boolean;
}

/** The message if this user may read it, else null once `not_found` is answered. */
export function openMessage(
  ctx: ServerContext,
  connection: Connection,
  id: number,
  re: string | undefined,
): OpenMessage | null {
  const user = connection.user as SessionUser;
  const found = ctx.store.findMessage(id);
  const readable = found ? readableBy(ctx, user, found) : null;
  if (!found || !readable) {
    connection.send(errorLine('not_found', `there is no message ${id}`, re));
    return null;
  }
  return { message: found, ...readable, own: found.senderKey === user.key };
}

/** The message if this user may read it (a file transfer asks: docs/protocol.md § Files), else null. */
export function readableMessage(ctx: ServerContext, user: SessionUser, id: number): MessageRef | null {
  const found = ctx.store.findMessage(id);
  return found && readableBy(ctx, user, found) ? found : null;
}

function readableBy(
  ctx: ServerContext,
  user: SessionUser,
  message: MessageRef,
): { room: Standing | null; conversation: string } | null {
  if (message.roomId === null) {
    const partner = message.senderKey === user.key ? message.recipientKey : message.senderKey;
    if (partner === null || (message.senderKey !== user.key && message.recipientKey !== user.key))
      return null;
    return { room: null, conversation: `@${ctx.store.findUser(partner)?.username ?? partner}` };
  }
  const room = ctx.store.findRoom(message.roomId);
  if (!room) return null;
  const s = standing(ctx, room, user);
  return s.banned || s.role === null ? null : { room: s, conversation: wireRoomId(room.id) };
}

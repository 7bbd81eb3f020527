// A conversation a request names (`room`, `#n`, `@name`), resolved with the refusals of the request it is
// for: rooms as room-access.ts opens them (members only), direct conversations with an existing account.
import type { Connection } from './connection';
import type { ServerContext } from './context';
import { directPartner } from './handlers/chat';
import type { ConversationPlace } from './replies';
import { openForPosting, openRoom, type Standing, wireRoomId } from './room-access';

export type OpenConversation =
  | { kind: 'room'; place: ConversationPlace; room: Standing; wire: string }
  | { kind: 'dm'; place: ConversationPlace; partner: { key: string; username: string }; wire: string };

/** `posting`: the request says something there (typing), so a mute or a read-only room refuses it. */
export function openConversation(
  ctx: ServerContext,
  connection: Connection,
  conversation: string,
  re: string | undefined,
  posting = false,
): OpenConversation | null {
  const user = connection.user;
  if (!user) return null;
  if (!conversation.startsWith('@')) {
    const room = (posting ? openForPosting : openRoom)(ctx, connection, conversation, re);
    if (!room) return null;
    return { kind: 'room', place: { roomId: room.room.id }, room, wire: wireRoomId(room.room.id) };
  }
  const partner = directPartner(ctx, connection, user, conversation, re);
  if (!partner) return null;
  return { kind: 'dm', place: { partnerKey: partner.key }, partner, wire: `@${partner.username}` };
}

// Typing indicators (docs/protocol.md § Typing): `typing` is forwarded to the conversation's other people at
// most once per user and conversation every 3 s; extra ones are dropped without an answer, and success has no
// answer either (a client sends one every few seconds while the person types). Clients forget one after 6 s.
import { DEFAULT_ROOM_ID, type Request } from '../../../src-shared/protocol';
import type { SessionUser } from '../connection';
import type { Handler } from '../context';
import { openConversation } from '../conversation-access';
import { errorLine, sharedLine } from '../responses';
import { roomLine } from '../room-view';

type TypingRequest = Extract<Request, { request: 'typing' }>;

export const handleTyping: Handler<TypingRequest> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const open = openConversation(ctx, connection, request.content.conversation, re, true);
  if (!open) return;
  if (open.kind === 'dm' && ctx.store.friendRelation(user.key, open.partner.key) !== 'friends') {
    connection.send(errorLine('not_allowed', 'you can chat directly only with friends', re));
    return;
  }
  const target = open.kind === 'dm' ? `@${open.partner.key}` : open.wire;
  if (!ctx.rates.typing.take(`${user.key} ${target}`, Date.now())) return;
  if (open.kind === 'dm') {
    const content = { conversation: `@${user.username}`, username: user.username };
    ctx.online.sendToUser(open.partner.key, roomLine({ response: 'typing', content }));
    return;
  }
  const line = sharedLine(
    roomLine({ response: 'typing', content: { conversation: open.wire, username: user.username } }),
  );
  const roomId = open.room.room.id;
  if (roomId !== DEFAULT_ROOM_ID) {
    for (const key of ctx.audience.keys(roomId)) if (key !== user.key) ctx.online.sendToUser(key, line);
    return;
  }
  // Classic clients know no typing indicators.
  for (const c of ctx.online.members) if (!c.classic && c.user?.key !== user.key) c.send(line);
};

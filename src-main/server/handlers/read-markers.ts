// Read markers and receipts (docs/protocol.md § Read markers): each account's last-read id per conversation,
// moved only forward and pushed to its other connections, so every device counts unread messages alike; in a
// direct conversation the friend learns it as `seen`, unless either of them turned receipts off.
import type { Request } from '../../../src-shared/protocol';
import type { SessionUser } from '../connection';
import type { Handler } from '../context';
import { openConversation } from '../conversation-access';
import { isIn } from '../replies';
import { errorLine } from '../responses';
import { roomLine } from '../room-view';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

export const handleRead: Handler<Req<'read'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const { id } = request.content;
  // A guest's key is its nickname, shared with the next guest of that name: it keeps no markers.
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests have no read markers: log in to an account', re));
    return;
  }
  const open = openConversation(ctx, connection, request.content.conversation, re);
  if (!open) return;
  const message = ctx.store.findMessage(id);
  if (!message || !isIn(message, user.key, open.place)) {
    connection.send(errorLine('not_found', `there is no message ${id} in ${open.wire}`, re));
    return;
  }
  const markerConv = open.kind === 'room' ? open.wire : `@${open.partner.key}`;
  const before = ctx.store.readMarker(user.key, markerConv);
  const marker = ctx.store.markRead(user.key, markerConv, id, Date.now());
  const line = roomLine({ response: 'read', content: { conversation: open.wire, id: marker } });
  connection.send(roomLine({ response: 'read', content: { conversation: open.wire, id: marker } }, re));
  if (marker === before) return;
  ctx.online.sendToUser(user.key, line, connection);
  if (open.kind !== 'dm') return;
  const partner = open.partner.key;
  if (!ctx.store.receiptsOn(user.key) || !ctx.store.receiptsOn(partner)) return;
  const conversation = `@${user.username}`;
  ctx.online.sendToUser(partner, roomLine({ response: 'seen', content: { conversation, id: marker } }));
};

export const handleReceipts: Handler<Req<'receipts'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests have no settings: log in to an account', request.rid));
    return;
  }
  const { on } = request.content;
  ctx.store.setReceipts(user.key, on);
  connection.send(roomLine({ response: 'receipts', content: { on } }, request.rid));
  ctx.online.sendToUser(user.key, roomLine({ response: 'receipts', content: { on } }), connection);
};

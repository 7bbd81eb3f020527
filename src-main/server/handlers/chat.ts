// Chat requests: send (room or direct), history pages, resume after a reconnect, names, help, ping.
import type { FileMeta } from '../../../src-shared/file-protocol';
import { DEFAULT_ROOM_ID, type Request, ROOM, SERVER_SENDER } from '../../../src-shared/protocol';
import type { Connection, SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { findMentions } from '../mentions';
import { withReactions } from '../reaction-view';
import { checkReplyTarget } from '../replies';
import { errorLine, fitToBytes, historyLine, infoLine, isoTime, messageResponse, toLine } from '../responses';
import { resumeWithChanges } from '../resume-changes';
import { openForPosting, openRoom, wireRoomId } from '../room-access';
import type { ConversationRef } from '../store/store';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

export const HELP_TEXT = [
  'Commands (send JSON objects like {"request": "msg", "content": "hello"}):',
  'login <nickname>: join the room as a guest (content is the nickname)',
  'login {username, password}: log in to your account; register {username, password}: create one',
  'msg <text>: say something to the room',
  'names: who is online',
  'history: the latest messages',
  'logout: leave',
  'help: this text',
  'Accounts can also use friend_request, friend_accept, friend_decline, friend_remove, friends,',
  'msg {text, cid, to: "@friend"} for direct messages, history {conversation, before, limit}, resume {since}, ping.',
].join('\n');

export const handleMsg: Handler<Req<'msg'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const content = request.content;
  if ((typeof content === 'string' ? content : content.text).trim() === '') {
    connection.send(errorLine('invalid', 'message is empty', request.rid));
    return;
  }
  if (typeof content === 'string') {
    if (!openForPosting(ctx, connection, ROOM, request.rid)) return;
    ctx.batch.add(roomSend(connection, user, content, null, true, request.rid, DEFAULT_ROOM_ID));
    return;
  }
  queueSend(ctx, connection, content, request.rid);
};

/** What a Hearth send says and where; `file` makes it a shared file (handlers/files.ts). */
export interface Send {
  text: string;
  cid: string;
  to: string;
  replyTo?: number | undefined;
  file?: FileMeta;
}

/**
 * Queue a Hearth send for the group commit once its conversation allows it: a room the sender may post in,
 * or a direct conversation with a friend; a reply must answer a message of the same conversation.
 */
export function queueSend(
  ctx: ServerContext,
  connection: Connection,
  send: Send,
  re: string | undefined,
): void {
  const user = connection.user as SessionUser;
  const { replyTo, file } = send;
  const extra = { ...(replyTo === undefined ? {} : { replyTo }), ...(file ? { file } : {}) };
  if (!send.to.startsWith('@')) {
    const room = openForPosting(ctx, connection, send.to, re);
    if (!room) return;
    const roomId = room.room.id;
    if (replyTo !== undefined && !checkReplyTarget(ctx, connection, replyTo, { roomId }, re)) return;
    ctx.batch.add({
      ...roomSend(connection, user, send.text, send.cid, false, re, roomId),
      // A file's notice names the file, not people.
      ...(file ? {} : findMentions(ctx, room, send.text)),
      ...extra,
    });
    return;
  }
  const recipient = directPartner(ctx, connection, user, send.to, re);
  if (!recipient) return;
  if (ctx.store.friendRelation(user.key, recipient.key) !== 'friends') {
    connection.send(errorLine('not_allowed', `you can send direct messages only to friends`, re));
    return;
  }
  const partnerKey = recipient.key;
  if (replyTo !== undefined && !checkReplyTarget(ctx, connection, replyTo, { partnerKey }, re)) return;
  ctx.batch.add({
    ...extra,
    connection,
    classic: false,
    senderKey: user.key,
    sender: user.username,
    recipientKey: recipient.key,
    recipient: recipient.username,
    text: send.text,
    cid: send.cid,
    re,
  });
}

function roomSend(
  connection: Connection,
  user: SessionUser,
  text: string,
  cid: string | null,
  classic: boolean,
  re: string | undefined,
  roomId: number,
) {
  return {
    connection,
    classic,
    roomId,
    senderKey: user.key,
    sender: user.username,
    recipientKey: null,
    recipient: null,
    text,
    cid,
    re,
  };
}

/** Resolve `@name` to an account the user may have a direct conversation with, or answer with the error. */
export function directPartner(
  ctx: ServerContext,
  connection: Connection,
  user: SessionUser,
  conversation: string,
  re: string | undefined,
): { key: string; username: string } | null {
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests can chat only in the room', re));
    return null;
  }
  const key = conversation.slice(1).toLowerCase();
  const partner = key === user.key ? null : ctx.store.findUser(key);
  if (!partner) {
    connection.send(errorLine('not_found', `there is no user "${conversation.slice(1)}"`, re));
    return null;
  }
  return partner;
}

/** docs/protocol.md § history: a page is bounded in messages and in bytes (newest kept, `more` if cut). */
export const handleHistory: Handler<Req<'history'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const query = request.content;
  const key = user.guest ? null : user.key;
  const page = (ref: ConversationRef, before: number | null, limit: number) => {
    const found = ctx.store.page(ref, before, limit);
    const messages = withReactions(ctx, found.messages, key);
    return fitToBytes({ messages, more: found.more }, ctx.options.maxPageBytes, 'newest');
  };
  if (query === null || query === undefined || typeof query === 'string') {
    const latest = page({ kind: 'room' }, null, ctx.options.historyOnLogin);
    connection.answer(historyLine(latest.messages, ROOM, latest.more, request.rid));
    return;
  }
  const before = query.before ?? null;
  if (!query.conversation.startsWith('@')) {
    const room = openRoom(ctx, connection, query.conversation, request.rid);
    if (!room) return;
    const found = page({ kind: 'room', id: room.room.id }, before, query.limit);
    connection.answer(historyLine(found.messages, wireRoomId(room.room.id), found.more, request.rid));
    return;
  }
  const partner = directPartner(ctx, connection, user, query.conversation, request.rid);
  if (!partner) return;
  const dm = page({ kind: 'dm', a: user.key, b: partner.key }, before, query.limit);
  connection.answer(historyLine(dm.messages, query.conversation, dm.more, request.rid));
};

/**
 * docs/protocol.md § resume: bounded in messages and bytes (oldest kept, `more` if cut). Direct messages count
 * as delivered once the page is handed to the kernel, not when it is queued: a connection that drops first
 * gets them again. With `changes`, older messages changed since come too (resume-changes.ts).
 */
export const handleResume: Handler<Req<'resume'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const { since, limit, changes } = request.content;
  const key = user.guest ? null : user.key;
  const withChanges = changes ? resumeWithChanges(ctx, key, since, limit) : null;
  const page = withChanges ?? plainResume(ctx, key, since, limit);
  const extra = withChanges
    ? { changes: withChanges.changes.map(messageResponse), next: withChanges.next }
    : {};
  const last = page.messages.at(-1);
  const line = toLine({
    timestamp: isoTime(),
    sender: SERVER_SENDER,
    response: 'resume',
    content: page.messages.map(messageResponse),
    more: page.more,
    ...extra,
    ...(request.rid === undefined ? {} : { re: request.rid }),
  });
  if (user.guest || !last) connection.answer(line);
  else connection.answer(line, () => ctx.store.markDelivered(user.key, last.id));
};

function plainResume(ctx: ServerContext, key: string | null, since: number, limit: number) {
  const page = ctx.store.since(key, since, limit);
  const messages = withReactions(ctx, page.messages, key);
  return fitToBytes({ messages, more: page.more }, ctx.options.maxPageBytes, 'oldest');
}

export const handleNames: Handler<Req<'names'>> = (ctx, connection, request) => {
  const users = ctx.online.usernames();
  connection.send(infoLine(`Online (${users.length}): ${users.join(', ')}`, { users }, request.rid));
};

export const handleHelp: Handler<Req<'help'>> = (_ctx, connection, request) => {
  connection.send(infoLine(HELP_TEXT, {}, request.rid));
};

export const handlePing: Handler<Req<'ping'>> = (_ctx, connection, request) => {
  connection.send(
    toLine({
      timestamp: isoTime(),
      sender: SERVER_SENDER,
      response: 'pong',
      content: null,
      ...(request.rid === undefined ? {} : { re: request.rid }),
    }),
  );
};

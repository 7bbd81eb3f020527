// Reactions (docs/protocol.md § Reactions): each user toggles an emoji on a message they can read. The answer
// and the push to the conversation's audience say who toggled which emoji and its count now; the message in
// history, resume and login carries a bounded summary (reaction-table.ts).
import type { Request } from '../../../src-shared/protocol';
import type { SessionUser } from '../connection';
import type { Handler } from '../context';
import { pushToConversation } from '../conversation-push';
import { openMessage } from '../message-access';
import { errorLine } from '../responses';
import { wireRoomId } from '../room-access';
import { roomLine } from '../room-view';

type ReactRequest = Extract<Request, { request: 'react' }>;

export const handleReact: Handler<ReactRequest> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const { id, emoji, on } = request.content;
  const found = openMessage(ctx, connection, id, re);
  if (!found) return;
  const { message } = found;
  const refuse = (why: string) => connection.send(errorLine('not_allowed', why, re));
  // A guest's key is its nickname, which the next guest of that name gets too: its reactions would be theirs.
  if (user.guest) return refuse('guests cannot react: log in to an account');
  if (message.notice !== null) return refuse('notices cannot be reacted to');
  if (message.deleted) return refuse('a deleted message cannot be reacted to');
  const now = Date.now();
  if (!ctx.rates.reactions.take(user.key, now)) {
    const limit = ctx.options.reactionsPerMinute;
    connection.send(errorLine('limit_reached', `too many reactions (${limit} a minute): slow down`, re));
    return;
  }
  const kinds = ctx.options.maxReactionKinds;
  const outcome = ctx.store.react(id, user, emoji, on, kinds, now);
  if (!outcome.ok) {
    connection.send(errorLine('limit_reached', `a message can carry at most ${kinds} different emoji`, re));
    return;
  }
  const conv = message.roomId === null ? 'dm' : wireRoomId(message.roomId);
  const content = { id, conv, emoji, username: user.username, on, count: outcome.count, rev: outcome.rev };
  connection.send(roomLine({ response: 'reaction', content }, re));
  if (outcome.changed) {
    pushToConversation(ctx, message, roomLine({ response: 'reaction', content }), { except: connection });
  }
};

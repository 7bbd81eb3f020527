// Friends: request (or accept a crossing request), accept, decline, remove, list. Every change pushes a fresh
// snapshot to both people; the requesting connection gets its snapshot as the direct answer.
// docs/protocol.md § Friends
import type { Request } from '../../../src-shared/protocol';
import type { Connection, SessionUser } from '../connection';
import { friendsSnapshot, type Handler, pushFriends, type ServerContext } from '../context';
import { errorLine, friendsLine } from '../responses';
import { countFriendRequest, friendRequestRefusal } from './friend-limits';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;
type PersonRequest = Req<
  'friend_request' | 'friend_accept' | 'friend_decline' | 'friend_remove' | 'block' | 'unblock'
>;
export interface Account {
  key: string;
  username: string;
}

/** The account a request names, or null after answering with the error. */
export function otherAccount(
  ctx: ServerContext,
  connection: Connection,
  request: PersonRequest,
): { user: SessionUser; other: Account } | null {
  const user = connection.user as SessionUser;
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests cannot have friends: register an account', request.rid));
    return null;
  }
  const key = request.content.username.toLowerCase();
  if (key === user.key) {
    const what = request.request === 'block' || request.request === 'unblock' ? 'block' : 'befriend';
    connection.send(errorLine('invalid', `you cannot ${what} yourself`, request.rid));
    return null;
  }
  const other = ctx.store.findUser(key);
  if (!other) {
    connection.send(errorLine('not_found', `there is no user "${request.content.username}"`, request.rid));
    return null;
  }
  return { user, other };
}

/** Answers with the user's snapshot and pushes it to their other connections: only their view changed. */
export function answerSnapshot(ctx: ServerContext, connection: Connection, request: PersonRequest): void {
  const user = connection.user as SessionUser;
  connection.send(friendsLine(friendsSnapshot(ctx, user.key), request.rid));
  pushFriends(ctx, user.key, connection);
}

function changed(ctx: ServerContext, connection: Connection, request: PersonRequest, otherKey: string): void {
  answerSnapshot(ctx, connection, request);
  pushFriends(ctx, otherKey);
}

export const handleFriendRequest: Handler<Req<'friend_request'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  if (ctx.store.isBlocked(user.key, other.key)) {
    connection.send(errorLine('invalid', `you blocked ${other.username}: unblock them first`, request.rid));
    return;
  }
  const relation = ctx.store.friendRelation(user.key, other.key);
  if (relation === 'friends') {
    connection.send(errorLine('invalid', `${other.username} is already your friend`, request.rid));
    return;
  }
  // A request to someone who already asked you is an accept.
  if (relation === 'incoming') {
    ctx.store.makeFriends(user.key, other.key);
    changed(ctx, connection, request, other.key);
    return;
  }
  // Asking again changes nothing, so nobody else is told.
  if (relation === 'outgoing') {
    connection.send(friendsLine(friendsSnapshot(ctx, user.key), request.rid));
    return;
  }
  const now = Date.now();
  const refusal = friendRequestRefusal(ctx, user.key, other, now);
  if (refusal) {
    connection.send(errorLine('throttled', refusal, request.rid));
    return;
  }
  countFriendRequest(ctx, user.key, now);
  ctx.store.addFriendRequest(user.key, other.key);
  // Someone who blocked the sender is not shown the request; the sender sees it pending, as if unanswered.
  if (ctx.store.isBlocked(other.key, user.key)) answerSnapshot(ctx, connection, request);
  else changed(ctx, connection, request, other.key);
};

export const handleFriendAccept: Handler<Req<'friend_accept'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  const hidden = ctx.store.isBlocked(user.key, other.key);
  if (hidden || ctx.store.friendRelation(user.key, other.key) !== 'incoming') {
    connection.send(errorLine('not_found', `no friend request from ${other.username}`, request.rid));
    return;
  }
  ctx.store.makeFriends(user.key, other.key);
  changed(ctx, connection, request, other.key);
};

/** Declines their request to you (they then wait a cool-down to ask again), or withdraws yours to them. */
export const handleFriendDecline: Handler<Req<'friend_decline'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  if (ctx.store.deleteFriendRequest(other.key, user.key)) {
    const now = Date.now();
    ctx.store.recordDecline(other.key, user.key, now, now - ctx.options.friendDeclineCooldownMs);
  } else if (!ctx.store.deleteFriendRequest(user.key, other.key)) {
    connection.send(
      errorLine('not_found', `no friend request between you and ${other.username}`, request.rid),
    );
    return;
  }
  changed(ctx, connection, request, other.key);
};

export const handleFriendRemove: Handler<Req<'friend_remove'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  if (!ctx.store.removeFriends(user.key, other.key)) {
    connection.send(errorLine('not_found', `${other.username} is not your friend`, request.rid));
    return;
  }
  changed(ctx, connection, request, other.key);
};

export const handleFriends: Handler<Req<'friends'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests cannot have friends: register an account', request.rid));
    return;
  }
  connection.send(friendsLine(friendsSnapshot(ctx, user.key), request.rid));
};

/**
 * Blocks someone: ends a friendship with them and withdraws your request to them. They are told only what a
 * removal or a withdrawal tells them (a fresh snapshot, when theirs changed), never that they are blocked;
 * their later requests wait unseen, and direct messages need a friendship. Blocking twice changes nothing.
 */
export const handleBlock: Handler<Req<'block'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  const relation = ctx.store.friendRelation(user.key, other.key);
  if (!ctx.store.block(user.key, other.key)) {
    connection.send(friendsLine(friendsSnapshot(ctx, user.key), request.rid));
    return;
  }
  if (relation === 'friends' || relation === 'outgoing') changed(ctx, connection, request, other.key);
  else answerSnapshot(ctx, connection, request);
};

/** Unblocks someone; a request they made meanwhile shows up in `incoming` again. */
export const handleUnblock: Handler<Req<'unblock'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  if (!ctx.store.unblock(user.key, other.key)) {
    connection.send(errorLine('not_found', `you have not blocked ${other.username}`, request.rid));
    return;
  }
  answerSnapshot(ctx, connection, request);
};

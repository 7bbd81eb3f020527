// Friends: request (or accept a crossing request), accept, decline, remove, list. Every change pushes a fresh
// snapshot to both people; the requesting connection gets its snapshot as the direct answer.
import type { Request } from '../../../src-shared/protocol';
import type { Connection, SessionUser } from '../connection';
import { friendsSnapshot, type Handler, pushFriends, type ServerContext } from '../context';
import { errorLine, friendsLine } from '../responses';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;
type FriendChange = Req<'friend_request' | 'friend_accept' | 'friend_decline' | 'friend_remove'>;

/** The account named in a friend request, or null after answering with the error. */
function otherAccount(
  ctx: ServerContext,
  connection: Connection,
  request: FriendChange,
): { user: SessionUser; other: { key: string; username: string } } | null {
  const user = connection.user as SessionUser;
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests cannot have friends: register an account', request.rid));
    return null;
  }
  const key = request.content.username.toLowerCase();
  if (key === user.key) {
    connection.send(errorLine('invalid', 'you cannot befriend yourself', request.rid));
    return null;
  }
  const other = ctx.store.findUser(key);
  if (!other) {
    connection.send(errorLine('not_found', `there is no user "${request.content.username}"`, request.rid));
    return null;
  }
  return { user, other };
}

function changed(ctx: ServerContext, connection: Connection, request: FriendChange, otherKey: string): void {
  const user = connection.user as SessionUser;
  connection.send(friendsLine(friendsSnapshot(ctx, user.key), request.rid));
  pushFriends(ctx, user.key, connection);
  pushFriends(ctx, otherKey);
}

export const handleFriendRequest: Handler<Req<'friend_request'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  const relation = ctx.store.friendRelation(user.key, other.key);
  if (relation === 'friends') {
    connection.send(errorLine('invalid', `${other.username} is already your friend`, request.rid));
    return;
  }
  // A request to someone who already asked you is an accept.
  if (relation === 'incoming') ctx.store.makeFriends(user.key, other.key);
  else ctx.store.addFriendRequest(user.key, other.key);
  changed(ctx, connection, request, other.key);
};

export const handleFriendAccept: Handler<Req<'friend_accept'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  if (ctx.store.friendRelation(user.key, other.key) !== 'incoming') {
    connection.send(errorLine('not_found', `no friend request from ${other.username}`, request.rid));
    return;
  }
  ctx.store.makeFriends(user.key, other.key);
  changed(ctx, connection, request, other.key);
};

/** Declines their request to you, or withdraws yours to them. */
export const handleFriendDecline: Handler<Req<'friend_decline'>> = (ctx, connection, request) => {
  const found = otherAccount(ctx, connection, request);
  if (!found) return;
  const { user, other } = found;
  if (
    !ctx.store.deleteFriendRequest(other.key, user.key) &&
    !ctx.store.deleteFriendRequest(user.key, other.key)
  ) {
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

// The account itself (docs/protocol.md § Account and profile): changing the password, signing out the other
// sessions, deleting the account. Each asks for the password (but signing out, which only takes away), and
// each ends the account's other connections with a `signed_out` line saying why.

import type { SignedOutReason } from '../../../src-shared/account-protocol';
import { DEFAULT_ROOM_ID } from '../../../src-shared/limits';
import { MIN_PASSWORD_LENGTH, type Request } from '../../../src-shared/protocol';
import type { Connection, SessionUser } from '../connection';
import { type Handler, pushFriends, type ServerContext } from '../context';
import { errorLine } from '../responses';
import { roomLine } from '../room-view';
import { leave } from './rooms';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;
type Action = 'password_changed' | 'signed_out_others' | 'deleted';

/** The account of a connection, or null after telling a guest it has none. */
export function accountOf(connection: Connection, re: string | undefined): SessionUser | null {
  const user = connection.user as SessionUser;
  if (!user.guest) return user;
  connection.send(errorLine('not_allowed', 'guests have no account: register one first', re));
  return null;
}

export const handlePasswordChange: Handler<Req<'password_change'>> = async (ctx, connection, request) => {
  const re = request.rid;
  const user = accountOf(connection, re);
  if (!user) return;
  const { current, password } = request.content;
  if (password.length < MIN_PASSWORD_LENGTH) {
    connection.send(
      errorLine('weak_password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`, re),
    );
    return;
  }
  if (!(await passwordChecks(ctx, connection, user, current, re))) return;
  const hashed = await ctx.passwords.hash(password);
  if (connection.closed) return;
  if (!hashed.ok) {
    connection.send(errorLine(hashed.code, hashed.error, re));
    return;
  }
  // Everywhere first: a login on another node (or here) copies the account from there.
  await ctx.accounts.setPassword(user.key, hashed.value);
  ctx.store.setPasswordHash(user.key, hashed.value);
  const signedOut = endOtherSessions(ctx, connection, user, 'password_changed');
  ctx.log(`password changed for ${user.username} ${connection.peer}`);
  connection.send(accountLine('password_changed', signedOut, re));
};

export const handleSignOutOthers: Handler<Req<'sign_out_others'>> = (ctx, connection, request) => {
  const user = accountOf(connection, request.rid);
  if (!user) return;
  const signedOut = endOtherSessions(ctx, connection, user, 'signed_out_elsewhere');
  ctx.log(`${user.username} signed out ${signedOut} other sessions`);
  connection.send(accountLine('signed_out_others', signedOut, request.rid));
};

export const handleAccountDelete: Handler<Req<'account_delete'>> = async (ctx, connection, request) => {
  const re = request.rid;
  const user = accountOf(connection, re);
  if (!user) return;
  if (!(await passwordChecks(ctx, connection, user, request.content.password, re))) return;
  await ctx.accounts.erase(user.key);
  const lists = ctx.store.friendLists(user.key);
  const signedOut = endOtherSessions(ctx, connection, user, 'account_deleted');
  connection.endWith(accountLine('deleted', signedOut, re));
  leaveEveryRoom(ctx, user);
  ctx.store.eraseAccount(user.key, user.username, Date.now());
  connection.sessionTokenHash = null;
  // Whoever had this account among friends or requests sees it gone.
  for (const name of [...lists.friends, ...lists.incoming, ...lists.outgoing]) {
    pushFriends(ctx, name.toLowerCase());
  }
  ctx.log(`account ${user.username} deleted ${connection.peer}`);
};

/**
 * The password of the account this connection is logged in to, checked off the event loop. Wrong guesses
 * count against the account like failed logins, so a borrowed, unlocked device cannot try passwords freely.
 */
async function passwordChecks(
  ctx: ServerContext,
  connection: Connection,
  user: SessionUser,
  password: string,
  re: string | undefined,
): Promise<boolean> {
  const throttle = ctx.throttles.account;
  const wait = throttle.waitFor(user.key, Date.now());
  if (wait > 0) {
    connection.send(
      errorLine('throttled', `too many wrong passwords: try again in ${Math.ceil(wait / 1000)} s`, re),
    );
    return false;
  }
  const record = ctx.store.findUser(user.key);
  const verdict = await ctx.passwords.verify(password, record ? record.passwordHash : null);
  if (verdict.ok && !verdict.value) throttle.fail(user.key, Date.now());
  if (connection.closed) return false;
  if (!verdict.ok) {
    connection.send(errorLine(verdict.code, verdict.error, re));
    return false;
  }
  if (!verdict.value) {
    connection.send(errorLine('bad_credentials', 'that is not your current password', re));
    return false;
  }
  throttle.succeed(user.key);
  return true;
}

/**
 * Revoke every session token of the account but this connection's, and close its other connections with the
 * reason. Returns how many sessions ended: revoked tokens, or open connections if there were more of those.
 */
function endOtherSessions(
  ctx: ServerContext,
  connection: Connection,
  user: SessionUser,
  reason: SignedOutReason,
): number {
  const revoked = ctx.store.deleteSessionsExcept(user.key, connection.sessionTokenHash);
  ctx.accounts.revokeOthers(user.key, connection.sessionTokenHash);
  const others = ctx.online.connectionsOf(user.key).filter((c) => c !== connection);
  const line = roomLine({ response: 'signed_out', content: { reason } });
  for (const other of others) {
    other.sessionTokenHash = null;
    other.endWith(line);
  }
  return Math.max(revoked, others.length);
}

/** Out of every room but the default one (ownership passes on as when leaving); the default room's too. */
function leaveEveryRoom(ctx: ServerContext, user: SessionUser): void {
  for (const { room } of ctx.store.roomsOf(user.key)) {
    if (room.id !== DEFAULT_ROOM_ID) leave(ctx, room, user.key, user.username);
  }
  const main = ctx.store.findRoom(DEFAULT_ROOM_ID);
  if (main?.ownerKey !== user.key) return;
  const heir = ctx.store.successor(DEFAULT_ROOM_ID, user.key);
  if (!heir) return;
  ctx.store.setMemberRole(DEFAULT_ROOM_ID, heir, 'owner', Date.now());
  ctx.store.updateRoom(DEFAULT_ROOM_ID, { ownerKey: heir });
}

function accountLine(action: Action, signedOut: number, re: string | undefined): string {
  return roomLine({ response: 'account', content: { action, signedOut } }, re);
}

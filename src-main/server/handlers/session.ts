// Sessions: register, login (account, Hearth guest, classic guest), logout, and what happens when a user
// enters or leaves the room (welcome, join/leave notices, presence for friends).
import {
  MIN_PASSWORD_LENGTH,
  type Request,
  SERVER_SENDER,
  USERNAME_PATTERN,
} from '../../../src-shared/protocol';
import type { Connection, SessionUser } from '../connection';
import { friendsSnapshot, type Handler, type ServerContext } from '../context';
import { hashPassword, verifyPassword } from '../passwords';
import {
  errorLine,
  historyLine,
  infoLine,
  isoTime,
  messageResponse,
  presenceLine,
  toLine,
} from '../responses';
import { hashSessionToken, newSessionToken } from '../session-tokens';
import type { StoredMessage } from '../store/store';

type LoginRequest = Extract<Request, { request: 'login' }>;
type RegisterRequest = Extract<Request, { request: 'register' }>;
type LogoutRequest = Extract<Request, { request: 'logout' }>;

/** Undelivered direct messages handed over with one login; older ones come with `resume`. */
const MAX_UNDELIVERED_ON_LOGIN = 500;
/** Names listed in the welcome; `names` lists everyone. */
const WELCOME_NAMES = 10;

export const handleLogin: Handler<LoginRequest> = (ctx, connection, request) => {
  if (connection.user) {
    connection.send(errorLine('already_logged_in', 'you are already logged in', request.rid));
    return;
  }
  const content = request.content;
  if (typeof content === 'string') return loginGuest(ctx, connection, content.trim(), true, request.rid);
  if (connection.unencrypted) return refuseUnencrypted(connection, request.rid);
  if ('guest' in content) return loginGuest(ctx, connection, content.username, false, request.rid);
  if ('token' in content)
    return loginWithToken(ctx, connection, content.username, content.token, request.rid);
  return loginAccount(ctx, connection, content.username, content.password, request.rid);
};

/** The classic port is plaintext: nothing that carries a secret (or opens a Hearth session) is taken there. */
function refuseUnencrypted(connection: Connection, re: string | undefined): void {
  connection.send(
    errorLine(
      'not_allowed',
      'this port is not encrypted and only takes classic nickname logins: use the Hearth app on the main port',
      re,
    ),
  );
}

export const handleRegister: Handler<RegisterRequest> = async (ctx, connection, request) => {
  const { username, password } = request.content;
  const re = request.rid;
  if (connection.user) {
    connection.send(errorLine('already_logged_in', 'you are already logged in', re));
    return;
  }
  if (connection.unencrypted) return refuseUnencrypted(connection, re);
  const key = username.toLowerCase();
  if (key === SERVER_SENDER) {
    connection.send(errorLine('name_taken', `the name "${username}" is reserved`, re));
    return;
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    connection.send(
      errorLine('weak_password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`, re),
    );
    return;
  }
  if (ctx.store.findUser(key) || ctx.online.isOnline(guestKey(key))) {
    connection.send(errorLine('name_taken', `the name "${username}" is taken`, re));
    return;
  }
  const passwordHash = await hashPassword(password, ctx.options.bcryptCost);
  if (connection.closed) return;
  // Checked again: another connection may have taken the name while the hash was being computed.
  if (ctx.online.isOnline(guestKey(key)) || !ctx.store.createUser({ key, username, passwordHash })) {
    connection.send(errorLine('name_taken', `the name "${username}" is taken`, re));
    return;
  }
  ctx.log(`register ${username} ${connection.peer}`);
  enterRoom(ctx, connection, { key, username, guest: false }, false, re);
};

export const handleLogout: Handler<LogoutRequest> = (ctx, connection, request) => {
  if (connection.user) ctx.log(`logout ${connection.label}`);
  if (connection.sessionTokenHash) {
    ctx.store.deleteSession(connection.sessionTokenHash);
    connection.sessionTokenHash = null;
  }
  connection.endWith(infoLine('Goodbye!', {}, request.rid));
};

function guestKey(nameKey: string): string {
  return `~${nameKey}`;
}

function loginGuest(
  ctx: ServerContext,
  connection: Connection,
  username: string,
  classic: boolean,
  re: string | undefined,
): void {
  if (!ctx.options.allowGuests) {
    connection.send(
      errorLine('guests_not_allowed', 'this room does not allow guests: register or log in', re),
    );
    return;
  }
  if (!USERNAME_PATTERN.test(username)) {
    connection.send(errorLine('invalid', 'a nickname must be 1-32 characters of letters, digits or _', re));
    return;
  }
  const key = username.toLowerCase();
  if (key === SERVER_SENDER || ctx.store.findUser(key)) {
    connection.send(
      errorLine('name_taken', `the name "${username}" belongs to an account: log in with its password`, re),
    );
    return;
  }
  if (ctx.online.isOnline(guestKey(key))) {
    connection.send(errorLine('name_taken', `someone called "${username}" is already here`, re));
    return;
  }
  ctx.log(`login ${username} (guest) ${connection.peer}`);
  enterRoom(ctx, connection, { key: guestKey(key), username, guest: true }, classic, re);
}

async function loginAccount(
  ctx: ServerContext,
  connection: Connection,
  username: string,
  password: string,
  re: string | undefined,
): Promise<void> {
  const key = username.toLowerCase();
  const address = connection.socket.remoteAddress ?? connection.peer;
  const { account: accountThrottle, address: addressThrottle } = ctx.throttles;
  const now = Date.now();
  const wait = Math.max(accountThrottle.waitFor(key, now), addressThrottle.waitFor(address, now));
  if (wait > 0) {
    connection.send(
      errorLine('throttled', `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, re),
    );
    return;
  }
  const user = ctx.store.findUser(key);
  // Unknown names cost the same bcrypt compare as wrong passwords, so timing does not reveal accounts.
  const ok = await verifyPassword(password, user ? user.passwordHash : await ctx.dummyHash);
  if (connection.closed) return;
  if (!user || !ok) {
    accountThrottle.fail(key, Date.now());
    addressThrottle.fail(address, Date.now());
    ctx.log(`failed login for "${username}" ${connection.peer}`);
    connection.send(errorLine('bad_credentials', 'wrong username or password', re));
    return;
  }
  // The address keeps its count: otherwise one valid account would let an address reset it between guesses.
  accountThrottle.succeed(key);
  ctx.log(`login ${user.username} ${connection.peer}`);
  enterRoom(ctx, connection, { key, username: user.username, guest: false }, false, re);
}

/**
 * Resume a session with its token. A refused token gets `session_expired` (the client then asks for the
 * password); refusals count against the address like failed passwords, though 256 random bits leave nothing
 * to guess.
 */
function loginWithToken(
  ctx: ServerContext,
  connection: Connection,
  username: string,
  token: string,
  re: string | undefined,
): void {
  const key = username.toLowerCase();
  const address = connection.socket.remoteAddress ?? connection.peer;
  const throttle = ctx.throttles.address;
  const now = Date.now();
  const wait = throttle.waitFor(address, now);
  if (wait > 0) {
    connection.send(
      errorLine('throttled', `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, re),
    );
    return;
  }
  const hash = hashSessionToken(token);
  const user = ctx.store.findSession(hash, now) === key ? ctx.store.findUser(key) : null;
  if (!user) {
    throttle.fail(address, now);
    ctx.log(`refused session token for "${username}" ${connection.peer}`);
    connection.send(
      errorLine(
        'session_expired',
        'this session has expired or was logged out: log in with your password',
        re,
      ),
    );
    return;
  }
  connection.sessionTokenHash = hash;
  ctx.log(`login ${user.username} (session token) ${connection.peer}`);
  enterRoom(ctx, connection, { key, username: user.username, guest: false }, false, re);
}

/** Log the connection in: answer, welcome, tell the room and the user's friends. */
function enterRoom(
  ctx: ServerContext,
  connection: Connection,
  user: SessionUser,
  classic: boolean,
  re: string | undefined,
): void {
  // Messages of this turn not yet committed are delivered to this connection once committed, so the history
  // read here plus the live stream afterwards holds every message exactly once.
  connection.user = user;
  if (!classic) connection.becomeCoalesced();
  const firstConnection = ctx.online.add(connection);
  const room = ctx.store.page({ kind: 'room' }, null, ctx.options.historyOnLogin);
  if (classic) {
    connection.send(historyLine(room.messages, 'room', room.more, re));
  } else {
    const history = user.guest ? room.messages : withUndelivered(ctx, user.key, room.messages);
    const token = user.guest || connection.sessionTokenHash ? undefined : issueToken(ctx, connection, user);
    connection.send(
      toLine({
        timestamp: isoTime(),
        sender: SERVER_SENDER,
        response: 'login',
        content: {
          username: user.username,
          guest: user.guest,
          lastId: ctx.store.lastMessageId(),
          history: history.map(messageResponse),
          friends: user.guest ? { friends: [], incoming: [], outgoing: [] } : friendsSnapshot(ctx, user.key),
          ...(token === undefined ? {} : { token }),
        },
        ...(re === undefined ? {} : { re }),
      }),
    );
  }
  connection.send(
    infoLine(`Welcome to Hearth, ${user.username}! ${company(ctx, user.key)} Send "help" for the commands.`, {
      event: 'welcome',
      user: user.username,
    }),
  );
  if (!firstConnection) return;
  ctx.notices.add(infoLine(`${user.username} joined`, { event: 'join', user: user.username }));
  if (!user.guest) announcePresence(ctx, user, true);
}

/** A fresh session token for an account that just proved its password. */
function issueToken(ctx: ServerContext, connection: Connection, user: SessionUser): string {
  const { token, hash } = newSessionToken();
  ctx.store.createSession(hash, user.key, Date.now() + ctx.options.sessionTtlMs);
  connection.sessionTokenHash = hash;
  return token;
}

/** Who else is here, for the welcome: a few names, so a login into a big room stays cheap. */
function company(ctx: ServerContext, key: string): string {
  const othersCount = ctx.online.userCount - 1;
  if (othersCount <= 0) return 'You are the first one here.';
  const shown = ctx.online.someUsernames(WELCOME_NAMES, key);
  const rest = othersCount - shown.length;
  return `Also here: ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}.`;
}

function withUndelivered(ctx: ServerContext, key: string, room: StoredMessage[]): StoredMessage[] {
  const direct = ctx.store.undelivered(key, MAX_UNDELIVERED_ON_LOGIN);
  const last = direct.at(-1);
  if (!last) return room;
  ctx.store.markDelivered(key, last.id);
  return [...room, ...direct].sort((a, b) => a.id - b.id);
}

function announcePresence(ctx: ServerContext, user: SessionUser, online: boolean): void {
  const line = presenceLine(user.username, online);
  for (const friend of ctx.store.friendKeys(user.key)) ctx.online.sendToUser(friend, line);
}

/** The connection is gone (logout, drop, timeout, kick): tell the room and friends if it was the last one. */
export function leaveRoom(ctx: ServerContext, connection: Connection): void {
  const user = connection.user;
  if (!user || !ctx.online.remove(connection)) return;
  ctx.notices.add(infoLine(`${user.username} left`, { event: 'leave', user: user.username }));
  if (!user.guest) announcePresence(ctx, user, false);
}

// Sessions: register, login (account, Hearth guest, classic guest) and logout. Entering and leaving the room
// once logged in is membership.ts.

import { randomBytes } from 'node:crypto';
import {
  MIN_PASSWORD_LENGTH,
  type Request,
  SERVER_SENDER,
  USERNAME_PATTERN,
} from '../../../src-shared/protocol';
import { userLoggedOut } from '../calls/call-flow';
import type { Connection, SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { enterRoom } from '../membership';
import type { PoolAnswer } from '../password-pool';
import { errorLine, infoLine } from '../responses';
import { hashSessionToken } from '../session-tokens';

type LoginRequest = Extract<Request, { request: 'login' }>;
type RegisterRequest = Extract<Request, { request: 'register' }>;
type LogoutRequest = Extract<Request, { request: 'logout' }>;

/** Random bytes of a guest session's cid scope: enough that two sessions never share one. */
const GUEST_SCOPE_BYTES = 12;

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
  if (ctx.store.findUser(key) || ctx.store.nameRetired(key) || ctx.online.isOnline(guestKey(key))) {
    connection.send(errorLine('name_taken', `the name "${username}" is taken`, re));
    return;
  }
  const wait = ctx.registrations.take(addressOf(connection), Date.now());
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    connection.send(
      errorLine('throttled', `too many new accounts from your address: try again in ${minutes} min`, re),
    );
    return;
  }
  const hashed = await ctx.passwords.hash(password);
  if (connection.closed) return;
  if (!hashed.ok) {
    connection.send(errorLine(hashed.code, hashed.error, re));
    return;
  }
  const passwordHash = hashed.value;
  const claimed = await ctx.accounts.claim({ key, username, passwordHash });
  if (connection.closed) return;
  // Checked again: another connection may have taken the name while the hash was being computed.
  if (
    !claimed ||
    ctx.online.isOnline(guestKey(key)) ||
    !ctx.store.createUser({ key, username, passwordHash })
  ) {
    connection.send(errorLine('name_taken', `the name "${username}" is taken`, re));
    return;
  }
  ctx.store.claimDefaultRoom(key);
  ctx.log(`register ${username} ${connection.peer}`);
  enterRoom(ctx, connection, accountUser(key, username), false, re);
};

export const handleLogout: Handler<LogoutRequest> = (ctx, connection, request) => {
  if (connection.user) ctx.log(`logout ${connection.label}`);
  // docs/protocol.md § Calls: a logout ends the account's part in a call and its relay credential at once.
  if (connection.user && !connection.user.guest) userLoggedOut(ctx, connection.user.key);
  if (connection.sessionTokenHash) {
    ctx.store.deleteSession(connection.sessionTokenHash);
    ctx.accounts.revoke(connection.sessionTokenHash);
    connection.sessionTokenHash = null;
  }
  connection.endWith(infoLine('Goodbye!', {}, request.rid));
};

/** The peer's address, which the throttles and the registration limit count by. */
function addressOf(connection: Connection): string {
  return connection.socket.remoteAddress ?? connection.peer;
}

function accountUser(key: string, username: string): SessionUser {
  return { key, username, guest: false, cidScope: '' };
}

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
  if (ctx.store.nameRetired(key)) {
    // A deleted account's name: its old messages must not seem to come from whoever takes it.
    connection.send(errorLine('name_taken', `the name "${username}" is reserved`, re));
    return;
  }
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
  // docs/protocol.md § msg: a guest's cids are unique within its session only.
  const cidScope = `${randomBytes(GUEST_SCOPE_BYTES).toString('base64url')}:`;
  enterRoom(ctx, connection, { key: guestKey(key), username, guest: true, cidScope }, classic, re);
}

async function loginAccount(
  ctx: ServerContext,
  connection: Connection,
  username: string,
  password: string,
  re: string | undefined,
): Promise<void> {
  const key = username.toLowerCase();
  const address = addressOf(connection);
  const { account: accountThrottle, address: addressThrottle } = ctx.throttles;
  // Before the throttle's turn begins: a connection that closes during this wait holds no attempt open.
  await ctx.accounts.refresh(key);
  if (connection.closed) return;
  const wait = await throttleWait(ctx, connection, key, address);
  if (wait === null) return;
  if (wait > 0) {
    connection.send(
      errorLine('throttled', `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, re),
    );
    return;
  }
  const user = ctx.store.findUser(key);
  let verdict: PoolAnswer<boolean> | null = null;
  try {
    // Unknown names cost the same bcrypt compare as wrong passwords, so timing does not reveal accounts.
    verdict = await ctx.passwords.verify(password, user ? user.passwordHash : null);
  } finally {
    // Settled even if the guesser hung up meanwhile: closing the socket must not make a guess free. A guess
    // refused as `busy` was never checked, so it is no failure.
    const failed = verdict?.ok !== false && verdict?.value !== true;
    accountThrottle.settle(key, Date.now(), failed);
    addressThrottle.settle(address, Date.now(), failed);
  }
  if (connection.closed) return;
  if (!verdict.ok) {
    connection.send(errorLine(verdict.code, verdict.error, re));
    return;
  }
  if (!user || !verdict.value) {
    ctx.log(`failed login for "${username}" ${connection.peer}`);
    connection.send(errorLine('bad_credentials', 'wrong username or password', re));
    return;
  }
  // The address keeps its count: otherwise one valid account would let an address reset it between guesses.
  accountThrottle.succeed(key);
  ctx.log(`login ${user.username} ${connection.peer}`);
  enterRoom(ctx, connection, accountUser(key, user.username), false, re);
}

/**
 * docs/protocol.md § login: attempts in flight count. While attempts for this account or address still being
 * checked decide whether this one may be, it waits for them. Then either the attempt begins (0), or the wait
 * the throttles impose is returned; null when the connection closed meanwhile. Either way the turn passes on.
 */
async function throttleWait(
  ctx: ServerContext,
  connection: Connection,
  key: string,
  address: string,
): Promise<number | null> {
  const { account, address: byAddress } = ctx.throttles;
  const passOn = () => {
    account.nudge(key, Date.now());
    byAddress.nudge(address, Date.now());
  };
  for (;;) {
    const now = Date.now();
    const forAccount = account.check(key, now);
    const forAddress = byAddress.check(address, now);
    if (forAccount !== 'pending' && forAddress !== 'pending') {
      const wait = Math.max(forAccount, forAddress);
      if (wait === 0) {
        account.begin(key, now);
        byAddress.begin(address, now);
      }
      passOn();
      return wait;
    }
    passOn();
    await (forAccount === 'pending' ? account.whenSettled(key) : byAddress.whenSettled(address));
    if (connection.closed) {
      passOn();
      return null;
    }
  }
}

/**
 * Resume a session with its token. A refused token gets `session_expired` (the client then asks for the
 * password); refusals count against the address like failed passwords, though 256 random bits leave nothing
 * to guess.
 */
async function loginWithToken(
  ctx: ServerContext,
  connection: Connection,
  username: string,
  token: string,
  re: string | undefined,
): Promise<void> {
  await ctx.accounts.refreshSession(hashSessionToken(token));
  if (connection.closed) return;
  const found = tokenUser(ctx, connection, username, token, re);
  if (!found) return;
  connection.sessionTokenHash = found.hash;
  ctx.log(`login ${found.user.username} (session token) ${connection.peer}`);
  enterRoom(ctx, connection, found.user, false, re);
}

/**
 * The account a session token belongs to, or null once the refusal (`throttled`, `session_expired`) is
 * answered. Token logins and file transfer connections (docs/protocol.md § Files) both ask here.
 */
export function tokenUser(
  ctx: ServerContext,
  connection: Connection,
  username: string,
  token: string,
  re: string | undefined,
): { user: SessionUser; hash: string } | null {
  const key = username.toLowerCase();
  const address = addressOf(connection);
  const throttle = ctx.throttles.address;
  const now = Date.now();
  const wait = throttle.waitFor(address, now);
  if (wait > 0) {
    connection.send(
      errorLine('throttled', `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, re),
    );
    return null;
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
    return null;
  }
  return { user: accountUser(key, user.username), hash };
}

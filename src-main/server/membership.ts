// Room membership: what happens when a logged-in user enters or leaves the room — the login answer (history,
// undelivered direct messages, a session token), the welcome, join/leave notices and presence for friends.

import { MAX_READ_MARKERS_LISTED } from '../../src-shared/limits';
import { DEFAULT_ROOM_ID, SERVER_SENDER } from '../../src-shared/protocol';
import { userDeparted, userReturned } from './calls/call-flow';
import type { Connection, SessionUser } from './connection';
import { friendsSnapshot, type ServerContext } from './context';
import { withReactions } from './reaction-view';
import { errorLine, fitToBytes, historyLine, infoLine, isoTime, messageResponse, toLine } from './responses';
import { guestDeparts } from './room-guests';
import { myInvites, myRooms } from './room-view';
import { newSessionToken } from './session-tokens';
import type { StoredMessage } from './store/store';

/** Undelivered direct messages handed over with one login; older ones come with `resume`. */
const MAX_UNDELIVERED_ON_LOGIN = 500;
/** Names listed in the welcome; `names` lists everyone. */
const WELCOME_NAMES = 10;

/** Log the connection in: answer, welcome, tell the room and the user's friends. */
export function enterRoom(
  ctx: ServerContext,
  connection: Connection,
  user: SessionUser,
  classic: boolean,
  re: string | undefined,
): void {
  if (!user.guest && ctx.store.isBanned(DEFAULT_ROOM_ID, user.key)) {
    connection.send(errorLine('banned', 'you are banned from this server', re));
    return;
  }
  // Messages of this turn not yet committed are delivered to this connection once committed, so the history
  // read here plus the live stream afterwards holds every message exactly once.
  connection.user = user;
  if (!classic) connection.becomeCoalesced();
  const firstConnection = ctx.online.add(connection);
  if (firstConnection && !user.guest) {
    ctx.audience.arrive(
      user.key,
      ctx.store.roomsOf(user.key).map((r) => r.room.id),
    );
  }
  const budget = ctx.options.maxPageBytes;
  const latest = ctx.store.page({ kind: 'room' }, null, ctx.options.historyOnLogin);
  const viewer = user.guest ? null : user.key;
  const room = fitToBytes(
    { messages: withReactions(ctx, latest.messages, viewer), more: latest.more },
    budget,
    'newest',
  );
  if (classic) {
    connection.answer(historyLine(room.messages, 'room', room.more, re));
  } else {
    const direct = user.guest ? [] : withReactions(ctx, undelivered(ctx, user.key), user.key);
    const history = [...room.messages, ...direct].sort((a, b) => a.id - b.id);
    const token = user.guest || connection.sessionTokenHash ? undefined : issueToken(ctx, connection, user);
    const last = direct.at(-1);
    // The direct messages count as delivered once the answer is handed to the kernel, not when it is queued.
    const delivered = last ? () => ctx.store.markDelivered(user.key, last.id) : undefined;
    connection.answer(
      toLine({
        timestamp: isoTime(),
        sender: SERVER_SENDER,
        response: 'login',
        content: {
          username: user.username,
          guest: user.guest,
          // The sequence also numbers changes (edits, reactions): resuming from it misses no message.
          lastId: ctx.store.lastSequence(),
          history: history.map(messageResponse),
          friends: user.guest ? { friends: [], incoming: [], outgoing: [] } : friendsSnapshot(ctx, user.key),
          ...(token === undefined ? {} : { token }),
          rooms: myRooms(ctx, user),
          invites: myInvites(ctx, user),
          ...readState(ctx, user),
        },
        ...(re === undefined ? {} : { re }),
      }),
      delivered,
    );
  }
  connection.send(
    infoLine(`Welcome to Hearth, ${user.username}! ${company(ctx, user.key)} Send "help" for the commands.`, {
      event: 'welcome',
      user: user.username,
    }),
  );
  if (!classic && !user.guest) userReturned(ctx, connection, user.key);
  if (!firstConnection) return;
  ctx.notices.add(
    infoLine(`${user.username} joined`, {
      event: 'join',
      user: user.username,
      members: ctx.online.userCount,
    }),
  );
  if (!user.guest) ctx.presence.changed(user.key, user.username, true);
}

/** The connection is gone (logout, drop, timeout, kick): tell the room and friends if it was the last one. */
export function leaveRoom(ctx: ServerContext, connection: Connection): void {
  const user = connection.user;
  if (!user || !ctx.online.remove(connection)) return;
  if (user.guest) guestDeparts(ctx, user);
  ctx.audience.depart(user.key);
  if (!user.guest) userDeparted(ctx, user.key);
  ctx.notices.add(
    infoLine(`${user.username} left`, { event: 'leave', user: user.username, members: ctx.online.userCount }),
  );
  if (!user.guest) ctx.presence.changed(user.key, user.username, false);
}

/** A fresh session token for an account that just proved its password. */
function issueToken(ctx: ServerContext, connection: Connection, user: SessionUser): string {
  const { token, hash } = newSessionToken();
  const expiresAt = Date.now() + ctx.options.sessionTtlMs;
  ctx.store.createSession(hash, user.key, expiresAt);
  ctx.accounts.share(hash, user.key, expiresAt);
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

/** The oldest undelivered direct messages that fit one answer's byte budget; the rest come with `resume`. */
function undelivered(ctx: ServerContext, key: string): StoredMessage[] {
  const direct = ctx.store.undelivered(key, MAX_UNDELIVERED_ON_LOGIN);
  return fitToBytes({ messages: direct, more: false }, ctx.options.maxPageBytes, 'oldest').messages;
}

/** The account's read markers in direct conversations, how far friends read theirs, and the receipts setting. */
function readState(ctx: ServerContext, user: SessionUser) {
  if (user.guest) return {};
  const named = (list: { username: string; id: number }[]) =>
    list.map((m) => ({ conversation: `@${m.username}`, id: m.id }));
  const receipts = ctx.store.receiptsOn(user.key);
  return {
    reads: named(ctx.store.directReadMarkers(user.key, MAX_READ_MARKERS_LISTED)),
    seen: receipts ? named(ctx.store.seenBy(user.key, MAX_READ_MARKERS_LISTED)) : [],
    receipts,
  };
}

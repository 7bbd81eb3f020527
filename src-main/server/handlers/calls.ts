// The call requests (docs/protocol.md § Calls): call_ring starts a 1:1 call with a friend or a call in a room
// the caller is a member of; call_accept joins it (a 1:1 call only by the person rung), call_decline refuses
// a ring, call_hangup leaves; call_signal forwards one SDP or ICE message to another person of the same call,
// within a rate (offers are the expensive part for the receiving browser) and with each announced candidate
// address noted for the relay's policy. Accounts only: a guest has no friends and no relay credential.
import { MAX_CALL_PEOPLE } from '../../../src-shared/call-protocol';
import { type Request, SERVER_SENDER } from '../../../src-shared/protocol';
import { callLine, endCall, enterCall, leaveCall, pushCall, stateFor } from '../calls/call-flow';
import { type Call, MAX_ANNOUNCED, type Participant } from '../calls/call-registry';
import { candidateEndpoint } from '../calls/relay-policy';
import type { Connection, SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { errorLine, toLine } from '../responses';
import { openRoom } from '../room-access';
import { directPartner } from './chat';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

function accountOnly(connection: Connection, re: string | undefined): SessionUser | null {
  const user = connection.user as SessionUser;
  if (!user.guest) return user;
  connection.send(errorLine('not_allowed', 'guests cannot make calls: register an account', re));
  return null;
}

/** The call a request names, if the sender may act on it; else null once refused. */
function namedCall(
  ctx: ServerContext,
  connection: Connection,
  id: string,
  re: string | undefined,
): Call | null {
  const user = connection.user as SessionUser;
  const call = ctx.calls.registry.get(id);
  const hears = call && (call.people.has(user.key) || mayHear(ctx, call, user));
  if (!call || !hears) {
    connection.send(errorLine('not_found', 'there is no such call (it may have ended)', re));
    return null;
  }
  return call;
}

function mayHear(ctx: ServerContext, call: Call, user: SessionUser): boolean {
  if (call.place.kind === 'dm') return call.place.callee.key === user.key;
  return ctx.store.roomMember(call.place.roomId, user.key) !== null;
}

export const handleCallRing: Handler<Req<'call_ring'>> = (ctx, connection, request) => {
  const re = request.rid;
  const user = accountOnly(connection, re);
  if (!user) return;
  const { conversation, video } = request.content;
  if (ctx.calls.registry.ofUser(user.key)) {
    connection.send(errorLine('not_allowed', 'you are already in a call: hang up first', re));
    return;
  }
  if (!ctx.calls.rates.rings.take(user.key, Date.now())) {
    connection.send(errorLine('rate_limited', 'too many calls started: wait a minute', re));
    return;
  }
  const me = { key: user.key, username: user.username };
  if (conversation.startsWith('@')) {
    const partner = directPartner(ctx, connection, user, conversation, re);
    if (!partner) return;
    if (ctx.store.friendRelation(user.key, partner.key) !== 'friends') {
      connection.send(errorLine('not_allowed', 'you can call only your friends', re));
      return;
    }
    const call = ctx.calls.registry.open({ kind: 'dm', caller: me, callee: partner }, me, video);
    const relay = enterCall(ctx, call, me);
    connection.send(callLine({ ...stateFor(call, me.key), ...(relay ? { relay } : {}) }, re));
    if (!ctx.online.isOnline(partner.key)) return endCall(ctx, call, 'unavailable');
    if (ctx.calls.registry.ofUser(partner.key)) return endCall(ctx, call, 'busy');
    pushCall(ctx, call, connection);
    call.ringTimer = setTimeout(() => endCall(ctx, call, 'missed'), ctx.options.callRingMs);
    call.ringTimer.unref();
    return;
  }
  if (conversation === 'room') {
    connection.send(errorLine('not_allowed', 'calls are for 1:1 and rooms other than the default one', re));
    return;
  }
  const standing = openRoom(ctx, connection, conversation, re);
  if (!standing) return;
  const roomId = standing.room.id;
  const going = [...ctx.calls.registry.all()].find(
    (c) => c.place.kind === 'room' && c.place.roomId === roomId,
  );
  if (going) {
    connection.send(errorLine('not_allowed', `a call is going on there already: join it (${going.id})`, re));
    return;
  }
  const call = ctx.calls.registry.open({ kind: 'room', roomId, wire: conversation }, me, video);
  // A room call has no ringing phase: it is on as soon as someone is in it, and members join when they like.
  call.state = 'active';
  const relay = enterCall(ctx, call, me);
  connection.send(callLine({ ...stateFor(call, me.key), ...(relay ? { relay } : {}) }, re));
  pushCall(ctx, call, connection);
};

export const handleCallAccept: Handler<Req<'call_accept'>> = (ctx, connection, request) => {
  const re = request.rid;
  const user = accountOnly(connection, re);
  if (!user) return;
  const call = namedCall(ctx, connection, request.content.call, re);
  if (!call) return;
  const current = ctx.calls.registry.ofUser(user.key);
  if (current === call) {
    connection.send(callLine(stateFor(call, user.key), re));
    return;
  }
  if (current) {
    connection.send(errorLine('not_allowed', 'you are already in a call: hang up first', re));
    return;
  }
  if (call.people.size >= MAX_CALL_PEOPLE) {
    connection.send(errorLine('limit_reached', `a call holds at most ${MAX_CALL_PEOPLE} people`, re));
    return;
  }
  if (call.ringTimer) clearTimeout(call.ringTimer);
  call.ringTimer = null;
  call.state = 'active';
  const relay = enterCall(ctx, call, { key: user.key, username: user.username });
  connection.send(callLine({ ...stateFor(call, user.key), ...(relay ? { relay } : {}) }, re));
  pushCall(ctx, call, connection);
};

export const handleCallDecline: Handler<Req<'call_decline'>> = (ctx, connection, request) => {
  const re = request.rid;
  const call = namedCall(ctx, connection, request.content.call, re);
  if (!call) return;
  const user = connection.user as SessionUser;
  if (call.place.kind !== 'dm' || call.state !== 'ringing' || call.place.callee.key !== user.key) {
    connection.send(errorLine('not_allowed', 'only a ringing 1:1 call can be declined: hang up instead', re));
    return;
  }
  connection.send(callLine(stateFor(call, user.key, 'declined'), re));
  endCall(ctx, call, 'declined', connection);
};

export const handleCallHangup: Handler<Req<'call_hangup'>> = (ctx, connection, request) => {
  const re = request.rid;
  const call = namedCall(ctx, connection, request.content.call, re);
  if (!call) return;
  const user = connection.user as SessionUser;
  if (!call.people.has(user.key)) {
    connection.send(errorLine('not_allowed', 'you are not in that call', re));
    return;
  }
  connection.send(callLine(stateFor(call, user.key, 'hung_up'), re));
  leaveCall(ctx, call, user.key, connection);
};

export const handleCallSignal: Handler<Req<'call_signal'>> = (ctx, connection, request) => {
  const re = request.rid;
  const { call: id, to, signal } = request.content;
  const user = connection.user as SessionUser;
  const call = ctx.calls.registry.get(id);
  const me = call?.people.get(user.key);
  const them = call?.people.get(to.toLowerCase());
  if (!call || !me || !them || them === me) {
    connection.send(errorLine('not_found', `${to} is not in that call with you`, re));
    return;
  }
  const now = Date.now();
  const rates = ctx.calls.rates;
  const within =
    signal.kind === 'candidate' ? rates.signals.take(user.key, now) : rates.offers.take(user.key, now);
  if (!within) {
    connection.send(errorLine('rate_limited', `too many call ${signal.kind}s: slow down`, re));
    return;
  }
  note(me, signal.kind === 'candidate' ? [signal.candidate] : signal.sdp.split(/\r?\n/));
  const line = toLine({
    timestamp: new Date(now).toISOString(),
    sender: SERVER_SENDER,
    response: 'call_signal',
    content: { call: id, from: user.username, signal },
  });
  ctx.online.sendToUser(them.key, line);
};

/** Remember the addresses a person announced (ICE candidates, in trickle or inside an SDP), bounded. */
function note(participant: Participant, lines: string[]): void {
  for (const line of lines) {
    if (participant.announced.size >= MAX_ANNOUNCED) return;
    if (!line.startsWith('candidate:') && !line.startsWith('a=candidate:')) continue;
    const where = candidateEndpoint(line);
    if (where) participant.announced.add(where);
  }
}

// How a call moves (docs/protocol.md § Calls): someone joins (and gets their relay credential), leaves
// (their relay allocations end at once), the call ends (when a 1:1 call is down to one person, or a room
// call to none), a ring nobody answered becomes a missed-call notice stored in the direct conversation, and
// a person whose chat link dropped stays in the call for a grace period, so a reconnect does not hang up
// media that still flows. The handler (handlers/calls.ts), logout and the room's connection bookkeeping
// (membership.ts) all move calls through here.
import type { CallRelay, CallState } from '../../../src-shared/call-protocol';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';
import type { RateWindow } from '../rate-window';
import { messageResponse, toLine } from '../responses';
import { roomLine } from '../room-view';
import type { Call, CallRegistry, Person } from './call-registry';
import type { CallRelay as Relay } from './relay';
import type { RelayCredentials } from './relay-credentials';

/** What the room keeps for calls: the calls, the relay, its credentials, and the signalling rates. */
export interface Calls {
  readonly registry: CallRegistry;
  readonly relay: Relay;
  readonly credentials: RelayCredentials;
  readonly rates: { readonly rings: RateWindow; readonly offers: RateWindow; readonly signals: RateWindow };
}

/** A relay credential lives this long at most (and dies sooner: when its holder leaves the call). */
const CREDENTIAL_TTL_MS = 12 * 3600_000;

type Reason = NonNullable<CallState['reason']>;

/** Who hears about a call: both people of a 1:1 call; a room call, the room's online members. */
export function audienceOf(ctx: ServerContext, call: Call): string[] {
  if (call.place.kind === 'dm') return [call.place.caller.key, call.place.callee.key];
  return [...ctx.audience.keys(call.place.roomId)];
}

/** The call as `viewerKey` sees it: a 1:1 call is named after the other person. */
export function stateFor(call: Call, viewerKey: string, ended?: Reason): CallState {
  const place = call.place;
  const other = place.kind === 'dm' ? (viewerKey === place.caller.key ? place.callee : place.caller) : null;
  return {
    call: call.id,
    conversation: other ? `@${other.username}` : (place as { wire: string }).wire,
    from: call.from.username,
    video: call.video,
    state: ended ? 'ended' : call.state,
    people: [...call.people.values()].map((p) => p.username),
    ...(ended ? { reason: ended } : {}),
  };
}

export function callLine(state: CallState, re?: string): string {
  return roomLine({ response: 'call', content: state }, re);
}

/** Tell everyone who hears about the call where it stands (but `except`, who is told by its answer). */
export function pushCall(ctx: ServerContext, call: Call, except?: Connection, ended?: Reason): void {
  for (const key of audienceOf(ctx, call)) {
    ctx.online.sendToUser(key, callLine(stateFor(call, key, ended)), except);
  }
}

/** Put a person in the call; returns the relay credential handed to them (null: the room runs no relay). */
export function enterCall(ctx: ServerContext, call: Call, person: Person): CallRelay | null {
  const calls = ctx.calls;
  const ttl = Math.min(CREDENTIAL_TTL_MS, ctx.options.sessionTtlMs);
  const minted = calls.credentials.mint(person.key, Date.now() + ttl);
  calls.registry.join(call, person, minted.username);
  const port = calls.relay.port;
  return port === null ? null : { port, ...minted };
}

/** A person leaves: their relay allocations end now; the call ends if it no longer has two sides. */
export function leaveCall(ctx: ServerContext, call: Call, key: string, except?: Connection): void {
  const left = ctx.calls.registry.leave(call, key);
  if (!left) return;
  ctx.calls.relay.revoke(left.relayUser);
  const over =
    call.place.kind === 'dm' ? call.state === 'active' || call.people.size === 0 : call.people.size === 0;
  if (over) {
    endCall(ctx, call, 'hung_up', except);
    return;
  }
  // The one who left hears that they are out of it; the others hear who is left.
  ctx.online.sendToUser(key, callLine(stateFor(call, key, 'hung_up')), except);
  pushCall(ctx, call, except);
}

/** The call is over for everyone; a 1:1 ring that was never answered leaves a missed-call notice. */
export function endCall(ctx: ServerContext, call: Call, reason: Reason, except?: Connection): void {
  const ringing = call.state === 'ringing';
  for (const left of ctx.calls.registry.close(call)) ctx.calls.relay.revoke(left.relayUser);
  pushCall(ctx, call, except, reason);
  if (ringing && call.place.kind === 'dm' && reason !== 'declined' && reason !== 'busy') {
    postMissedCall(ctx, call.place.caller, call.place.callee, call.video);
  }
}

/** Stored as a message from the caller to the callee, `notice: 'call'`, so it is in history and resume. */
function postMissedCall(ctx: ServerContext, caller: Person, callee: Person, video: boolean): void {
  const [result] = ctx.store.appendMessages([
    {
      senderKey: caller.key,
      sender: caller.username,
      recipientKey: callee.key,
      recipient: callee.username,
      text: `Missed ${video ? 'video' : 'voice'} call from ${caller.username}`,
      cid: null,
      timestamp: Date.now(),
      delivered: ctx.online.isOnline(callee.key),
      notice: 'call',
    },
  ]);
  if (!result) return;
  const line = toLine(messageResponse(result.message));
  ctx.online.sendToUser(caller.key, line);
  ctx.online.sendToUser(callee.key, line);
}

/** The last chat connection of `key` closed: they leave their call unless they are back within the grace. */
export function userDeparted(ctx: ServerContext, key: string): void {
  const call = ctx.calls.registry.ofUser(key);
  const participant = call?.people.get(key);
  if (!call || !participant || participant.goneTimer) return;
  participant.goneTimer = setTimeout(() => {
    participant.goneTimer = null;
    leaveCall(ctx, call, key);
  }, ctx.options.callReconnectGraceMs);
  participant.goneTimer.unref();
}

/**
 * A connection of `key` logged in: it hears the call they are in (with their relay credential again, so the
 * app can restart ICE through it) or a 1:1 call ringing for them.
 */
export function userReturned(ctx: ServerContext, connection: Connection, key: string): void {
  const registry = ctx.calls.registry;
  const call = registry.ofUser(key);
  const participant = call?.people.get(key);
  if (call && participant) {
    if (participant.goneTimer) clearTimeout(participant.goneTimer);
    participant.goneTimer = null;
    const port = ctx.calls.relay.port;
    const credential = ctx.calls.credentials.passwordOf(participant.relayUser);
    const relay = port === null ? {} : { relay: { port, username: participant.relayUser, credential } };
    connection.send(callLine({ ...stateFor(call, key), ...relay }));
    return;
  }
  for (const ringing of registry.all()) {
    if (ringing.state === 'ringing' && ringing.place.kind === 'dm' && ringing.place.callee.key === key) {
      connection.send(callLine(stateFor(ringing, key)));
    }
  }
}

/** Logged out: out of the call at once, and the relay credential with them. */
export function userLoggedOut(ctx: ServerContext, key: string): void {
  const call = ctx.calls.registry.ofUser(key);
  if (call) leaveCall(ctx, call, key);
}

// Calls over real sockets (docs/protocol.md § Calls): ringing, accepting, declining, missed calls, signalling
// and its limits, room calls for members only, and the room's TURN relay driven by a real TURN client over
// UDP: credentials only for people in a call and never after hang-up or logout, permissions only to the other
// people's relay allocations (never to the host's loopback services), data through it.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, test } from 'node:test';
import { historyOf } from '../helpers/conversation';
import { loginGuest, loginUser, type RawClient, type Received } from '../helpers/raw-client';
import { befriend, createRoom, errorCode, join } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';
import { TurnClient } from '../helpers/turn-client';

let t: TestServer;
before(async () => {
  t = await startServer({
    requestRate: 0,
    callRingMs: 600,
    callReconnectGraceMs: 800,
    callOffersPerMinute: 5,
  });
});
after(() => t.dispose());

interface State {
  call: string;
  conversation: string;
  from: string;
  video: boolean;
  state: string;
  people: string[];
  reason?: string;
  relay?: { port: number; username: string; credential: string };
}

const isCall = (state?: string) => (r: Received) =>
  r.response === 'call' && (state === undefined || (r.content as State).state === state);

async function friends(a: string, b: string): Promise<[RawClient, RawClient]> {
  const ca = await loginUser(t.port, a);
  const cb = await loginUser(t.port, b);
  await befriend(ca, cb, b, a);
  return [ca, cb];
}

/** a rings b, b accepts: both are in the call. */
async function connected(a: RawClient, b: RawClient, bName: string): Promise<{ mine: State; theirs: State }> {
  const ring = await a.ask('call_ring', { conversation: `@${bName}`, video: true });
  assert.equal(ring.response, 'call', JSON.stringify(ring));
  const rung = (await b.waitFor(isCall('ringing'))).content as State;
  const accepted = await b.ask('call_accept', { call: rung.call });
  assert.equal((accepted.content as State).state, 'active');
  await a.waitFor(isCall('active'));
  return { mine: ring.content as State, theirs: accepted.content as State };
}

async function turnOf(state: State): Promise<TurnClient> {
  const relay = state.relay;
  assert.ok(relay, 'the relay credential comes with the call');
  return TurnClient.open(relay.port, relay.username, relay.credential);
}

test('1:1 calls only between friends; a ring is accepted, signalled and hung up', async () => {
  const stranger = await loginUser(t.port, 'stranger');
  const [ann, bob] = await friends('ann', 'bob');
  assert.equal(
    errorCode(await stranger.ask('call_ring', { conversation: '@ann', video: false })),
    'not_allowed',
  );
  assert.equal(errorCode(await ann.ask('call_ring', { conversation: '@nobody', video: false })), 'not_found');

  const { mine, theirs } = await connected(ann, bob, 'bob');
  assert.equal(mine.conversation, '@bob');
  assert.equal(theirs.conversation, '@ann');
  assert.deepEqual(theirs.people, ['ann', 'bob']);
  assert.equal(errorCode(await stranger.ask('call_accept', { call: mine.call })), 'not_found');
  assert.equal(
    errorCode(
      await stranger.ask('call_signal', {
        call: mine.call,
        to: 'ann',
        signal: { kind: 'offer', sdp: 'v=0' },
      }),
    ),
    'not_found',
  );

  const offer = {
    kind: 'offer',
    sdp: 'v=0\r\na=candidate:1 1 udp 2122260223 203.0.113.9 40000 typ host\r\n',
  };
  ann.send({ request: 'call_signal', content: { call: mine.call, to: 'bob', signal: offer } });
  const got = await bob.waitFor((r) => r.response === 'call_signal');
  assert.deepEqual(got.content, { call: mine.call, from: 'ann', signal: offer });

  const huge = { kind: 'offer', sdp: 'x'.repeat(16 * 1024 + 1) };
  assert.equal(
    errorCode(await ann.ask('call_signal', { call: mine.call, to: 'bob', signal: huge })),
    'invalid',
  );

  const hung = await bob.ask('call_hangup', { call: mine.call });
  assert.equal((hung.content as State).state, 'ended');
  const ended = (await ann.waitFor(isCall('ended'))).content as State;
  assert.equal(ended.reason, 'hung_up');
  assert.equal(errorCode(await ann.ask('call_hangup', { call: mine.call })), 'not_found', 'the call is gone');
  await Promise.all([ann, bob, stranger].map((c) => c.close()));
});

test('a flood of offers is refused past the rate; candidates have their own, larger rate', async () => {
  const [cat, dan] = await friends('cat', 'dan');
  const { mine } = await connected(cat, dan, 'dan');
  const offer = { kind: 'offer', sdp: 'v=0' };
  for (let i = 0; i < 7; i++)
    cat.send({ request: 'call_signal', content: { call: mine.call, to: 'dan', signal: offer } });
  await cat.ask('ping');
  await dan.ask('ping');
  const refused = cat.pending((r) => r.response === 'error' && r.code === 'rate_limited');
  const forwarded = dan.pending((r) => r.response === 'call_signal');
  assert.deepEqual(
    [forwarded.length, refused.length],
    [5, 2],
    'five offers a minute (this server), then refused',
  );
  const candidate = {
    kind: 'candidate',
    candidate: 'candidate:1 1 udp 1 203.0.113.1 5000 typ host',
    sdpMid: '0',
    sdpMLineIndex: 0,
  };
  cat.send({ request: 'call_signal', content: { call: mine.call, to: 'dan', signal: candidate } });
  await dan.waitFor(
    (r) =>
      r.response === 'call_signal' && (r.content as { signal: { kind: string } }).signal.kind === 'candidate',
  );
  await cat.ask('call_hangup', { call: mine.call });
  await Promise.all([cat, dan].map((c) => c.close()));
});

test('an unanswered ring is a missed call, stored in the direct conversation; a decline is not', async () => {
  const [eve, fay] = await friends('eve', 'fay');
  const ring = await eve.ask('call_ring', { conversation: '@fay', video: false });
  const rung = (await fay.waitFor(isCall('ringing'))).content as State;
  assert.equal(rung.call, (ring.content as State).call);
  const missed = (await eve.waitFor(isCall('ended'))).content as State;
  assert.equal(missed.reason, 'missed');
  const notice = await fay.waitFor((r) => r.response === 'message' && r.notice === 'call');
  assert.equal(notice.content, 'Missed voice call from eve');
  const history = await historyOf(fay, '@eve');
  assert.equal(history.at(-1)?.content, 'Missed voice call from eve');

  await eve.ask('call_ring', { conversation: '@fay', video: true });
  const again = (await fay.waitFor(isCall('ringing'))).content as State;
  assert.equal((await fay.ask('call_decline', { call: again.call })).response, 'call');
  assert.equal(((await eve.waitFor(isCall('ended'))).content as State).reason, 'declined');
  assert.equal((await historyOf(fay, '@eve')).length, history.length, 'no notice for a declined call');
  await Promise.all([eve, fay].map((c) => c.close()));
});

test('room calls are for members; up to the cap, and anyone may join while it goes on', async () => {
  const owner = await loginUser(t.port, 'gil');
  const member = await loginUser(t.port, 'hal');
  const outsider = await loginUser(t.port, 'ian');
  const room = await createRoom(owner, 'Calls', 'private');
  await owner.ask('room_invite', { room, username: 'hal' });
  await join(member, room);
  assert.equal(errorCode(await outsider.ask('call_ring', { conversation: room, video: false })), 'not_found');
  assert.equal(
    errorCode(await owner.ask('call_ring', { conversation: 'room', video: false })),
    'not_allowed',
  );
  const started = (await owner.ask('call_ring', { conversation: room, video: false })).content as State;
  assert.equal(started.state, 'active');
  const heard = (await member.waitFor(isCall('active'))).content as State;
  assert.equal(heard.conversation, room);
  assert.equal(errorCode(await outsider.ask('call_accept', { call: started.call })), 'not_found');
  const joined = (await member.ask('call_accept', { call: started.call })).content as State;
  assert.deepEqual(joined.people, ['gil', 'hal']);
  await owner.ask('call_hangup', { call: started.call });
  const left = (await member.waitFor((r) => isCall('active')(r) && (r.content as State).people.length === 1))
    .content as State;
  assert.deepEqual(left.people, ['hal'], 'a room call goes on with one person in it');
  await member.ask('call_hangup', { call: started.call });
  await Promise.all([owner, member, outsider].map((c) => c.close()));
});

test('the relay: allocations for people in the call, permissions only to each other, data flows', async () => {
  const [jo, kim] = await friends('jo', 'kim');
  const { mine, theirs } = await connected(jo, kim, 'kim');
  const forged = await TurnClient.open(
    mine.relay?.port ?? 0,
    mine.relay?.username ?? '',
    'not the credential',
  );
  assert.equal((await forged.allocate()).code, 401, 'a wrong password is refused');
  forged.close();

  const a = await turnOf(mine);
  const b = await turnOf(theirs);
  const ra = await a.allocate();
  assert.ok(ra.ok && ra.relayed, JSON.stringify(ra));

  // The host's own services (the chat port on loopback) are not reachable through the relay.
  const chat = { ip: '127.0.0.1', port: t.port };
  assert.equal((await a.permit(chat)).code, 403, 'no permission to loopback');
  assert.equal((await a.permit({ ip: '192.168.1.10', port: 80 })).code, 403, 'nor to the LAN');
  assert.equal(
    (await a.permit({ ip: '198.51.100.7', port: 3478 })).code,
    403,
    'nor to an address nobody announced',
  );
  const rb = await b.allocate();
  assert.ok(rb.ok && rb.relayed, JSON.stringify(rb));
  assert.ok((await a.permit(rb.relayed)).ok);
  assert.ok((await b.permit(ra.relayed)).ok);

  a.send(rb.relayed, Buffer.from('media from jo'));
  await until(() => b.received.some((r) => r.data.toString() === 'media from jo'));

  // A permission to the relay's IP does not open its other ports: a datagram to the chat port is dropped.
  const listener = createSocket('udp4');
  await new Promise<void>((resolve) => listener.bind(0, '127.0.0.1', () => resolve()));
  const heard: Buffer[] = [];
  listener.on('message', (m) => heard.push(m));
  a.send({ ip: '127.0.0.1', port: listener.address().port }, Buffer.from('probe'));

  // Hang-up ends kim's allocations at once: what jo sends no longer arrives, and the credential is dead.
  assert.equal(t.server.callStats().allocations, 2);
  await kim.ask('call_hangup', { call: mine.call });
  assert.deepEqual(t.server.callStats(), { ...t.server.callStats(), calls: 0, allocations: 0 }, 'all freed');
  const before = b.received.length;
  a.send(rb.relayed, Buffer.from('after hang-up'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(b.received.length, before);
  assert.equal(heard.length, 0, 'nothing reached a loopback port that is not an allocation of the call');
  listener.close();
  const reuse = await turnOf(theirs);
  assert.equal((await reuse.allocate()).code, 401, 'a credential is refused once its holder left the call');
  for (const c of [a, b, reuse]) c.close();
  await Promise.all([jo, kim].map((c) => c.close()));
});

test('logout ends the call and the relay credential; a dropped link has a grace period to come back', async () => {
  const [lea, max] = await friends('lea', 'max');
  const { mine, theirs } = await connected(lea, max, 'max');
  // max's link drops and comes back within the grace: still in the call, with the same relay credential.
  await max.close();
  const back = await loginUser(t.port, 'max');
  const again = (await back.waitFor(isCall('active'))).content as State;
  assert.equal(again.call, mine.call);
  assert.equal(again.relay?.username, theirs.relay?.username);

  const turn = await turnOf(mine);
  assert.ok((await turn.allocate()).ok);
  await lea.ask('logout');
  assert.equal(((await back.waitFor(isCall('ended'))).content as State).reason, 'hung_up');
  assert.equal((await turn.refresh()).ok, false, 'the allocation ended with the logout');
  turn.close();
  const reuse = await turnOf(mine);
  assert.equal((await reuse.allocate()).code, 401, 'the credential is refused after logout');
  reuse.close();

  // A link that stays away past the grace leaves the call.
  const lea2 = await loginUser(t.port, 'lea');
  const { mine: second } = await connected(lea2, back, 'max');
  await back.close();
  const over = (await lea2.waitFor(isCall('ended'), 5000)).content as State;
  assert.equal(over.call, second.call);
  await lea2.close();
});

test('guests cannot call; one call at a time', async () => {
  const [ned, ola] = await friends('ned', 'ola');
  const guest = await loginGuest(t.port, 'visitor');
  assert.equal(
    errorCode(await guest.ask('call_ring', { conversation: '@ned', video: false })),
    'not_allowed',
  );
  const { mine } = await connected(ned, ola, 'ola');
  assert.equal(errorCode(await ned.ask('call_ring', { conversation: '@ola', video: false })), 'not_allowed');
  await ned.ask('call_hangup', { call: mine.call });
  await Promise.all([ned, ola, guest].map((c) => c.close()));
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(check());
}

test('the relay advertises the public address its host’s router maps it at, for allocations from then on', async () => {
  const [lu, mo] = await friends('lu', 'mo');
  const { mine, theirs } = await connected(lu, mo, 'mo');
  const before = await turnOf(mine);
  const local = await before.allocate();
  assert.equal(local.relayed?.ip, '127.0.0.1', 'the bound address while nothing maps the room');

  t.server.setPublicAddress('45.67.89.10');
  const after = await turnOf(theirs);
  const mapped = await after.allocate();
  assert.equal(mapped.relayed?.ip, '45.67.89.10', 'the router’s public address once it maps the room');
  // The other person's allocation is reachable at the address it was given, so the relay lets data through.
  assert.ok((await before.permit(mapped.relayed ?? { ip: '', port: 0 })).ok);

  t.server.setPublicAddress(null);
  const again = await turnOf(mine);
  assert.equal((await again.allocate()).relayed?.ip, '127.0.0.1', 'back to the bound address');
  for (const c of [before, after, again]) c.close();
  await lu.ask('call_hangup', { call: mine.call });
  await Promise.all([lu, mo].map((c) => c.close()));
});

// Bad input and misbehaving clients: each gets a clear error or is cut off, while everyone else keeps chatting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, RawClient, type Received } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
let ana: RawClient;
let ben: RawClient;
let n = 0;

before(async () => {
  t = await startServer({ maxFrameBytes: 4096, requestRate: 50, requestBurst: 20, floodDisconnectAfter: 10 });
  ana = await loginGuest(t.port, 'ana');
  ben = await loginGuest(t.port, 'ben');
});
after(async () => {
  ana.destroy();
  ben.destroy();
  await t.dispose();
});

/** The room still works: ana's message reaches ben. */
async function roomStillChats(): Promise<void> {
  const text = `still here ${++n}`;
  ana.send({ request: 'msg', content: { text, cid: `alive-${n}` } });
  const got = await ben.waitFor((r: Received) => r.response === 'message' && r.content === text);
  assert.equal(got.sender, 'ana');
}

test('malformed JSON gets an error and the connection stays usable', async () => {
  const c = await RawClient.connect(t.port);
  c.send('{"request": "help", oops}\n');
  const err = await c.response('error');
  assert.equal(err.code, 'malformed');
  c.send('hello there\n');
  assert.equal((await c.response('error')).code, 'malformed');
  const help = await c.ask('help');
  assert.equal(help.response, 'info');
  await roomStillChats();
  await c.close();
});

test('unknown requests, wrong shapes and requests before login are answered with errors', async () => {
  const c = await RawClient.connect(t.port);
  assert.equal((await c.ask('dance', 'now')).code, 'unknown_request');
  c.send('[1,2,3]\n');
  assert.equal((await c.response('error')).code, 'invalid');
  c.send('{"content":"no request"}\n');
  assert.equal((await c.response('error')).code, 'invalid');
  assert.equal((await c.ask('msg', 'too early')).code, 'not_logged_in');
  assert.equal((await c.ask('friends')).code, 'not_logged_in');
  assert.equal((await c.ask('login', { username: 'x' })).code, 'invalid');
  await c.ask('login', { username: 'carl', guest: true });
  const badMsg = await c.ask('msg', { text: '', cid: 'e1' });
  assert.equal(badMsg.code, 'invalid');
  assert.match(String(badMsg.content), /empty/);
  assert.equal((await c.ask('msg', { text: ' \n\t ', cid: 'e2' })).code, 'invalid');
  assert.equal((await c.ask('history', { conversation: 'nowhere' })).code, 'invalid');
  assert.equal((await c.ask('resume', { since: -1 })).code, 'invalid');
  await roomStillChats();
  await c.close();
});

test('an oversized frame gets frame_too_large and closes only that connection', async () => {
  const c = await RawClient.connect(t.port);
  await c.ask('login', { username: 'bigmouth', guest: true });
  c.send(`{"request":"msg","content":"${'x'.repeat(10_000)}"}`);
  const err = await c.response('error');
  assert.equal(err.code, 'frame_too_large');
  await c.closed;
  await roomStillChats();
  assert.ok(t.logs.some((l) => l.includes('frame of more than 4096 bytes')));
});

test('a flood gets rate_limited errors, then the flooder is disconnected; others are unaffected', async () => {
  const c = await RawClient.connect(t.port);
  await c.ask('login', { username: 'flooder', guest: true });
  for (let i = 0; i < 60; i++) c.send({ request: 'msg', content: { text: `spam ${i}`, cid: `spam-${i}` } });
  const limited = await c.waitFor((r) => r.code === 'rate_limited');
  assert.match(String(limited.content), /slow down/);
  await c.closed;
  const spamSeen = ben.pending((r) => String(r.content).startsWith('spam')).length;
  // A token or two may refill while a loaded machine is still reading the flood (a CI run saw 21).
  assert.ok(spamSeen <= 22, `at most the burst got through (${spamSeen})`);
  assert.ok(c.all.filter((r) => r.code === 'rate_limited').length >= 2);
  assert.equal(t.logs.filter((l) => l.startsWith('flood from')).length, 1, 'one log line, not one per frame');
  await roomStillChats();
  ben.drain();
});

test('a request holding an unknown conversation or user is refused without side effects', async () => {
  const c = await RawClient.connect(t.port);
  await c.ask('register', { username: 'solo', password: 'long enough' });
  assert.equal((await c.ask('history', { conversation: '@ghost' })).code, 'not_found');
  assert.equal((await c.ask('msg', { text: 'hi', cid: 'g', to: '@ghost' })).code, 'not_found');
  assert.equal((await c.ask('msg', { text: 'hi', cid: 'self', to: '@solo' })).code, 'not_found');
  await c.close();
});

test('connections that never log in are closed after the login timeout; idle ones after the idle timeout', async () => {
  const quick = await startServer({ loginTimeoutMs: 300, idleTimeoutMs: 700, sweepIntervalMs: 50 });
  try {
    const lurker = await RawClient.connect(quick.port);
    const started = Date.now();
    const err = await lurker.response('error', undefined, 3000);
    assert.equal(err.code, 'timeout');
    await lurker.closed;
    assert.ok(Date.now() - started >= 250);

    const idle = await loginGuest(quick.port, 'sleepy');
    const pinger = await loginGuest(quick.port, 'awake');
    // Classic clients cannot ping: they are exempt (TCP keepalive finds their dead connections instead).
    const classic = await RawClient.connect(quick.port);
    classic.send('{"request":"login","content":"oldtimer"}');
    await classic.response('history');
    const timer = setInterval(() => pinger.send({ request: 'ping' }), 200);
    const idleErr = await idle.waitFor((r) => r.code === 'timeout', 3000);
    assert.match(String(idleErr.content), /nothing received/);
    await idle.closed;
    clearInterval(timer);
    assert.ok(!pinger.isClosed, 'a client that pings stays connected');
    assert.ok(!classic.isClosed, 'a quiet classic client stays connected');
    await Promise.all([pinger.close(), classic.close()]);
  } finally {
    await quick.dispose();
  }
});

test('a client that stops reading is disconnected once its unsent output passes the bound', async () => {
  const slow = await startServer({
    maxOutboundBytes: 256 * 1024,
    slowConsumerGraceMs: 300,
    sweepIntervalMs: 100,
    requestRate: 0,
  });
  try {
    const reader = await loginGuest(slow.port, 'stalled');
    const talker = await loginGuest(slow.port, 'talker');
    const listener = await loginGuest(slow.port, 'listener');
    reader.socket.pause();
    const text = 'y'.repeat(7000);
    let acked = 0;
    // Bursts stay under the room's budget for a turn (1/8 of the bound), so nothing is refused and only a
    // reader that stops reading can fall behind by more.
    const burst = 4;
    for (let round = 0; round < 600 && !reader.isClosed; round++) {
      for (let i = 0; i < burst; i++)
        talker.send({ request: 'msg', content: { text, cid: `big-${round}-${i}` } });
      for (let i = 0; i < burst; i++) {
        await talker.response('ack', undefined, 10_000);
        acked++;
      }
      listener.drain();
      await new Promise((r) => setTimeout(r, 20));
      if (slow.logs.some((l) => l.includes('dropped stalled'))) break;
    }
    assert.ok(
      slow.logs.some((l) => l.includes('dropped stalled') && l.includes('slow consumer')),
      'stalled was dropped',
    );
    assert.ok(
      !slow.logs.some((l) => l.includes('dropped listener')),
      'a reader that keeps up is never dropped',
    );
    reader.socket.resume();
    await reader.closed;
    // Everyone else is still served.
    talker.send({ request: 'msg', content: { text: 'after the drop', cid: 'after' } });
    await listener.waitFor((r) => r.content === 'after the drop');
    assert.ok(acked >= 100);
    await Promise.all([talker.close(), listener.close()]);
  } finally {
    await slow.dispose();
  }
});

test('past maxConnections a newcomer is told server_full and closed; the others carry on', async () => {
  const small = await startServer({ maxConnections: 2 });
  try {
    const [a, b] = await Promise.all([loginGuest(small.port, 'first'), loginGuest(small.port, 'second')]);
    const third = await RawClient.connect(small.port);
    const refused = await third.response('error');
    assert.equal(refused.code, 'server_full');
    await third.closed;
    a.send({ request: 'msg', content: { text: 'still fine', cid: 'sf' } });
    await b.waitFor((r) => r.content === 'still fine');
    await a.close();
    await new Promise((r) => setTimeout(r, 100));
    const fourth = await loginGuest(small.port, 'fourth');
    assert.ok(!fourth.isClosed, 'a slot frees up when someone leaves');
    await Promise.all([b.close(), fourth.close()]);
  } finally {
    await small.dispose();
  }
});

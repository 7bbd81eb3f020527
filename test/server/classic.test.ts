// The classic KTN protocol over raw sockets, with no newlines, exactly as old clients speak it. Classic clients
// parse each recv() chunk as one JSON object, so every chunk they get must hold exactly one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginUser, RawClient } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.dispose());

function assertOneObjectPerChunk(client: RawClient): void {
  for (const chunk of client.chunks) {
    const body = chunk.trim();
    assert.ok(!body.includes('\n'), `a chunk held more than one object: ${chunk.slice(0, 200)}`);
    assert.equal(typeof JSON.parse(body), 'object');
  }
}

const classic = (request: string, content: unknown) => JSON.stringify({ request, content });

test('the classic flow: guest login, msg, names, help, history, logout, one object per chunk', async () => {
  const hearthUser = await loginUser(t.port, 'modern');
  hearthUser.send({ request: 'msg', content: { text: 'from before', cid: 'fb' } });
  await hearthUser.response('ack');

  const alice = await RawClient.connect(t.port);
  alice.send(classic('login', 'alice'));
  const history = await alice.waitFor(() => true);
  assert.equal(history.response, 'history', 'a classic login is answered with one history object');
  assert.equal(history.sender, 'server');
  assert.ok(typeof history.timestamp === 'string');
  assert.deepEqual(
    (history.content as { content: string }[]).map((m) => m.content),
    ['from before'],
  );
  const welcome = await alice.waitFor(() => true);
  assert.equal(welcome.response, 'info');

  const bob = await RawClient.connect(t.port);
  bob.send(classic('login', 'bob'));
  await bob.response('history');
  await alice.waitFor((r) => r.response === 'info' && r.event === 'join' && r.user === 'bob');

  // Several requests back to back in one write: each gets its own answer, each in its own chunk.
  alice.send(
    classic('msg', 'hello bob') + classic('names', null) + classic('help', '') + classic('history', 'None'),
  );
  const echoed = await alice.waitFor((r) => r.response === 'message');
  assert.equal(echoed.content, 'hello bob');
  assert.equal(echoed.sender, 'alice');
  const names = await alice.waitFor((r) => r.response === 'info' && Array.isArray(r.users));
  assert.deepEqual(names.users, ['alice', 'bob', 'modern']);
  const help = await alice.waitFor((r) => r.response === 'info' && String(r.content).includes('names'));
  assert.ok(String(help.content).includes('logout'));
  const again = await alice.response('history');
  assert.deepEqual(
    (again.content as { content: string }[]).map((m) => m.content),
    ['from before', 'hello bob'],
  );

  const atBob = await bob.waitFor((r) => r.response === 'message');
  assert.equal(atBob.content, 'hello bob');
  const atModern = await hearthUser.waitFor((r) => r.response === 'message' && r.content === 'hello bob');
  assert.equal(atModern.sender, 'alice');

  // A burst of pushes to a classic client still arrives one object per chunk.
  for (let i = 0; i < 10; i++)
    hearthUser.send({ request: 'msg', content: { text: `burst ${i}`, cid: `b${i}` } });
  for (let i = 0; i < 10; i++) await bob.waitFor((r) => r.content === `burst ${i}`);

  alice.send(classic('logout', 'None'));
  for (let i = 0; i < 10; i++) await alice.waitFor((r) => r.content === `burst ${i}`);
  const bye = await alice.waitFor((r) => r.content === 'Goodbye!');
  assert.equal(bye.response, 'info');
  assert.equal(
    alice.pending((r) => r.event === 'join' && r.user === 'alice').length,
    1,
    'alice saw her own join',
  );
  await alice.closed;
  await bob.waitFor((r) => r.response === 'info' && r.event === 'leave' && r.user === 'alice');

  assertOneObjectPerChunk(alice);
  assertOneObjectPerChunk(bob);
  assert.ok(bob.chunks.length >= 14);
  await Promise.all([bob.close(), hearthUser.close()]);
});

test('classic errors: requests before login, bad nicknames, taken names, each one object', async () => {
  const c = await RawClient.connect(t.port);
  c.send(
    classic('msg', 'too early') +
      classic('names', null) +
      classic('login', 'modern') +
      classic('login', 'bad name'),
  );
  const early = await c.waitFor(() => true);
  assert.equal(early.code, 'not_logged_in');
  assert.equal((await c.waitFor(() => true)).code, 'not_logged_in');
  const taken = await c.waitFor(() => true);
  assert.equal(taken.code, 'name_taken', 'a registered name cannot be used by a guest');
  assert.equal((await c.waitFor(() => true)).code, 'invalid');
  c.send(classic('login', 'carol'));
  assert.equal((await c.waitFor(() => true)).response, 'history');
  const d = await RawClient.connect(t.port);
  d.send(classic('login', 'CAROL'));
  assert.equal((await d.waitFor(() => true)).code, 'name_taken', 'nor an online name, in any case');
  assertOneObjectPerChunk(c);
  assertOneObjectPerChunk(d);
  await Promise.all([c.close(), d.close()]);
});

test('guests are refused when the host turns them off', async () => {
  const closed = await startServer({ allowGuests: false });
  try {
    const c = await RawClient.connect(closed.port);
    c.send(classic('login', 'dave'));
    const answer = await c.waitFor(() => true);
    assert.equal(answer.code, 'guests_not_allowed');
    await c.close();
  } finally {
    await closed.dispose();
  }
});

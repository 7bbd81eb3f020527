// Friends, blocks, rooms, memberships and account deletion shared by three Hearth nodes on one PostgreSQL
// (docs/cluster.md § Shared state): people on different nodes befriend, send direct messages, make and join
// a room, talk in it and page its history; a block and a deletion on one node hold on the others; failed
// logins on one node slow the next attempt on another.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clusterMode } from '../../src-main/server/cluster/cluster-mode';
import { waitFor } from '../client/support';
import { loginUser, RawClient, type Received } from '../helpers/raw-client';
import { createRoom, type RoomView } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';
import { postgresMissing, startPostgres, type TestPostgres } from './postgres';

const missing = postgresMissing();
let pg: TestPostgres;
const nodes: TestServer[] = [];
const port = (i: number) => (nodes[i] as TestServer).port;

before(async () => {
  if (missing) return;
  pg = await startPostgres();
  const url = await pg.createDatabase('shared');
  // Two free failed logins per account, then a minute's wait (the shared throttle test); none per address.
  const throttle = { loginFreeFailures: 2, loginBaseDelayMs: 60_000, loginFreeFailuresPerAddress: 1000 };
  for (const node of ['a', 'b', 'c'])
    nodes.push(await startServer({ ...clusterMode({ url, node, pollMs: 50 }), ...throttle }));
});
after(async () => {
  for (const node of nodes) await node.dispose();
  await pg?.stop();
});

/**
 * Asks until the answer is not `not_found`: another node's change (an account, a room) reaches this node a
 * moment after it was answered there.
 */
async function onceKnown(client: RawClient, request: string, content: unknown): Promise<Received> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await client.ask(request, content);
    if (answer.code !== 'not_found' || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const friendsPush =
  (has: (f: { friends: { username: string }[]; incoming: string[] }) => boolean) => (r: Received) =>
    r.response === 'friends' && r.re === undefined && has(r.content as Parameters<typeof has>[0]);

test('accounts on different nodes befriend and send direct messages; a block on one node holds on the other', {
  skip: missing ?? false,
}, async () => {
  const ada = await loginUser(port(0), 'ada');
  const bob = await loginUser(port(1), 'bob');
  const asked = await onceKnown(ada, 'friend_request', { username: 'bob' });
  assert.equal(asked.response, 'friends', JSON.stringify(asked));
  await bob.waitFor(friendsPush((f) => f.incoming.includes('ada')));
  assert.equal((await bob.ask('friend_accept', { username: 'ada' })).response, 'friends');
  await ada.waitFor(friendsPush((f) => f.friends.some((x) => x.username === 'bob')));

  const dm = await ada.ask('msg', { text: 'hello from a', cid: 'dm-1', to: '@bob' });
  assert.equal(dm.response, 'ack', JSON.stringify(dm));
  const got = await bob.waitFor((r) => r.response === 'message' && r.content === 'hello from a');
  assert.equal(got.id, (dm.content as { id: number }).id);
  const back = await bob.ask('msg', { text: 'hello from b', cid: 'dm-2', to: '@ada' });
  assert.equal(back.response, 'ack', JSON.stringify(back));
  await ada.waitFor((r) => r.response === 'message' && r.content === 'hello from b');

  // Bob on a third node reads the conversation's history there.
  const bobOnC = await loginUser(port(2), 'bob');
  const history = await bobOnC.ask('history', { conversation: '@ada', limit: 10 });
  assert.deepEqual(
    (history.content as Received[]).map((m) => m.content),
    ['hello from a', 'hello from b'],
  );

  assert.equal((await bob.ask('block', { username: 'ada' })).response, 'friends');
  await ada.waitFor(friendsPush((f) => f.friends.length === 0));
  const refused = await ada.ask('msg', { text: 'still there?', cid: 'dm-3', to: '@bob' });
  assert.equal(refused.code, 'not_allowed', 'the friendship ended on every node');
  const again = await ada.ask('friend_request', { username: 'bob' });
  assert.equal(again.response, 'friends', 'the request waits, unseen');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(
    bob.pending(friendsPush((f) => f.incoming.includes('ada'))).length,
    0,
    'the blocker is not shown it',
  );
  await Promise.all([ada.close(), bob.close(), bobOnC.close()]);
});

test('a room made on one node is joined from another; both talk in it and page its history', {
  skip: missing ?? false,
}, async () => {
  const cy = await loginUser(port(0), 'cy');
  const dot = await loginUser(port(2), 'dot');
  const room = await createRoom(cy, 'Shared club');
  const joined = await onceKnown(dot, 'room_join', { room });
  assert.equal(joined.response, 'room', JSON.stringify(joined));
  assert.equal((joined.content as RoomView).members, 2);

  const ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    const [speaker, listener] = i % 2 === 0 ? [cy, dot] : [dot, cy];
    const said = await speaker.ask('msg', { text: `club ${i}`, cid: `club-${i}`, to: room });
    assert.equal(said.response, 'ack', JSON.stringify(said));
    ids.push((said.content as { id: number }).id);
    await listener.waitFor((r) => r.response === 'message' && r.content === `club ${i}` && r.conv === room);
  }
  // Paged three at a time back to the start, on the node that did not make the room.
  const pages: Received[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await dot.ask('history', { conversation: room, limit: 3, ...(before ? { before } : {}) });
    const messages = page.content as Received[];
    pages.unshift(messages);
    if (!page.more || messages.length === 0) break;
    before = messages[0]?.id as number;
  }
  const read = pages.flat();
  const readIds = read.map((m) => m.id as number);
  assert.deepEqual(
    readIds,
    [...new Set(readIds)].sort((x, y) => x - y),
    'ascending, each once',
  );
  assert.deepEqual(
    read.filter((m) => String(m.content).startsWith('club ')).map((m) => m.id),
    ids,
  );
  assert.ok(
    read.some((m) => m.content === 'dot joined'),
    JSON.stringify(read),
  );
  const onB = await loginUser(port(1), 'dot');
  const mine = await onB.ask('rooms', {});
  assert.ok(
    (mine.content as RoomView[]).some((r) => r.id === room),
    "dot's rooms on a node dot never used",
  );
  await Promise.all([cy.close(), dot.close(), onB.close()]);
});

test('an account deleted on one node is gone on every node: no login, its name stays taken, friends told', {
  skip: missing ?? false,
}, async () => {
  const eve = await loginUser(port(0), 'eve');
  const fay = await loginUser(port(1), 'fay');
  assert.equal((await onceKnown(eve, 'friend_request', { username: 'fay' })).response, 'friends');
  await fay.waitFor(friendsPush((f) => f.incoming.includes('eve')));
  assert.equal((await fay.ask('friend_accept', { username: 'eve' })).response, 'friends');
  await eve.waitFor(friendsPush((f) => f.friends.some((x) => x.username === 'fay')));
  const eveOnC = await loginUser(port(2), 'eve');

  const deleted = await eve.ask('account_delete', { password: 'correct horse' });
  assert.equal(deleted.response, 'account', JSON.stringify(deleted));
  await fay.waitFor(friendsPush((f) => f.friends.length === 0));
  const signedOut = await eveOnC.waitFor((r) => r.response === 'signed_out');
  assert.equal((signedOut.content as { reason: string }).reason, 'account_deleted');

  for (const i of [1, 2]) {
    const client = await RawClient.connect(port(i));
    const login = await client.ask('login', { username: 'eve', password: 'correct horse' });
    assert.equal(login.code, 'bad_credentials', `node ${i}: ${JSON.stringify(login)}`);
    const register = await client.ask('register', { username: 'eve', password: 'another horse' });
    assert.equal(register.code, 'name_taken', `node ${i}: ${JSON.stringify(register)}`);
    await client.close();
  }
  await Promise.all([fay.close(), eveOnC.close()]);
});

test('presence: a friend on another node shows online, goes offline when they log out, online again on a third', {
  skip: missing ?? false,
}, async () => {
  const gil = await loginUser(port(0), 'gil');
  const hal = await loginUser(port(1), 'hal');
  assert.equal((await onceKnown(gil, 'friend_request', { username: 'hal' })).response, 'friends');
  assert.equal((await onceKnown(hal, 'friend_accept', { username: 'gil' })).response, 'friends');
  const shown = await gil.waitFor(friendsPush((f) => f.friends.some((x) => x.username === 'hal')));
  assert.deepEqual((shown.content as { friends: unknown[] }).friends, [{ username: 'hal', online: true }]);

  await hal.close();
  const gone = await gil.waitFor((r) => r.response === 'presence');
  assert.deepEqual(gone.content, { username: 'hal', online: false });
  const back = await loginUser(port(2), 'hal');
  const returned = await gil.waitFor((r) => r.response === 'presence');
  assert.deepEqual(returned.content, { username: 'hal', online: true });
  await Promise.all([gil.close(), back.close()]);
});

test('failed logins on one node slow the next attempt on another: the login throttle is shared', {
  skip: missing ?? false,
}, async () => {
  await (await loginUser(port(0), 'kit')).close();
  const guesser = await RawClient.connect(port(0));
  for (let i = 0; i < 3; i++) {
    const answer = await guesser.ask('login', { username: 'kit', password: 'a wrong guess' });
    assert.equal(answer.code, 'bad_credentials', JSON.stringify(answer));
  }
  await waitFor('node b counted the failures', () =>
    (nodes[1] as TestServer).logs.some((line) =>
      line.includes('login throttle: account "kit" waits 60000 ms'),
    ),
  );
  const elsewhere = await RawClient.connect(port(1));
  const answer = await elsewhere.ask('login', { username: 'kit', password: 'correct horse' });
  assert.equal(answer.code, 'throttled', JSON.stringify(answer));
  await Promise.all([guesser.close(), elsewhere.close()]);
});

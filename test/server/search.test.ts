// Full-text search over real sockets and a real FTS5 index (docs/protocol.md § Search): only what the user
// could page to, newest first, filters and paging, edits and deletions reflected, query syntax as plain text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ftsQuery } from '../../src-main/server/handlers/search';
import { say, type WireMessage } from '../helpers/conversation';
import { loginGuest, loginUser, type RawClient } from '../helpers/raw-client';
import { befriend, createRoom, errorCode, join } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0 });
});
after(() => t.dispose());

async function search(c: RawClient, content: Record<string, unknown>) {
  const answer = await c.ask('search', content);
  assert.equal(answer.response, 'search', JSON.stringify(answer));
  return { ids: (answer.content as WireMessage[]).map((m) => m.id), more: answer.more, answer };
}

test('search finds only what the user can page to: default room, rooms they are in now, their DMs', async () => {
  const ann = await loginUser(t.port, 'ann');
  const bob = await loginUser(t.port, 'bob');
  const cy = await loginUser(t.port, 'cy');
  await befriend(ann, bob, 'bob', 'ann');
  const open = await createRoom(ann, 'Open');
  const secret = await createRoom(ann, 'Secret', 'private');
  await join(bob, open);
  const inDefault = await say(ann, 'pumpkin soup in the default room');
  const inOpen = await say(ann, 'pumpkin pie in the open room', open);
  const inSecret = await say(ann, 'pumpkin secrets', secret);
  const direct = await say(ann, 'pumpkin for bob only', '@bob');
  assert.deepEqual(
    (await search(bob, { query: 'pumpkin' })).ids,
    [direct, inOpen, inDefault],
    'newest first',
  );
  assert.deepEqual((await search(cy, { query: 'pumpkin' })).ids, [inDefault]);
  assert.deepEqual((await search(ann, { query: 'PUMPKIN' })).ids, [direct, inSecret, inOpen, inDefault]);
  await bob.ask('room_leave', { room: open });
  assert.deepEqual((await search(bob, { query: 'pumpkin' })).ids, [direct, inDefault], 'a room left is out');
  assert.equal(errorCode(await cy.ask('search', { query: 'pumpkin', conversation: secret })), 'not_found');
  assert.equal(errorCode(await bob.ask('search', { query: 'pumpkin', conversation: open })), 'not_allowed');
  const guest = await loginGuest(t.port, 'gus');
  assert.deepEqual((await search(guest, { query: 'pumpkin' })).ids, [inDefault]);
  await Promise.all([ann, bob, cy, guest].map((c) => c.close()));
});

test('filters, paging, prefixes (word*), accents; edits and deletions are reflected; notices are not found', async () => {
  const dan = await loginUser(t.port, 'dan');
  const eve = await loginUser(t.port, 'eve');
  const room = await createRoom(dan, 'Kitchen');
  await join(eve, room);
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) ids.push(await say(i % 2 ? eve : dan, `crème brûlée number ${i}`, room));
  const all = await search(dan, { query: 'creme brulee', conversation: room });
  assert.deepEqual(all.ids, [...ids].reverse(), 'accents are folded');
  const fromEve = await search(dan, { query: 'brûl*', conversation: room, from: 'EVE' });
  assert.deepEqual(fromEve.ids, [ids[3], ids[1]]);
  assert.deepEqual((await search(dan, { query: 'brûl', conversation: room })).ids, [], 'exact without *');
  assert.deepEqual(
    (await search(dan, { query: 'br*', conversation: room })).ids,
    [],
    'a prefix needs 3 letters',
  );
  const first = await search(dan, { query: 'number', conversation: room, limit: 2 });
  assert.deepEqual([first.ids, first.more], [[ids[4], ids[3]], true]);
  const second = await search(dan, { query: 'number', conversation: room, limit: 2, before: ids[3] });
  assert.deepEqual(second.ids, [ids[2], ids[1]]);
  await dan.ask('msg_edit', { id: ids[0], text: 'replaced by soufflé' });
  await eve.ask('msg_delete', { id: ids[1] });
  assert.deepEqual((await search(dan, { query: 'number', conversation: room })).ids, [
    ids[4],
    ids[3],
    ids[2],
  ]);
  assert.deepEqual((await search(dan, { query: 'souffle' })).ids, [ids[0]]);
  assert.deepEqual(
    (await search(dan, { query: 'joined', conversation: room })).ids,
    [],
    'notices are not searched',
  );
  await Promise.all([dan.close(), eve.close()]);
});

test('query syntax is text: quotes, operators and stars never reach FTS5 as syntax', async () => {
  const fay = await loginUser(t.port, 'fay');
  const line = await say(fay, 'NEAR the "quoted" OR-gate * star');
  for (const query of ['"', 'NEAR(', 'OR', '*', 'a AND', '"quoted"', ')', 'star*', '-gate', '^x', 'col:x']) {
    const answer = await fay.ask('search', { query });
    assert.equal(answer.response, 'search', `${query}: ${JSON.stringify(answer)}`);
  }
  assert.deepEqual((await search(fay, { query: '"quoted" star' })).ids, [line]);
  assert.deepEqual((await search(fay, { query: '...' })).ids, [], 'no words: nothing, not an error');
  assert.equal(errorCode(await fay.ask('search', { query: '   ' })), 'invalid');
  assert.equal(errorCode(await fay.ask('search', { query: 'x'.repeat(201) })), 'invalid');
  assert.equal(errorCode(await fay.ask('search', { query: 'x', limit: 51 })), 'invalid');
  assert.equal(ftsQuery('say "hi" now*'), '"say" """hi""" "now"*');
  assert.equal(ftsQuery('a* ab**'), '"a" "ab"', 'short prefixes are words');
  await fay.close();
});

// Guests in rooms other than the default one, over real sockets (docs/protocol.md § Rooms, Guests): off by
// default; the owner or a moderator lets guests in; then a guest browses, joins, reads, posts and is listed
// (marked as a guest), can be removed, and is out when the room closes to guests or its session ends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, type Received } from '../helpers/raw-client';
import { createRoom, errorCode, isNotice, join, loginUsers, type RoomView } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0, owner: 'own' });
});
after(() => t.dispose());

const room = (answer: Received) => answer.content as RoomView;
const names = (answer: Received) =>
  (answer.content as { username: string; guest: boolean }[]).map((m) => [m.username, m.guest]);
const ids = (answer: Received) => (answer.content as RoomView[]).map((r) => r.id);

test('guests stay out until the owner or a moderator lets them in; then they join, read, post and are listed', async () => {
  const [own, mod, mem] = await loginUsers(t.port, 'own', 'mod', 'mem');
  const gus = await loginGuest(t.port, 'gus');
  const id = await createRoom(own, 'Porch');
  await join(mod, id);
  await join(mem, id);
  await own.ask('room_role', { room: id, username: 'mod', role: 'moderator' });
  assert.equal(
    room(await own.ask('room_update', { room: id, topic: 'tea' })).guests,
    false,
    'off by default',
  );
  assert.equal(errorCode(await gus.ask('room_join', { room: id })), 'not_allowed');
  assert.equal(ids(await gus.ask('rooms', { browse: true })).includes(id), false, 'not offered to guests');
  assert.equal(errorCode(await gus.ask('history', { conversation: id })), 'not_allowed');
  assert.equal(errorCode(await mem.ask('room_update', { room: id, guests: true })), 'not_allowed');

  assert.equal(room(await mod.ask('room_update', { room: id, guests: true })).guests, true);
  await mem.waitFor(isNotice('mod let guests in'));
  assert.equal((await mem.waitFor((r) => r.response === 'room' && room(r).guests)).response, 'room');
  assert.ok(ids(await gus.ask('rooms', { browse: true })).includes(id));
  const joined = room(await gus.ask('room_join', { room: id }));
  assert.deepEqual([joined.role, joined.members, joined.guests], ['member', 4, true]);
  await own.waitFor(isNotice('gus joined'));
  const pushed = await own.waitFor(
    (r) => r.response === 'member' && (r.content as { username: string }).username === 'gus',
  );
  assert.equal((pushed.content as { member: { guest: boolean } }).member.guest, true);
  assert.deepEqual(names(await own.ask('room_members', { room: id })), [
    ['own', false],
    ['mod', false],
    ['gus', true],
    ['mem', false],
  ]);
  assert.deepEqual(
    ids(await gus.ask('rooms')),
    ['room', id],
    "the guest's rooms: the default one and this one",
  );

  const ack = await gus.ask('msg', { text: 'hello porch', cid: 'g1', to: id });
  assert.equal(ack.response, 'ack');
  const said = await mem.waitFor(isNotice('hello porch'));
  assert.deepEqual([said.sender, said.conv, said.guest], ['gus', id, true]);
  const history = (await gus.ask('history', { conversation: id })).content as Received[];
  assert.ok(
    history.some((m) => m.content === 'hello porch' && m.guest === true),
    'the guest reads the room',
  );
  const found = await gus.ask('search', { query: 'porch', conversation: id });
  assert.equal((found.content as Received[]).length, 1, 'and searches it');
  const hidden = await createRoom(own, 'Cellar');
  await own.ask('msg', { text: 'porch talk in the cellar', cid: 'o1', to: hidden });
  await own.ask('msg', { text: 'porch talk in the main room', cid: 'o2' });
  const everywhere = (await gus.ask('search', { query: 'porch' })).content as Received[];
  assert.deepEqual(
    everywhere.map((m) => m.content),
    ['porch talk in the main room', 'hello porch'],
    "a guest's search covers the default room and the rooms it is in, not the others",
  );
  assert.equal(errorCode(await gus.ask('room_invite', { room: id, username: 'mem' })), 'not_allowed');
  assert.equal(
    errorCode(await mod.ask('moderate', { room: id, username: 'gus', action: 'mute', minutes: 5 })),
    'not_allowed',
  );
  assert.equal(
    errorCode(await mod.ask('moderate', { room: id, username: 'gus', action: 'ban' })),
    'not_allowed',
  );
  const main = await own.ask('room_update', { room: 'room', guests: false });
  assert.equal(errorCode(main), 'not_allowed', "the default room's guests are the host's choice");
  await Promise.all([own, mod, mem, gus].map((c) => c.close()));
});

test('a removed guest is out and may join again; closing the room to guests takes every guest out', async () => {
  const [ann, bea] = await loginUsers(t.port, 'ann', 'bea');
  const [ivy, jo] = [await loginGuest(t.port, 'ivy'), await loginGuest(t.port, 'jo')];
  const id = await createRoom(ann, 'Garden');
  await join(bea, id);
  await ann.ask('room_update', { room: id, guests: true });
  await join(ivy, id);
  await join(jo, id);

  assert.equal(
    (await ann.ask('moderate', { room: id, username: 'ivy', action: 'remove' })).content,
    'ann removed ivy',
  );
  assert.deepEqual((await ivy.waitFor((r) => r.response === 'room_removed')).content, {
    room: id,
    reason: 'removed',
    by: 'ann',
  });
  assert.equal(errorCode(await ivy.ask('msg', { text: 'still here?', cid: 'i1', to: id })), 'not_allowed');
  await join(ivy, id);

  await ann.ask('room_update', { room: id, guests: false });
  await bea.waitFor(isNotice('ann closed the room to guests'));
  for (const guest of [ivy, jo]) {
    const removed = await guest.waitFor((r) => r.response === 'room_removed');
    assert.deepEqual(removed.content, { room: id, reason: 'removed', by: 'ann' });
    assert.equal(errorCode(await guest.ask('room_join', { room: id })), 'not_allowed');
  }
  assert.deepEqual(names(await bea.ask('room_members', { room: id })), [
    ['ann', false],
    ['bea', false],
  ]);
  await Promise.all([ann, bea, ivy, jo].map((c) => c.close()));
});

test("a guest's session ending ends its memberships: the room is told, the next guest of that name is not in", async () => {
  const [kim] = await loginUsers(t.port, 'kim');
  const lou = await loginGuest(t.port, 'lou');
  const id = await createRoom(kim, 'Hall');
  await kim.ask('room_update', { room: id, guests: true });
  await join(lou, id);
  await lou.close();
  const gone = await kim.waitFor(
    (r) => r.response === 'member' && (r.content as { member: unknown }).member === null,
  );
  assert.equal((gone.content as { username: string }).username, 'lou');
  await kim.waitFor(isNotice('lou left'));
  const again = await loginGuest(t.port, 'lou');
  assert.equal(
    errorCode(await again.ask('history', { conversation: id })),
    'not_allowed',
    'a new session, not a member',
  );
  assert.deepEqual(ids(await again.ask('rooms')), ['room']);
  await Promise.all([kim.close(), again.close()]);
});

// Read markers, receipts, typing and mentions over real sockets (docs/protocol.md § Read markers and
// receipts, § Typing, § Mentions).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arrived, historyOf, messageIn, say } from '../helpers/conversation';
import { loginGuest, loginUser, RawClient } from '../helpers/raw-client';
import { befriend, createRoom, errorCode, join, type RoomView } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0 });
});
after(() => t.dispose());

async function relogin(username: string) {
  const c = await RawClient.connect(t.port);
  const login = await c.ask('login', { username, password: 'correct horse' }, 5000);
  assert.equal(login.response, 'login', JSON.stringify(login));
  const content = login.content as {
    rooms: (RoomView & { lastRead: number })[];
    reads: { conversation: string; id: number }[];
    seen: { conversation: string; id: number }[];
    receipts: boolean;
  };
  return { c, content };
}

test('read markers: forward only, pushed to the other devices, in the login answer and `rooms`', async () => {
  const ann = await loginUser(t.port, 'ann');
  const annPhone = await loginUser(t.port, 'ann');
  const bob = await loginUser(t.port, 'bob');
  const id = await createRoom(bob, 'Reading');
  await join(ann, id);
  const first = await say(bob, 'one', id);
  const second = await say(bob, 'two', id);
  const answer = await ann.ask('read', { conversation: id, id: second });
  assert.deepEqual([answer.response, answer.content], ['read', { conversation: id, id: second }]);
  const push = await annPhone.waitFor((r) => r.response === 'read');
  assert.deepEqual(push.content, { conversation: id, id: second });
  const back = await ann.ask('read', { conversation: id, id: first });
  assert.deepEqual(back.content, { conversation: id, id: second }, 'a marker never moves back');
  assert.equal(await arrived(annPhone, (r) => r.response === 'read'), false, 'no push when it did not move');
  assert.equal(await arrived(bob, (r) => r.response === 'read' || r.response === 'seen'), false);

  const { c: annLaptop, content } = await relogin('ann');
  assert.equal(content.rooms.find((r) => r.id === id)?.lastRead, second);
  assert.equal(content.rooms.find((r) => r.id === 'room')?.lastRead, 0);
  const listed = (await annLaptop.ask('rooms')).content as (RoomView & { lastRead: number })[];
  assert.equal(listed.find((r) => r.id === id)?.lastRead, second, 'both devices count unread alike');

  const elsewhere = await say(bob, 'default room');
  assert.equal(errorCode(await ann.ask('read', { conversation: id, id: elsewhere })), 'not_found');
  assert.equal(
    errorCode(await ann.ask('read', { conversation: id, id: 99_999 })),
    'not_found',
    'not the future',
  );
  assert.equal(errorCode(await ann.ask('read', { conversation: '#99999', id: second })), 'not_found');
  await ann.ask('room_leave', { room: id });
  assert.equal(errorCode(await ann.ask('read', { conversation: id, id: second })), 'not_allowed');
  const guest = await loginGuest(t.port, 'gwen');
  assert.equal(errorCode(await guest.ask('read', { conversation: 'room', id: elsewhere })), 'not_allowed');
  assert.equal(errorCode(await guest.ask('receipts', { on: false })), 'not_allowed');
  await Promise.all([ann, annPhone, bob, annLaptop, guest].map((c) => c.close()));
});

test('DM receipts: the friend sees `seen`, unless either side turned receipts off', async () => {
  const cat = await loginUser(t.port, 'cat');
  const dan = await loginUser(t.port, 'dan');
  await befriend(cat, dan, 'dan', 'cat');
  const hello = await say(cat, 'hello dan', '@dan');
  assert.deepEqual((await dan.ask('read', { conversation: '@cat', id: hello })).content, {
    conversation: '@cat',
    id: hello,
  });
  const seen = await cat.waitFor((r) => r.response === 'seen');
  assert.deepEqual(seen.content, { conversation: '@dan', id: hello });
  const { c: catAgain, content } = await relogin('cat');
  assert.deepEqual([content.seen, content.receipts], [[{ conversation: '@dan', id: hello }], true]);
  const { c: danAgain, content: danState } = await relogin('dan');
  assert.deepEqual(danState.reads, [{ conversation: '@cat', id: hello }]);

  const off = await dan.ask('receipts', { on: false });
  assert.deepEqual([off.response, off.content], ['receipts', { on: false }]);
  await danAgain.waitFor((r) => r.response === 'receipts');
  const more = await say(cat, 'still there?', '@dan');
  await dan.ask('read', { conversation: '@cat', id: more });
  assert.equal(await arrived(cat, (r) => r.response === 'seen'), false, 'dan turned receipts off');
  const reply = await say(dan, 'yes', '@cat');
  await cat.ask('read', { conversation: '@dan', id: reply });
  assert.equal(await arrived(dan, (r) => r.response === 'seen'), false, 'off both ways');
  assert.deepEqual((await relogin('cat')).content.seen, [], 'nor at login');
  assert.equal(errorCode(await cat.ask('read', { conversation: '@ghost', id: reply })), 'not_found');
  assert.equal(errorCode(await cat.ask('read', { conversation: '@dan', id: 1 })), 'not_found');
  await Promise.all([cat, dan, catAgain, danAgain].map((c) => c.close()));
});

test('typing: forwarded to the others at most once per 3 s, floods dropped silently, friends only in DMs', async () => {
  const eve = await loginUser(t.port, 'eve');
  const evePhone = await loginUser(t.port, 'eve');
  const fay = await loginUser(t.port, 'fay');
  const gil = await loginUser(t.port, 'gil');
  const id = await createRoom(eve, 'Typing');
  await join(fay, id);
  for (let i = 0; i < 50; i++) eve.send({ request: 'typing', content: { conversation: id }, rid: `ty${i}` });
  const typing = await fay.waitFor((r) => r.response === 'typing');
  assert.deepEqual(typing.content, { conversation: id, username: 'eve' });
  await eve.ask('ping');
  assert.equal(await arrived(fay, (r) => r.response === 'typing'), false, 'one of 50 forwarded');
  assert.equal(eve.pending((r) => String(r.re).startsWith('ty')).length, 0, 'typing is never answered');
  assert.equal(await arrived(evePhone, (r) => r.response === 'typing'), false, 'not to her own devices');
  assert.equal(await arrived(gil, (r) => r.response === 'typing'), false, 'not outside the room');
  assert.equal(errorCode(await gil.ask('typing', { conversation: id })), 'not_allowed');

  assert.equal(errorCode(await eve.ask('typing', { conversation: '@gil' })), 'not_allowed');
  await befriend(eve, gil, 'gil', 'eve');
  eve.send({ request: 'typing', content: { conversation: '@gil' } });
  assert.deepEqual((await gil.waitFor((r) => r.response === 'typing')).content, {
    conversation: '@eve',
    username: 'eve',
  });
  await Promise.all([eve, evePhone, fay, gil].map((c) => c.close()));
});

test('mentions: members named, others ignored; @room only from owners and moderators', async () => {
  const hal = await loginUser(t.port, 'hal');
  const ivy = await loginUser(t.port, 'ivy');
  const id = await createRoom(hal, 'Mentions');
  await join(ivy, id);
  const byMember = await say(ivy, '@HAL look, and @nobody, @room, email@hal.example', id);
  const byOwner = await say(hal, '@room meeting now @ivy', id);
  const page = await historyOf(ivy, id);
  const m1 = messageIn(page, byMember);
  assert.deepEqual([m1.mentions, m1.mentionsRoom], [['hal'], undefined]);
  const m2 = messageIn(page, byOwner);
  assert.deepEqual([m2.mentions, m2.mentionsRoom], [['ivy'], true]);
  assert.equal(m1.content, '@HAL look, and @nobody, @room, email@hal.example', 'the text is kept as written');
  const edited = await ivy.ask('msg_edit', { id: byMember, text: 'never mind @hal @ivy' });
  assert.deepEqual((edited.content as { mentions?: string[] }).mentions, ['hal', 'ivy']);
  await Promise.all([hal.close(), ivy.close()]);
});

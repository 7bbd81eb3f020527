// Rooms over real sockets: create, list, browse, join, leave, invite, rename, groups, and messages, history
// and resume across rooms (docs/protocol.md § Rooms).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, loginUser, RawClient } from '../helpers/raw-client';
import { befriend, createRoom, errorCode, isNotice, join, type RoomView } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ roomName: 'Home' });
});
after(() => t.dispose());

const roomsOf = (answer: { content?: unknown }) => answer.content as RoomView[];

test('create, list, browse, join (idempotent), members and leave, with membership notices and pushes', async () => {
  const ann = await loginUser(t.port, 'ann');
  const annPhone = await loginUser(t.port, 'ann');
  const bob = await loginUser(t.port, 'bob');
  const id = await createRoom(ann, 'Book club 2');
  assert.match(id, /^#\d+$/);
  const pushed = await annPhone.waitFor((r) => r.response === 'room' && (r.content as RoomView).id === id);
  assert.equal((pushed.content as RoomView).role, 'owner', "the owner's other connection learns of the room");
  await createRoom(ann, 'book club 10');

  const mine = roomsOf(await ann.ask('rooms'));
  assert.deepEqual(
    mine.map((r) => [r.name, r.kind, r.role]),
    [
      ['Home', 'default', 'owner'],
      ['Book club 2', 'public', 'owner'],
      ['book club 10', 'public', 'owner'],
    ],
    'default room first, then natural order; the first account owns the default room',
  );
  const browse = await bob.ask('rooms', { browse: true });
  assert.equal(browse.browse, true);
  const listed = roomsOf(browse).find((r) => r.id === id);
  assert.deepEqual([listed?.role, listed?.members], [null, 1]);

  const joined = await join(bob, id);
  assert.deepEqual([joined.role, joined.members, joined.kind], ['member', 2, 'public']);
  const member = await ann.waitFor((r) => r.response === 'member');
  assert.deepEqual(member.content, {
    room: id,
    username: 'bob',
    member: { username: 'bob', role: 'member', online: true, guest: false, mutedUntil: null },
    members: 2,
  });
  const notice = await ann.waitFor(isNotice('bob joined'));
  assert.deepEqual([notice.sender, notice.conv, notice.notice], ['server', id, 'membership']);
  await bob.waitFor(isNotice('bob joined'));
  assert.equal((await join(bob, id)).role, 'member', 'joining again answers the room again');

  const members = await bob.ask('room_members', { room: id });
  assert.equal(members.response, 'members');
  assert.deepEqual(
    (members.content as { username: string; role: string }[]).map((m) => [m.username, m.role]),
    [
      ['ann', 'owner'],
      ['bob', 'member'],
    ],
  );
  const bobPhone = await loginUser(t.port, 'bob');
  const left = await bob.ask('room_leave', { room: id });
  assert.deepEqual([left.response, left.content], ['info', 'You left Book club 2']);
  const removed = await bobPhone.waitFor((r) => r.response === 'room_removed');
  assert.deepEqual(removed.content, { room: id, reason: 'left' });
  await ann.waitFor(isNotice('bob left'));
  assert.equal(errorCode(await bob.ask('room_leave', { room: 'room' })), 'not_allowed');
  assert.equal(errorCode(await bob.ask('room_members', { room: id })), 'not_allowed');
  await Promise.all([ann, annPhone, bob, bobPhone].map((c) => c.close()));
});

test('private rooms stay hidden until an invite; the invite is pushed, listed at login and used up by joining', async () => {
  const cat = await loginUser(t.port, 'cat');
  const dan = await loginUser(t.port, 'dan');
  const id = await createRoom(cat, 'Secret', 'private');
  assert.equal(errorCode(await dan.ask('room_join', { room: id })), 'not_found');
  assert.equal(errorCode(await dan.ask('history', { conversation: id })), 'not_found');
  assert.equal(errorCode(await dan.ask('msg', { text: 'hi', cid: 'd1', to: id })), 'not_found');
  const browse = roomsOf(await dan.ask('rooms', { browse: true }));
  assert.equal(
    browse.some((r) => r.id === id),
    false,
    'private rooms are not browsable',
  );
  assert.equal(errorCode(await dan.ask('room_join', { room: '#999999' })), 'not_found');

  const invited = await cat.ask('room_invite', { room: id, username: 'DAN' });
  assert.deepEqual([invited.response, invited.content], ['info', 'Invited dan to Secret']);
  const push = await dan.waitFor((r) => r.response === 'room_invite');
  assert.equal(push.from, 'cat');
  assert.deepEqual([(push.content as RoomView).id, (push.content as RoomView).role], [id, null]);
  dan.destroy();
  const danAgain = await RawClient.connect(t.port);
  const login = await danAgain.ask('login', { username: 'dan', password: 'correct horse' }, 5000);
  const invites = (login.content as { invites: (RoomView & { from: string })[] }).invites;
  assert.deepEqual(
    invites.map((r) => [r.id, r.name, r.from]),
    [[id, 'Secret', 'cat']],
  );
  assert.equal((await join(danAgain, id)).role, 'member');
  const listed = await danAgain.ask('rooms');
  assert.deepEqual(listed.invites, [], 'joining uses the invite up');
  assert.deepEqual(
    roomsOf(listed).map((r) => r.id),
    ['room', id],
  );
  await Promise.all([cat.close(), danAgain.close()]);
});

test('a declined invite is gone on every device, stays gone at the next login, and the room cannot re-invite', async () => {
  const [eve, fay, fayPhone] = await Promise.all([
    loginUser(t.port, 'eve'),
    loginUser(t.port, 'fay'),
    loginUser(t.port, 'fay'),
  ]);
  const id = await createRoom(eve, 'Quiet', 'private');
  assert.equal((await eve.ask('room_invite', { room: id, username: 'fay' })).response, 'info');
  for (const device of [fay, fayPhone]) await device.waitFor((r) => r.response === 'room_invite');
  const declined = await fay.ask('room_decline', { room: id });
  assert.deepEqual([declined.response, declined.content], ['info', 'You declined the invite to Quiet']);
  const relisted = await fayPhone.waitFor((r) => r.response === 'rooms' && r.re === undefined);
  assert.deepEqual(relisted.invites, [], "the other device's list has no invite any more");
  assert.deepEqual(
    roomsOf(relisted).map((r) => r.id),
    ['room'],
  );
  const fresh = await loginUser(t.port, 'fay');
  assert.deepEqual((await fresh.ask('rooms')).invites, [], 'the decline is kept by the room');
  assert.equal(errorCode(await fresh.ask('room_join', { room: id })), 'not_found', 'and the invite used up');
  assert.equal(
    errorCode(await fay.ask('room_decline', { room: id })),
    'not_found',
    'nothing left to decline',
  );
  const again = await eve.ask('room_invite', { room: id, username: 'fay' });
  assert.equal(errorCode(again), 'throttled');
  assert.match(
    String(again.content),
    /fay declined an invite to this room: they can be invited again in 7 days/,
  );
  assert.equal(fay.pending((r) => r.response === 'room_invite').length, 0, 'fay is not bothered again');
  await Promise.all([eve, fay, fayPhone, fresh].map((c) => c.close()));
});

test('messages in a room: acks, members get conv "#n", history per room, resume across rooms the user is in', async () => {
  const eve = await loginUser(t.port, 'eve');
  const fay = await loginUser(t.port, 'fay');
  const gus = await loginUser(t.port, 'gus');
  await befriend(eve, fay, 'fay', 'eve');
  const loginAnswer = eve.all.find((r) => r.response === 'login');
  const start = (loginAnswer?.content as { lastId: number } | undefined)?.lastId ?? 0;
  const id = await createRoom(eve, 'Garden');
  await join(fay, id);
  eve.send({ request: 'msg', content: { text: 'in the garden', cid: 'e1', to: id }, rid: 's1' });
  const ack = await eve.response('ack', 's1');
  const got = await fay.waitFor(isNotice('in the garden'));
  assert.deepEqual([got.conv, got.sender, got.id], [id, 'eve', (ack.content as { id: number }).id]);
  eve.send({ request: 'msg', content: { text: 'in the main room', cid: 'e2' } });
  eve.send({ request: 'msg', content: { text: 'just for fay', cid: 'e3', to: '@fay' } });
  await fay.waitFor(isNotice('just for fay'));
  await gus.waitFor(isNotice('in the main room'));

  const page = await fay.ask('history', { conversation: id, limit: 10 });
  assert.equal(page.conv, id);
  assert.deepEqual(
    (page.content as { content: string }[]).map((m) => m.content),
    ['eve created the room', 'fay joined', 'in the garden'],
  );
  const resume = async (who: RawClient) =>
    ((await who.ask('resume', { since: start })).content as { content: string; conv: string }[])
      .filter((m) => m.content !== 'eve created the room')
      .map((m) => [m.content, m.conv]);
  assert.deepEqual(await resume(fay), [
    ['fay joined', id],
    ['in the garden', id],
    ['in the main room', 'room'],
    ['just for fay', 'dm'],
  ]);
  const forGus = await resume(gus);
  assert.equal(
    forGus.some(([, conv]) => conv === id),
    false,
    'no messages of rooms one is not in',
  );
  await fay.ask('room_leave', { room: id });
  eve.send({ request: 'msg', content: { text: 'after fay left', cid: 'e4', to: id } });
  await eve.response('ack');
  const later = await resume(fay);
  assert.equal(
    later.some(([, conv]) => conv === id),
    false,
    'once out of a room, resume leaves it out',
  );
  await Promise.all([eve.close(), fay.close(), gus.close()]);
});

test('room_update: the change reaches each member with their own role and is said in the room', async () => {
  const hal = await loginUser(t.port, 'hal');
  const ivy = await loginUser(t.port, 'ivy');
  const id = await createRoom(hal, 'Drafts');
  await join(ivy, id);
  const updated = await hal.ask('room_update', { room: id, name: 'Final', topic: 'Ship it' });
  assert.equal(updated.response, 'room');
  assert.deepEqual(
    [(updated.content as RoomView).name, (updated.content as RoomView).role],
    ['Final', 'owner'],
  );
  const push = await ivy.waitFor((r) => r.response === 'room' && (r.content as RoomView).name === 'Final');
  assert.deepEqual(
    [(push.content as RoomView).topic, (push.content as RoomView).role],
    ['Ship it', 'member'],
  );
  await ivy.waitFor(isNotice('hal renamed the room to Final'));
  const topic = await ivy.waitFor(isNotice('hal set the topic: Ship it'));
  assert.equal(topic.notice, 'moderation');
  assert.equal(errorCode(await hal.ask('room_update', { room: id })), 'invalid', 'nothing to change');
  await Promise.all([hal.close(), ivy.close()]);
});

test('group conversations: friends only, all members at once, pushed to each; guests stay in the default room', async () => {
  const jo = await loginUser(t.port, 'jo');
  const kim = await loginUser(t.port, 'kim');
  const lee = await loginUser(t.port, 'lee');
  const guest = await loginGuest(t.port, 'visitor');
  await befriend(jo, kim, 'kim', 'jo');
  assert.equal(errorCode(await jo.ask('group_create', { members: ['kim', 'lee'] })), 'not_allowed');
  await befriend(jo, lee, 'lee', 'jo');
  assert.equal(errorCode(await jo.ask('group_create', { members: ['kim', 'KIM'] })), 'invalid');
  const made = await jo.ask('group_create', { members: ['kim', 'lee'] });
  assert.equal(made.response, 'room', JSON.stringify(made));
  const group = made.content as RoomView;
  assert.deepEqual([group.kind, group.name, group.role, group.members], ['group', '', 'member', 3]);
  assert.deepEqual([...(group.people ?? [])].sort(), ['jo', 'kim', 'lee']);
  for (const other of [kim, lee]) {
    const push = await other.waitFor((r) => r.response === 'room' && (r.content as RoomView).id === group.id);
    assert.equal((push.content as RoomView).kind, 'group');
  }
  kim.send({ request: 'msg', content: { text: 'group hello', cid: 'k1', to: group.id } });
  await lee.waitFor(isNotice('group hello'));
  assert.equal(errorCode(await jo.ask('room_invite', { room: group.id, username: 'ivy' })), 'not_allowed');
  assert.equal(errorCode(await guest.ask('room_create', { name: 'x', visibility: 'public' })), 'not_allowed');
  assert.equal(errorCode(await guest.ask('room_join', { room: group.id })), 'not_found');
  const guestRooms = roomsOf(await guest.ask('rooms'));
  assert.deepEqual(
    guestRooms.map((r) => [r.id, r.role, r.guests]),
    [['room', 'member', true]],
  );
  await Promise.all([jo, kim, lee, guest].map((c) => c.close()));
});

test('an owner who leaves passes the room to the longest-standing moderator; the last one out archives it', async () => {
  const max = await loginUser(t.port, 'max');
  const ned = await loginUser(t.port, 'ned');
  const oli = await loginUser(t.port, 'oli');
  const id = await createRoom(max, 'Handover');
  await join(ned, id);
  await join(oli, id);
  assert.equal(
    (await max.ask('room_role', { room: id, username: 'oli', role: 'moderator' })).response,
    'info',
  );
  await max.ask('room_leave', { room: id });
  const heirView = await oli.waitFor(
    (r) => r.response === 'room' && (r.content as { role: string }).role === 'owner',
  );
  assert.equal((heirView.content as { id: string }).id, id, 'the heir is told the room is theirs');
  const members = (await ned.ask('room_members', { room: id })).content as {
    username: string;
    role: string;
  }[];
  assert.deepEqual(
    members.map((m) => [m.username, m.role]),
    [
      ['oli', 'owner'],
      ['ned', 'member'],
    ],
  );
  await oli.ask('room_leave', { room: id });
  await ned.ask('room_leave', { room: id });
  const browse = roomsOf(await max.ask('rooms', { browse: true }));
  assert.equal(
    browse.some((r) => r.id === id),
    false,
    'archived rooms are not listed',
  );
  assert.equal(errorCode(await max.ask('room_join', { room: id })), 'not_allowed');
  await Promise.all([max, ned, oli].map((c) => c.close()));
});

test('the owner option names the default room owner, whoever registered first', async () => {
  const other = await startServer({ owner: 'Zoe' });
  try {
    const first = await loginUser(other.port, 'first');
    const zoe = await loginUser(other.port, 'zoe');
    const roleIn = async (c: RawClient) => roomsOf(await c.ask('rooms'))[0]?.role;
    assert.equal(await roleIn(first), 'member');
    assert.equal(await roleIn(zoe), 'owner');
    assert.equal(errorCode(await first.ask('room_update', { room: 'room', name: 'Mine' })), 'not_allowed');
    assert.equal((await zoe.ask('room_update', { room: '#1', name: 'Zoe place' })).response, 'room');
    const renamed = await first.waitFor((r) => r.response === 'room');
    assert.deepEqual(
      [(renamed.content as RoomView).id, (renamed.content as RoomView).name],
      ['room', 'Zoe place'],
    );
    await Promise.all([first.close(), zoe.close()]);
  } finally {
    await other.dispose();
  }
});

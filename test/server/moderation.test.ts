// Moderation over real sockets: ban, remove, mute, read-only, roles, message deletion, and the default room,
// where removing or banning takes someone off the server. Every action is a stored notice in the room.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, loginUser, RawClient } from '../helpers/raw-client';
import { befriend, createRoom, errorCode, isNotice, join, loginUsers } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
let host: RawClient;
before(async () => {
  t = await startServer();
  // The first account registered owns the default room.
  host = await loginUser(t.port, 'host');
});
after(async () => {
  await host.close();
  await t.dispose();
});

const moderate = (c: RawClient, room: string, username: string, action: string, minutes?: number) =>
  c.ask('moderate', { room, username, action, ...(minutes === undefined ? {} : { minutes }) });

test('ban: the banned member is told, cannot rejoin, read or post; the room hears it; unban lets them back', async () => {
  const ann = await loginUser(t.port, 'ann');
  const bob = await loginUser(t.port, 'bob');
  const id = await createRoom(ann, 'Den');
  await join(bob, id);
  const banned = await moderate(ann, id, 'bob', 'ban');
  assert.deepEqual([banned.response, banned.content], ['info', 'ann banned bob']);
  const told = await bob.waitFor((r) => r.response === 'room_removed');
  assert.deepEqual(told.content, { room: id, reason: 'banned', by: 'ann' });
  const notice = await ann.waitFor(isNotice('ann banned bob'));
  assert.deepEqual([notice.sender, notice.notice, notice.conv], ['server', 'moderation', id]);
  assert.equal(errorCode(await bob.ask('room_join', { room: id })), 'banned');
  assert.equal(errorCode(await bob.ask('history', { conversation: id })), 'banned');
  assert.equal(errorCode(await bob.ask('msg', { text: 'let me in', cid: 'b1', to: id })), 'banned');
  ann.send({ request: 'msg', content: { text: 'bob cannot read this', cid: 'a1', to: id } });
  await ann.response('ack');
  const resumed = (await bob.ask('resume', { since: 0 })).content as { content: string }[];
  assert.equal(
    resumed.some((m) => m.content === 'bob cannot read this'),
    false,
  );
  assert.equal(errorCode(await moderate(ann, id, 'bob', 'unmute')), 'not_found', 'no longer in the room');
  assert.equal((await moderate(ann, id, 'bob', 'unban')).content, 'ann unbanned bob');
  assert.equal(errorCode(await moderate(ann, id, 'bob', 'unban')), 'not_found', 'not banned any more');
  assert.equal((await join(bob, id)).role, 'member');
  const history = (await bob.ask('history', { conversation: id })).content as { content: string }[];
  assert.deepEqual(
    history.map((m) => m.content).filter((text) => text.includes('bann')),
    ['ann banned bob', 'ann unbanned bob'],
    'moderation notices are stored in the room',
  );
  await Promise.all([ann.close(), bob.close()]);
});

test('remove, mute and read-only; moderators cannot touch the owner or each other, the owner can', async () => {
  const [own, mod, mod2, mem] = await loginUsers(t.port, 'own', 'mod', 'mod2', 'mem');
  const id = await createRoom(own, 'Hall');
  for (const c of [mod, mod2, mem]) await join(c, id);
  for (const name of ['mod', 'mod2']) {
    assert.equal(
      (await own.ask('room_role', { room: id, username: name, role: 'moderator' })).response,
      'info',
    );
  }
  const promoted = await mod.waitFor(
    (r) => r.response === 'room' && (r.content as { role: string }).role === 'moderator',
  );
  assert.ok(promoted, 'the new moderator gets the room with their role');
  assert.equal(errorCode(await moderate(mod, id, 'own', 'mute', 5)), 'not_allowed');
  assert.equal(errorCode(await moderate(mod, id, 'mod2', 'remove')), 'not_allowed');
  assert.equal(errorCode(await moderate(mem, id, 'mod', 'remove')), 'not_allowed');
  assert.equal(errorCode(await moderate(mod, id, 'mod', 'mute', 5)), 'not_allowed');

  assert.equal((await moderate(mod, id, 'mem', 'mute', 10)).content, 'mod muted mem for 10 minutes');
  const muted = await own.waitFor((r) => {
    const content = r.content as { username?: string; member?: { mutedUntil: string | null } };
    return r.response === 'member' && content.username === 'mem' && !!content.member?.mutedUntil;
  });
  const until = (muted.content as { member: { mutedUntil: string } }).member.mutedUntil;
  assert.ok(Date.parse(until) > Date.now(), 'the member push carries the mute');
  const ownView = await mem.waitFor(
    (r) => r.response === 'room' && (r.content as { mutedUntil: string | null }).mutedUntil === until,
  );
  assert.equal((ownView.content as { role: string }).role, 'member', 'the muted member gets their own view');
  const refused = await mem.ask('msg', { text: 'hello?', cid: 'm1', to: id });
  assert.equal(errorCode(refused), 'muted');
  assert.match(String(refused.content), /until/);
  await moderate(mod, id, 'mem', 'unmute');
  await mem.waitFor(
    (r) => r.response === 'room' && (r.content as { mutedUntil: unknown }).mutedUntil === null,
  );
  mem.send({ request: 'msg', content: { text: 'back', cid: 'm2', to: id }, rid: 'm2' });
  assert.equal((await mem.response('ack', 'm2')).response, 'ack');

  assert.equal((await mod.ask('room_update', { room: id, readOnly: true })).response, 'room');
  await mem.waitFor(isNotice('mod made the room read-only'));
  assert.equal(errorCode(await mem.ask('msg', { text: 'no', cid: 'm3', to: id })), 'read_only');
  mod.send({ request: 'msg', content: { text: 'announcement', cid: 'd1', to: id }, rid: 'd1' });
  assert.equal((await mod.response('ack', 'd1')).response, 'ack', 'moderators post in a read-only room');
  assert.equal(errorCode(await mod.ask('room_update', { room: id, archived: true })), 'not_allowed');

  assert.equal((await moderate(own, id, 'mod2', 'remove')).content, 'own removed mod2');
  const removed = await mod2.waitFor((r) => r.response === 'room_removed');
  assert.deepEqual(removed.content, { room: id, reason: 'removed', by: 'own' });
  assert.equal((await join(mod2, id)).role, 'member', 'a removed member may rejoin a public room');
  await Promise.all([own, mod, mod2, mem].map((c) => c.close()));
});

test('msg_delete: own messages anywhere, any in a room one moderates; tombstones in history; never notices', async () => {
  const [ida, jon, kay] = await loginUsers(t.port, 'ida', 'jon', 'kay');
  const id = await createRoom(ida, 'Studio');
  await join(jon, id);
  await join(kay, id);
  const send = async (c: RawClient, text: string, to: string) => {
    const rid = `${text}-rid`;
    c.send({ request: 'msg', content: { text, cid: text, to }, rid });
    return ((await c.response('ack', rid)).content as { id: number }).id;
  };
  const jonsLine = await send(jon, 'oops', id);
  const kaysLine = await send(kay, 'rude', id);
  assert.equal(errorCode(await jon.ask('msg_delete', { id: kaysLine })), 'not_allowed');
  assert.equal((await jon.ask('msg_delete', { id: jonsLine })).response, 'info');
  const push = await kay.waitFor((r) => r.response === 'deleted');
  assert.deepEqual(push.content, { id: jonsLine, conv: id });
  assert.equal((await ida.ask('msg_delete', { id: kaysLine })).response, 'info', 'the owner deletes any');
  const history = (await kay.ask('history', { conversation: id })).content as {
    id: number;
    content: string;
    deleted?: boolean;
    notice?: string;
  }[];
  const tombstones = history.filter((m) => m.id === jonsLine || m.id === kaysLine);
  assert.deepEqual(
    tombstones.map((m) => [m.content, m.deleted]),
    [
      ['', true],
      ['', true],
    ],
  );
  const notice = history.find((m) => m.notice !== undefined);
  assert.equal(errorCode(await ida.ask('msg_delete', { id: notice?.id })), 'not_allowed');
  assert.equal(errorCode(await ida.ask('msg_delete', { id: 999_999 })), 'not_found');

  await befriend(ida, jon, 'jon', 'ida');
  const dm = await send(ida, 'private word', '@jon');
  await jon.waitFor(isNotice('private word'));
  assert.equal(errorCode(await jon.ask('msg_delete', { id: dm })), 'not_allowed', 'only its sender');
  assert.equal(errorCode(await kay.ask('msg_delete', { id: dm })), 'not_found', 'others do not learn of it');
  await ida.ask('msg_delete', { id: dm });
  const dmPush = await jon.waitFor(
    (r) => r.response === 'deleted' && (r.content as { id: number }).id === dm,
  );
  assert.equal((dmPush.content as { conv: string }).conv, 'dm');
  await Promise.all([ida, jon, kay].map((c) => c.close()));
});

test('msg_delete: a guest cannot delete, not even what an earlier guest of the same name said', async () => {
  const first = await loginGuest(t.port, 'drifter');
  first.send({ request: 'msg', content: { text: 'left behind', cid: 'g1' }, rid: 'g1' });
  const id = ((await first.response('ack', 'g1')).content as { id: number }).id;
  await first.close();
  const second = await loginGuest(t.port, 'drifter');
  const refused = await second.ask('msg_delete', { id });
  assert.equal(errorCode(refused), 'not_allowed');
  assert.match(String(refused.content), /guests cannot delete/);
  const [reader] = await loginUsers(t.port, 'lea');
  const history = (await reader.ask('history', { conversation: 'room' })).content as { id: number }[];
  assert.ok(
    history.some((m) => m.id === id),
    'the message is still there',
  );
  await Promise.all([second.close(), reader.close()]);
});

test('the default room: its owner removes a guest and bans an account off the server; the ban refuses logins', async () => {
  const guest = await loginGuest(t.port, 'rowdy');
  const lou = await loginUser(t.port, 'lou');
  const mia = await loginUser(t.port, 'mia');
  assert.equal(
    errorCode(await lou.ask('moderate', { room: 'room', username: 'rowdy', action: 'remove' })),
    'not_allowed',
  );
  assert.equal(
    (await host.ask('room_role', { room: 'room', username: 'mia', role: 'moderator' })).response,
    'info',
  );
  assert.equal((await moderate(mia, 'room', 'rowdy', 'remove')).content, 'mia removed rowdy');
  await guest.closed;
  assert.ok(guest.all.some((r) => r.response === 'info' && r.content === 'mia removed rowdy'));
  assert.equal(
    errorCode(await moderate(mia, 'room', 'rowdy', 'ban')),
    'not_found',
    'gone, and never an account',
  );

  assert.equal((await moderate(host, 'room', 'lou', 'ban')).content, 'host banned lou');
  await lou.closed;
  assert.ok(lou.all.some((r) => r.response === 'error' && r.code === 'banned'));
  await mia.waitFor(isNotice('host banned lou'));
  const again = await RawClient.connect(t.port);
  const refused = await again.ask('login', { username: 'lou', password: 'correct horse' }, 5000);
  assert.equal(errorCode(refused), 'banned');
  await moderate(host, 'room', 'lou', 'unban');
  const back = await again.ask('login', { username: 'lou', password: 'correct horse' }, 5000);
  assert.equal(back.response, 'login');
  const list = (await host.ask('room_members', { room: 'room' })).content as {
    username: string;
    role: string;
  }[];
  assert.deepEqual(
    list.slice(0, 2).map((m) => [m.username, m.role]),
    [
      ['host', 'owner'],
      ['mia', 'moderator'],
    ],
  );
  await Promise.all([again.close(), mia.close()]);
});

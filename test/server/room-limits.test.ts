// Each room cap, shrunk by its server option, refuses the next request with `limit_reached` and a sentence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerOptions } from '../../src-main/server/server';
import { loginUser, type RawClient, type Received } from '../helpers/raw-client';
import { befriend, createRoom, join, loginUsers } from '../helpers/rooms';
import { startServer } from '../helpers/server';

async function withServer(
  options: Partial<ServerOptions>,
  body: (port: number) => Promise<void>,
): Promise<void> {
  const t = await startServer(options);
  try {
    await body(t.port);
  } finally {
    await t.dispose();
  }
}

function assertLimit(answer: Received, sentence: RegExp): void {
  assert.equal(answer.response, 'error', JSON.stringify(answer));
  assert.equal(answer.code, 'limit_reached');
  assert.match(String(answer.content), sentence);
}

const make = (c: RawClient, name: string) => c.ask('room_create', { name, visibility: 'public' });

test('rooms created per account', () =>
  withServer({ maxRoomsPerAccount: 2 }, async (port) => {
    const ann = await loginUser(port, 'ann');
    await createRoom(ann, 'one');
    await createRoom(ann, 'two');
    assertLimit(await make(ann, 'three'), /created 2 rooms/);
    const bob = await loginUser(port, 'bob');
    await createRoom(bob, 'bob one');
    await Promise.all([ann.close(), bob.close()]);
  }));

test('rooms per server, groups included', () =>
  withServer({ maxRooms: 2 }, async (port) => {
    const [ann, bob, cat] = await loginUsers(port, 'ann', 'bob', 'cat');
    await createRoom(ann, 'one');
    await createRoom(bob, 'two');
    assertLimit(await make(cat, 'three'), /holds 2 rooms/);
    await befriend(cat, ann, 'ann', 'cat');
    await befriend(cat, bob, 'bob', 'cat');
    assertLimit(await cat.ask('group_create', { members: ['ann', 'bob'] }), /holds 2 rooms/);
    await Promise.all([ann, bob, cat].map((c) => c.close()));
  }));

test('rooms one account is in (the default room counts)', () =>
  withServer({ maxRoomsPerMember: 3 }, async (port) => {
    const ann = await loginUser(port, 'ann');
    const bob = await loginUser(port, 'bob');
    const rooms = [
      await createRoom(ann, 'one'),
      await createRoom(ann, 'two'),
      await createRoom(bob, 'three'),
    ];
    assertLimit(await ann.ask('room_join', { room: rooms[2] }), /already in 3 rooms/);
    assertLimit(await make(ann, 'four'), /already in 3 rooms/);
    await Promise.all([ann.close(), bob.close()]);
  }));

test('members per room', () =>
  withServer({ maxRoomMembers: 2 }, async (port) => {
    const [ann, bob, cat] = await loginUsers(port, 'ann', 'bob', 'cat');
    const id = await createRoom(ann, 'small');
    await join(bob, id);
    assertLimit(await cat.ask('room_join', { room: id }), /has 2 members/);
    await Promise.all([ann, bob, cat].map((c) => c.close()));
  }));

test('moderation actions per moderator and minute', () =>
  withServer({ moderationPerMinute: 2 }, async (port) => {
    const [ann, bob] = await loginUsers(port, 'ann', 'bob');
    const id = await createRoom(ann, 'strict');
    await join(bob, id);
    assert.equal(
      (await ann.ask('moderate', { room: id, username: 'bob', action: 'mute', minutes: 5 })).response,
      'info',
    );
    assert.equal(
      (await ann.ask('moderate', { room: id, username: 'bob', action: 'unmute' })).response,
      'info',
    );
    assertLimit(await ann.ask('room_update', { room: id, topic: 'calm' }), /2 moderation actions/);
    assertLimit(
      await ann.ask('moderate', { room: id, username: 'bob', action: 'ban' }),
      /2 moderation actions/,
    );
    await Promise.all([ann, bob].map((c) => c.close()));
  }));

test('invites per account and hour', () =>
  withServer({ invitesPerHour: 2 }, async (port) => {
    const [ann, bob, cat, dan] = await loginUsers(port, 'ann', 'bob', 'cat', 'dan');
    const id = await createRoom(ann, 'club', 'private');
    assert.equal((await ann.ask('room_invite', { room: id, username: 'bob' })).response, 'info');
    assert.equal((await ann.ask('room_invite', { room: id, username: 'cat' })).response, 'info');
    assertLimit(await ann.ask('room_invite', { room: id, username: 'dan' }), /2 invites/);
    await Promise.all([ann, bob, cat, dan].map((c) => c.close()));
  }));

test('the re-invite cool-down after a decline is the server option', () =>
  withServer({ inviteDeclineCooldownMs: 0 }, async (port) => {
    const [gil, hal] = await loginUsers(port, 'gil', 'hal');
    const id = await createRoom(gil, 'Porch', 'private');
    assert.equal((await gil.ask('room_invite', { room: id, username: 'hal' })).response, 'info');
    assert.equal((await hal.ask('room_decline', { room: id })).response, 'info');
    const again = await gil.ask('room_invite', { room: id, username: 'hal' });
    assert.deepEqual([again.response, again.content], ['info', 'Invited hal to Porch']);
    await join(hal, id);
    await Promise.all([gil.close(), hal.close()]);
  }));

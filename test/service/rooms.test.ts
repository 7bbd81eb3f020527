// Rooms through the service, as the window drives them, against the real server on loopback: the rooms the
// user is in (AppState.rooms and `rooms` events), messages, history and unread per `#n`, muted rooms,
// moderation as the target sees it, member events, tombstones, resume after a drop, and group conversations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SETTINGS_FILE } from '../../src-main/service/settings';
import type { Result, RoomSummary } from '../../src-shared/ipc';
import { CuttableProxy, waitFor } from '../client/support';
import {
  befriend,
  failure,
  makeService,
  PASSWORD,
  sharedRoom,
  signedIn,
  type TestService,
  unwrap,
} from './support';

const srv = sharedRoom({ roomName: 'Home' });

const user = (name: string, port = srv.port, s = makeService()) => signedIn(port, name, { service: s });

const acked = (s: TestService, conversation: string) =>
  s.events.message.filter((m) => m.conversation === conversation && !m.pending && m.failed === null);
/** What people said there (not the room's own notices). */
const texts = (s: TestService, conversation: string) =>
  acked(s, conversation)
    .filter((m) => m.notice === undefined)
    .map((m) => m.text);
const listed = (s: TestService, id: string) => s.events.rooms.at(-1)?.rooms.find((r) => r.id === id);

async function say(s: TestService, conversation: string, text: string): Promise<number> {
  const { cid } = unwrap(await s.service.send({ conversation, text }));
  await waitFor(`"${text}" acked`, () => s.events.message.some((m) => m.cid === cid && !m.pending));
  const stored = s.events.message.find((m) => m.cid === cid && !m.pending);
  assert.equal(stored?.failed, null, `"${text}" was refused: ${stored?.failed}`);
  return stored?.id as number;
}

/** `owner` makes a public room and each of `others` joins it. */
async function roomWith(owner: TestService, name: string, ...others: TestService[]): Promise<RoomSummary> {
  const room = unwrap(await owner.service.createRoom({ name, topic: '', visibility: 'public' }));
  for (const other of others) unwrap(await other.service.joinRoom(room.id));
  return room;
}

describe('rooms through the service', () => {
  test('a public room: created, listed, browsed, joined; its messages reach its members only, and its history', async () => {
    const [ada, bo, cy] = [await user('ada'), await user('bo'), await user('cy')];
    const initial = await ada.service.getState();
    assert.deepEqual(
      initial.rooms.rooms.map((r) => [r.id, r.name, r.kind]),
      [['room', 'Home', 'default']],
      'the login answer lists the default room',
    );
    const room = unwrap(
      await ada.service.createRoom({ name: ' Book club ', topic: 'novels', visibility: 'public' }),
    );
    assert.match(room.id, /^#\d+$/);
    assert.deepEqual(
      [room.name, room.topic, room.role, room.kind],
      ['Book club', 'novels', 'owner', 'public'],
    );
    assert.deepEqual(
      (await ada.service.getState()).rooms.rooms.map((r) => r.id),
      ['room', room.id],
    );
    assert.equal(listed(ada, room.id)?.role, 'owner', 'the window was told at once');

    const browsed = unwrap(await bo.service.browseRooms()).find((r) => r.id === room.id);
    assert.deepEqual([browsed?.name, browsed?.role], ['Book club', null]);
    assert.equal(listed(bo, room.id), undefined, 'browsing does not join');
    const joined = unwrap(await bo.service.joinRoom(room.id));
    assert.deepEqual([joined.role, joined.members], ['member', 2]);
    assert.equal(listed(bo, room.id)?.role, 'member');
    await waitFor('ada to see bo join', () =>
      ada.events.member.some((m) => m.room === room.id && m.username === 'bo' && m.member?.role === 'member'),
    );

    const id = await say(ada, room.id, 'first chapter');
    await waitFor('bo to receive it in the room', () => texts(bo, room.id).includes('first chapter'));
    const got = acked(bo, room.id).find((m) => m.id === id);
    assert.deepEqual([got?.sender, got?.own, got?.notice], ['ada', false, undefined]);
    assert.equal(acked(ada, room.id).find((m) => m.id === id)?.own, true);
    // A message in the default room after it: once cy has that one, she would have had the first.
    const later = await say(ada, 'room', 'back in the main room');
    await waitFor('cy to get the default-room message', () => cy.events.message.some((m) => m.id === later));
    assert.equal(
      cy.events.message.some((m) => m.conversation === room.id),
      false,
      'not a member: nothing of the room',
    );
    assert.equal(bo.events.message.find((m) => m.id === later)?.conversation, 'room');

    const page = unwrap(await bo.service.loadHistory({ conversation: room.id }));
    assert.equal(page.conversation, room.id);
    assert.deepEqual(
      page.messages.map((m) => [m.conversation, m.sender, m.text, m.notice]),
      [
        [room.id, 'server', 'ada created the room', 'membership'],
        [room.id, 'server', 'bo joined', 'membership'],
        [room.id, 'ada', 'first chapter', undefined],
      ],
    );
    // docs/protocol.md § Authorization: a public room's existence is no secret, its messages are.
    assert.equal(failure(await cy.service.loadHistory({ conversation: room.id })).code, 'not_allowed');
    const { cid } = unwrap(await cy.service.send({ conversation: room.id, text: 'let me in' }));
    await waitFor('the refusal', () => cy.events.message.some((m) => m.cid === cid && m.failed !== null));
  });

  test('a private room is hidden until an invite; the invite is listed and joining uses it up; leaving', async () => {
    const [dee, eve] = [await user('dee'), await user('eve')];
    const eveElsewhere = makeService();
    unwrap(await eveElsewhere.service.connect({ host: '127.0.0.1', port: srv.port }));
    unwrap(await eveElsewhere.service.login({ username: 'eve', password: PASSWORD }));
    const room = unwrap(await dee.service.createRoom({ name: 'Secret', topic: '', visibility: 'private' }));
    assert.equal(failure(await eve.service.joinRoom(room.id)).code, 'not_found');
    assert.equal(
      unwrap(await eve.service.browseRooms()).some((r) => r.id === room.id),
      false,
    );
    unwrap(await dee.service.inviteToRoom({ room: room.id, username: 'eve' }));
    await waitFor(
      'the invite',
      () => eve.events.rooms.at(-1)?.invites.some((i) => i.id === room.id) === true,
    );
    const invite = (await eve.service.getState()).rooms.invites.find((i) => i.id === room.id);
    assert.deepEqual([invite?.name, invite?.from, invite?.role], ['Secret', 'dee', null]);
    assert.equal(unwrap(await eve.service.joinRoom(room.id)).role, 'member');
    const after = (await eve.service.getState()).rooms;
    assert.deepEqual(after.invites, [], 'joining uses the invite up');
    assert.ok(after.rooms.some((r) => r.id === room.id));
    await waitFor(
      'eve on her other computer to be in it too',
      () => listed(eveElsewhere, room.id) !== undefined,
    );

    unwrap(await eve.service.leaveRoom(room.id));
    assert.equal(listed(eve, room.id), undefined);
    assert.equal(eve.events.roomRemoved.length, 0, 'leaving here is not news here');
    await waitFor('the other computer to be told', () => eveElsewhere.events.roomRemoved.length === 1);
    assert.deepEqual(eveElsewhere.events.roomRemoved[0], { room: room.id, reason: 'left', by: null });
    assert.equal(listed(eveElsewhere, room.id), undefined);
    await waitFor('dee to see eve go', () =>
      dee.events.member.some((m) => m.room === room.id && m.username === 'eve' && m.member === null),
    );
    assert.equal(failure(await eve.service.leaveRoom('room')).code, 'not_allowed');
    assert.equal(failure(await eve.service.joinRoom(room.id)).code, 'not_found', 'the invite was used up');

    const other = unwrap(await dee.service.createRoom({ name: 'Other', topic: '', visibility: 'private' }));
    unwrap(await dee.service.inviteToRoom({ room: other.id, username: 'eve' }));
    await waitFor('the invite on both computers', () =>
      [eve, eveElsewhere].every((s) => s.events.rooms.at(-1)?.invites.some((i) => i.id === other.id)),
    );
    unwrap(await eve.service.declineInvite(other.id));
    assert.deepEqual((await eve.service.getState()).rooms.invites, [], 'declined: gone here at once');
    await waitFor(
      'the other computer to drop it',
      () => eveElsewhere.events.rooms.at(-1)?.invites.length === 0,
    );
    assert.equal(
      failure(await dee.service.inviteToRoom({ room: other.id, username: 'eve' })).code,
      'throttled',
    );
  });

  test('unread per room; a muted room notifies nobody and stays out of the tray total, also after a restart', async () => {
    const [fay, gus] = [await user('fay'), await user('gus')];
    const room = await roomWith(fay, 'Garden', gus);
    unwrap(await gus.service.setActiveConversation('room'));
    gus.service.setWindowFocused(false);
    await say(fay, room.id, 'roses @gus');
    await waitFor('gus to count it', () => gus.events.unread.at(-1)?.byConversation[room.id] === 1);
    assert.equal(gus.events.unread.at(-1)?.total, 1);
    assert.deepEqual(gus.notifications, [
      { title: 'fay in Garden', body: 'roses @gus', conversation: room.id },
    ]);
    await say(fay, room.id, 'tulips, no mention');
    await waitFor('two unread', () => gus.events.unread.at(-1)?.byConversation[room.id] === 2);
    assert.equal(gus.notifications.length, 1, 'no mention: no notification');

    unwrap(await gus.service.setRoomMuted({ room: room.id, muted: true }));
    assert.deepEqual(gus.events.mutedRooms.at(-1), [room.id]);
    assert.deepEqual(gus.events.unread.at(-1), {
      total: 0,
      byConversation: { [room.id]: 2 },
      mentions: { [room.id]: 1 },
    });
    await say(fay, room.id, 'more roses @gus');
    await waitFor('three unread', () => gus.events.unread.at(-1)?.byConversation[room.id] === 3);
    assert.equal(gus.events.unread.at(-1)?.total, 0, 'muted: not in the tray total');
    assert.equal(gus.notifications.length, 1, 'muted: no notification');
    await say(fay, 'room', 'main room @gus');
    await waitFor('the default room counted', () => gus.events.unread.at(-1)?.total === 1);
    assert.equal(gus.notifications.length, 2);

    await gus.service.dispose();
    const saved = JSON.parse(readFileSync(join(gus.dataDir, SETTINGS_FILE), 'utf8'));
    assert.deepEqual(saved.mutedRooms, { [`127.0.0.1:${srv.port}`]: [room.id] });
    const again = makeService(gus.dataDir);
    assert.deepEqual((await again.service.getState()).mutedRooms, [], 'not connected: no server, no mutes');
    unwrap(await again.service.connect({ host: '127.0.0.1', port: srv.port }));
    assert.deepEqual((await again.service.getState()).mutedRooms, [room.id], 'remembered for this server');
    unwrap(await again.service.login({ username: 'gus', password: PASSWORD }));
    assert.ok((await again.service.getState()).rooms.rooms.some((r) => r.id === room.id));
    again.service.setWindowFocused(false);
    // A fresh login counts from the account's markers: the three said in Garden since gus joined it, and
    // the default room's "main room @gus", as the device before counted them.
    await waitFor('Garden caught up', () => again.events.unread.at(-1)?.byConversation[room.id] === 3);
    assert.equal(again.events.unread.at(-1)?.mentions[room.id], 2);
    assert.equal(again.events.unread.at(-1)?.byConversation.room, 1);
    await say(fay, room.id, 'still muted @gus?');
    await waitFor('counted', () => again.events.unread.at(-1)?.byConversation[room.id] === 4);
    assert.deepEqual([again.events.unread.at(-1)?.total, again.notifications.length], [1, 0]);
    unwrap(await again.service.setRoomMuted({ room: room.id, muted: false }));
    assert.deepEqual(again.events.mutedRooms.at(-1), []);
    assert.equal(again.events.unread.at(-1)?.total, 5, 'unmuted: back in the total');
  });

  test('moderation: remove and ban reach the target as roomRemoved; roles, mutes and renames as events', async () => {
    const [hal, ivy, jon] = [await user('hal'), await user('ivy'), await user('jon')];
    const room = await roomWith(hal, 'Quiet', ivy, jon);
    unwrap(await hal.service.moderate({ room: room.id, username: 'ivy', action: 'remove' }));
    await waitFor('ivy to be told', () => ivy.events.roomRemoved.length === 1);
    assert.deepEqual(ivy.events.roomRemoved[0], { room: room.id, reason: 'removed', by: 'hal' });
    assert.equal(listed(ivy, room.id), undefined);
    await waitFor('hal to see ivy go', () =>
      hal.events.member.some((m) => m.username === 'ivy' && m.member === null),
    );
    unwrap(await ivy.service.joinRoom(room.id));
    unwrap(await hal.service.moderate({ room: room.id, username: 'ivy', action: 'ban' }));
    await waitFor('ivy to be banned', () => ivy.events.roomRemoved.length === 2);
    assert.deepEqual(ivy.events.roomRemoved[1], { room: room.id, reason: 'banned', by: 'hal' });
    assert.equal(failure(await ivy.service.joinRoom(room.id)).code, 'banned');
    assert.equal(failure(await ivy.service.loadHistory({ conversation: room.id })).code, 'banned');

    unwrap(await hal.service.moderate({ room: room.id, username: 'jon', action: 'mute', minutes: 10 }));
    await waitFor('jon to see his mute', () =>
      jon.events.member.some((m) => m.username === 'jon' && m.member?.mutedUntil),
    );
    assert.ok(listed(jon, room.id)?.mutedUntil, 'his own rooms list says he is muted');
    const { cid } = unwrap(await jon.service.send({ conversation: room.id, text: 'can I talk?' }));
    await waitFor('the refusal', () => jon.events.message.some((m) => m.cid === cid && m.failed !== null));
    assert.match(jon.events.message.find((m) => m.cid === cid && m.failed)?.failed ?? '', /muted/);
    assert.equal(
      failure(await jon.service.moderate({ room: room.id, username: 'hal', action: 'remove' })).code,
      'not_allowed',
    );
    assert.equal(
      failure(await hal.service.moderate({ room: room.id, username: 'jon', action: 'mute', minutes: 0 }))
        .code,
      'invalid',
    );
    unwrap(await hal.service.moderate({ room: room.id, username: 'jon', action: 'unmute' }));
    await waitFor('his list to say unmuted', () => listed(jon, room.id)?.mutedUntil === null);
    unwrap(await hal.service.setRoomRole({ room: room.id, username: 'jon', role: 'moderator' }));
    await waitFor('jon to be a moderator in his list', () => listed(jon, room.id)?.role === 'moderator');
    const members = unwrap(await jon.service.roomMembers(room.id));
    assert.deepEqual(
      members.map((m) => [m.username, m.role, m.online]),
      [
        ['hal', 'owner', true],
        ['jon', 'moderator', true],
      ],
    );
    const renamed = unwrap(await jon.service.updateRoom({ room: room.id, name: 'Loud', topic: 'anything' }));
    assert.deepEqual([renamed.name, renamed.topic], ['Loud', 'anything']);
    await waitFor('hal to see the new name', () => listed(hal, room.id)?.name === 'Loud');
    assert.equal(
      failure(await jon.service.updateRoom({ room: room.id, archived: true })).code,
      'not_allowed',
    );
    await waitFor('the notices in the room', () =>
      acked(hal, room.id).some((m) => m.notice === 'moderation' && /renamed the room to Loud/.test(m.text)),
    );
  });

  test('deleteMessage: a tombstone on both sides, in rooms and direct messages; only the sender or a moderator', async () => {
    const [kim, lou] = [await user('kim'), await user('lou')];
    const room = await roomWith(kim, 'Drafts', lou);
    const id = await say(lou, room.id, 'oops, wrong room');
    await waitFor('kim to get it', () => texts(kim, room.id).includes('oops, wrong room'));
    assert.equal(failure(await lou.service.deleteMessage(0)).code, 'invalid');
    const kept = await say(kim, room.id, 'the owner speaks');
    assert.equal(failure(await lou.service.deleteMessage(kept)).code, 'not_allowed');
    unwrap(await lou.service.deleteMessage(id));
    for (const s of [kim, lou]) {
      await waitFor('the tombstone', () => s.events.messageDeleted.some((d) => d.id === id));
      assert.deepEqual(s.events.messageDeleted.at(-1), { conversation: room.id, id });
    }
    const page = unwrap(await kim.service.loadHistory({ conversation: room.id }));
    const tombstone = page.messages.find((m) => m.id === id);
    assert.deepEqual([tombstone?.deleted, tombstone?.text], [true, '']);

    await befriend(kim, 'kim', lou, 'lou');
    const dm = await say(kim, '@lou', 'just between us');
    await waitFor('lou to get the DM', () => texts(lou, '@kim').includes('just between us'));
    unwrap(await kim.service.deleteMessage(dm));
    await waitFor('both tombstones', () =>
      [kim, lou].every((s) => s.events.messageDeleted.some((d) => d.id === dm)),
    );
    assert.deepEqual(kim.events.messageDeleted.at(-1), { conversation: '@lou', id: dm });
    assert.deepEqual(lou.events.messageDeleted.at(-1), { conversation: '@kim', id: dm });
  });

  test('a dropped link: messages in #n said meanwhile arrive once and in order, and a send made meanwhile goes out', async () => {
    const proxy = new CuttableProxy(srv.port);
    const port = await proxy.start();
    try {
      const mia = await user('mia');
      const ned = await user('ned', port);
      const room = await roomWith(mia, 'Relay', ned);
      await say(mia, room.id, 'before the drop');
      await waitFor('ned to have it', () => texts(ned, room.id).includes('before the drop'));
      await proxy.refuse();
      await waitFor('ned reconnecting', () => ned.events.connection.at(-1)?.state === 'reconnecting');
      const { cid } = unwrap(await ned.service.send({ conversation: room.id, text: 'written offline' }));
      for (const text of ['one', 'two', 'three']) await say(mia, room.id, text);
      // Its push is lost with the link; the re-login's answer has the room as it is now.
      unwrap(await mia.service.updateRoom({ room: room.id, topic: 'changed while ned was away' }));
      await proxy.accept();
      await waitFor('ned to catch up', () => texts(ned, room.id).includes('three'), 15_000);
      await waitFor("ned's send acked", () => ned.events.message.some((m) => m.cid === cid && !m.pending));
      await waitFor('mia to get it', () => texts(mia, room.id).includes('written offline'));
      const got = texts(ned, room.id).filter((t) => t !== 'written offline');
      assert.deepEqual(got, ['before the drop', 'one', 'two', 'three'], 'each once, in order');
      assert.equal(ned.events.session.filter((s) => s === null).length, 0, 'the session went on');
      await waitFor(
        'the rooms as they are now',
        () => listed(ned, room.id)?.topic === 'changed while ned was away',
      );
    } finally {
      await proxy.close();
    }
  });

  test('a group with two friends: everyone is in it, and each message notifies like a direct message', async () => {
    const [oz, pia, quin, rex] = [await user('oz'), await user('pia'), await user('quin'), await user('rex')];
    await befriend(oz, 'oz', pia, 'pia');
    await befriend(oz, 'oz', quin, 'quin');
    assert.equal(failure(await oz.service.createGroup(['pia'])).code, 'invalid');
    assert.equal(failure(await oz.service.createGroup(['pia', 'PIA'])).code, 'invalid');
    assert.equal(failure(await oz.service.createGroup(['pia', 'rex'])).code, 'not_allowed');
    const group = unwrap(await oz.service.createGroup(['pia', 'quin']));
    assert.deepEqual(
      [group.kind, group.name, [...(group.people ?? [])].sort()],
      ['group', '', ['oz', 'pia', 'quin']],
    );
    for (const s of [pia, quin])
      await waitFor('the group pushed', () => listed(s, group.id)?.kind === 'group');
    assert.equal(listed(rex, group.id), undefined);
    quin.service.setWindowFocused(false);
    await say(pia, group.id, 'dinner at eight?');
    await waitFor('oz to get it', () => texts(oz, group.id).includes('dinner at eight?'));
    await waitFor('quin notified', () => quin.notifications.length === 1);
    const [note] = quin.notifications;
    assert.deepEqual([note?.body, note?.conversation], ['dinner at eight?', group.id]);
    assert.match(note?.title ?? '', /^pia in (oz, pia|pia, oz)$/, 'named after the others in it');
    assert.equal(
      failure(await oz.service.inviteToRoom({ room: group.id, username: 'rex' })).code,
      'not_allowed',
    );
  });

  test("a room's member count follows joins and leaves, and the default room's follows who is logged in", async () => {
    const [tam, uma] = [await user('tam'), await user('uma')];
    const room = await roomWith(tam, 'Count me');
    const members = (s: TestService, id: string) => listed(s, id)?.members;
    assert.equal(members(tam, room.id), 1);
    unwrap(await uma.service.joinRoom(room.id));
    await waitFor('tam to count uma in', () => members(tam, room.id) === 2);
    unwrap(await uma.service.leaveRoom(room.id));
    await waitFor('tam to count uma out', () => members(tam, room.id) === 1);

    // Join notices are gathered for a moment before they go out: count from the one of uma's login.
    await waitFor('tam to hear uma arrive', () => tam.events.notice.some((n) => n.text === 'uma joined'));
    const before = members(tam, 'room') as number;
    const vic = await user('vic');
    await waitFor('one more in the default room', () => members(tam, 'room') === before + 1);
    unwrap(await vic.service.logout());
    await waitFor('and one fewer', () => members(tam, 'room') === before);
  });

  test('bad room input gets a sentence before it reaches the room', async () => {
    const sam = await user('sam');
    for (const [call, arg, pattern] of [
      ['joinRoom', 'lobby', /room" or "#<number>/],
      ['joinRoom', '#0', /room" or "#<number>/],
      ['createRoom', { name: '  ', topic: '', visibility: 'public' }, /name/],
      ['createRoom', { name: 'x'.repeat(65), topic: '', visibility: 'public' }, /at most 64/],
      ['createRoom', { name: 'ok', topic: '', visibility: 'secret' }, /public or private/],
      ['updateRoom', { room: '#2' }, /nothing to change/],
      ['setRoomMuted', { room: '@sam', muted: true }, /room/],
    ] as const) {
      const service = sam.service as unknown as Record<string, (a: unknown) => Promise<Result>>;
      const answer = failure(await (service[call] as (a: unknown) => Promise<Result>).call(sam.service, arg));
      assert.equal(answer.code, 'invalid', `${call}(${JSON.stringify(arg)})`);
      assert.match(answer.error, pattern, `${call}(${JSON.stringify(arg)})`);
    }
  });
});

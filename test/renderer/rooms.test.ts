// The renderer's room rules as pure functions: list order, titles, which actions each role is offered,
// when the composer closes, tombstones, and what the default room says after a removal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationTitle, roomTitle } from '../../src-renderer/chat/conversation-title';
import { addMessage, EMPTY_TIMELINE, markDeleted } from '../../src-renderer/conversations/timeline';
import { canDelete, memberActions, postingBlock, settingsAccess } from '../../src-renderer/rooms/permissions';
import { removalText } from '../../src-renderer/rooms/removal-text';
import { orderRooms } from '../../src-renderer/rooms/room-order';
import type { ChatMessage, RoomMember, RoomSummary } from '../../src-shared/ipc';

function room(id: string, name: string, extra: Partial<RoomSummary> = {}): RoomSummary {
  return {
    id,
    name,
    topic: '',
    kind: id === 'room' ? 'default' : 'public',
    role: 'member',
    members: 3,
    readOnly: false,
    archived: false,
    guests: id === 'room',
    lastId: 0,
    mutedUntil: null,
    ...extra,
  };
}

function member(
  username: string,
  role: RoomMember['role'] = 'member',
  extra: Partial<RoomMember> = {},
): RoomMember {
  return { username, role, online: true, guest: false, mutedUntil: null, ...extra };
}

test('the default room comes first, then rooms in natural order; groups apart, by their people', () => {
  const rooms = [
    room('#4', 'room 10'),
    room('#2', 'Book club'),
    room('#9', '', { kind: 'group', people: ['ana', 'zoe', 'bob'] }),
    room('room', 'Zebra house'),
    room('#3', 'Room 2'),
    room('#8', '', { kind: 'group', people: ['ana', 'cara', 'dan'] }),
  ];
  const ordered = orderRooms(rooms, 'ana');
  assert.deepEqual(
    ordered.rooms.map((r) => r.id),
    ['room', '#2', '#3', '#4'],
  );
  assert.deepEqual(
    ordered.groups.map((g) => roomTitle(g, 'ana')),
    ['bob, zoe', 'cara, dan'],
  );
  assert.equal(conversationTitle('#2', rooms, 'ana'), 'Book club');
  assert.equal(conversationTitle('@bob', rooms, 'ana'), 'bob');
});

test('owners may do everything to others; moderators act on plain members only; nobody on themself', () => {
  const owned = room('#2', 'Book club', { role: 'owner' });
  const labels = (r: RoomSummary, m: RoomMember) => memberActions(r, m, 'ana').map((a) => a.label);
  assert.deepEqual(labels(owned, member('bob')), [
    'Make moderator',
    'Mute for 10 minutes',
    'Mute for 1 hour',
    'Mute for 1 day',
    'Remove from the room',
    'Ban from the room',
  ]);
  assert.equal(labels(owned, member('bob', 'moderator'))[0], 'Make member');
  assert.deepEqual(labels(owned, member('ana', 'owner')), []);
  assert.ok(
    labels(owned, member('bob', 'member', { mutedUntil: '2099-01-01T00:00:00Z' })).includes('Unmute'),
  );

  const moderated = room('#2', 'Book club', { role: 'moderator' });
  assert.ok(labels(moderated, member('cara')).includes('Ban from the room'));
  assert.ok(!labels(moderated, member('cara')).includes('Make moderator'));
  assert.deepEqual(labels(moderated, member('dan', 'moderator')), []);
  assert.deepEqual(labels(moderated, member('ana', 'owner')), []);
  // A guest: no role, no ban (no account); a mute only in the default room.
  assert.deepEqual(labels(owned, member('gus', 'member', { guest: true })), ['Remove from the room']);
  const main = room('room', 'Home', { kind: 'default', role: 'owner' });
  assert.deepEqual(labels(main, member('gus', 'member', { guest: true })), [
    'Mute for 10 minutes',
    'Mute for 1 hour',
    'Mute for 1 day',
    'Remove from the server',
  ]);
  assert.deepEqual(labels(room('#2', 'Book club'), member('cara')), [], 'members moderate nobody');
  assert.deepEqual(labels(room('#5', '', { kind: 'group', role: 'owner' }), member('cara')), []);
  assert.ok(
    !labels(room('room', 'Main', { role: 'owner' }), member('visitor', 'member', { guest: true })).includes(
      'Make moderator',
    ),
    'a guest cannot be made moderator',
  );
});

test('settings, deleting and posting follow the role', () => {
  assert.deepEqual(settingsAccess(room('#2', 'B', { role: 'owner' })), {
    edit: true,
    own: true,
    leave: true,
  });
  assert.deepEqual(settingsAccess(room('#2', 'B', { role: 'moderator' })), {
    edit: true,
    own: false,
    leave: true,
  });
  assert.deepEqual(settingsAccess(room('#2', 'B')), { edit: false, own: false, leave: true });
  assert.deepEqual(settingsAccess(room('room', 'M', { role: 'owner' })), {
    edit: true,
    own: false,
    leave: false,
  });

  assert.equal(canDelete(true, undefined), true, 'your own direct message');
  assert.equal(canDelete(false, undefined), false);
  assert.equal(canDelete(false, room('#2', 'B')), false);
  assert.equal(canDelete(false, room('#2', 'B', { role: 'moderator' })), true);

  const now = Date.parse('2026-12-03T10:00:00Z');
  assert.equal(postingBlock(room('#2', 'B', { readOnly: true }), now), 'Only moderators can post here.');
  assert.equal(postingBlock(room('#2', 'B', { readOnly: true, role: 'moderator' }), now), null);
  assert.match(
    postingBlock(room('#2', 'B', { mutedUntil: '2026-12-03T10:10:00Z' }), now) ?? '',
    /^You are muted until .*10:10/,
  );
  assert.equal(
    postingBlock(room('#2', 'B', { mutedUntil: '2026-12-03T09:59:00Z' }), now),
    null,
    'a mute ends',
  );
});

test('a deleted message keeps its place as a tombstone without its text', () => {
  const message = (id: number, text: string): ChatMessage => ({
    id,
    cid: null,
    conversation: '#2',
    sender: 'bob',
    text,
    timestamp: '2026-12-03T10:00:00Z',
    own: false,
    pending: false,
    failed: null,
  });
  const timeline = addMessage(addMessage(EMPTY_TIMELINE, message(1, 'one')), message(2, 'two'));
  const after = markDeleted(timeline, 1);
  const first = after.items[0];
  assert.ok(first?.kind === 'message');
  assert.equal(first.message.deleted, true);
  assert.equal(first.message.text, '');
  assert.equal(after.items.length, 2);
  assert.equal(markDeleted(after, 1), after, 'deleting twice changes nothing');
  assert.equal(markDeleted(after, 99), after, 'an unknown id changes nothing');
});

test('the default room says who removed or banned you, and from where', () => {
  assert.equal(
    removalText({ room: '#2', reason: 'removed', by: 'ana' }, 'Book club'),
    'ana removed you from Book club.',
  );
  assert.equal(
    removalText({ room: '#2', reason: 'banned', by: 'bob' }, 'Book club'),
    'bob banned you from Book club.',
  );
  assert.equal(
    removalText({ room: '#2', reason: 'banned', by: null }, 'Book club'),
    'You were banned from Book club.',
  );
  assert.equal(removalText({ room: '#2', reason: 'left', by: null }, 'Book club'), 'You left Book club.');
});

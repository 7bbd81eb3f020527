// The service's small rules: when a message mentions the user, which conversation a message belongs to, when a
// message is unread, and how input from the window is checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationOf, mentionsUser, toChatMessage } from '../../src-main/service/chat-mapping';
import { check, hostOptionsInput, serverAddressInput } from '../../src-main/service/inputs';
import { UnreadCounter } from '../../src-main/service/unread-counter';

test('a message mentions the user when the room says so: by name in any case, or @room; never their own', () => {
  const said = {
    timestamp: 't',
    sender: 'bob',
    response: 'message' as const,
    content: 'hey @Ann',
    id: 1,
    conv: 'room' as const,
  };
  assert.equal(mentionsUser({ mentions: ['Ann'] }, 'ann'), true);
  assert.equal(mentionsUser({ mentions: ['ann_b'] }, 'ann'), false, 'another name that starts the same');
  assert.equal(mentionsUser({ mentionsRoom: true }, 'ann'), true);
  assert.equal(mentionsUser({}, 'ann'), false, 'the text alone is not a mention: the room decides');
  assert.equal(toChatMessage({ ...said, mentions: ['Ann'] }, 'ann').mentionsMe, true);
  assert.equal(toChatMessage(said, 'ann').mentionsMe, undefined, '@Ann in text the room did not mark');
  assert.equal(toChatMessage({ ...said, mentionsRoom: true }, 'BOB').mentionsMe, undefined, 'not by myself');
});

test('direct messages belong to the conversation with the other person, on both sides', () => {
  const dm = {
    timestamp: 't',
    sender: 'Bob',
    response: 'message' as const,
    content: 'x',
    id: 1,
    conv: 'dm' as const,
    to: 'ann',
  };
  assert.equal(conversationOf(dm, 'ann'), '@Bob');
  assert.equal(conversationOf(dm, 'bob'), '@ann');
  assert.equal(conversationOf({ ...dm, conv: 'room', to: undefined }, 'ann'), 'room');
  assert.equal(toChatMessage(dm, 'BOB').own, true, 'names are compared without case');
});

test('unread counts everything but the conversation on screen while the window has focus', () => {
  const unread = new UnreadCounter();
  unread.setActive('room');
  assert.equal(unread.add('room', 1), false);
  assert.equal(unread.add('@bob', 2), true);
  assert.equal(unread.add('@bob', 2), false, 'a message counts once');
  unread.setFocused(false);
  assert.equal(unread.add('room', 3, true), true, 'away from the window, the open conversation counts too');
  assert.deepEqual(unread.snapshot(), {
    total: 2,
    byConversation: { '@bob': 1, room: 1 },
    mentions: { room: 1 },
  });
  assert.equal(unread.setFocused(true), true, 'coming back reads the open conversation');
  assert.deepEqual(unread.snapshot(), { total: 1, byConversation: { '@bob': 1 }, mentions: {} });
  assert.equal(unread.setActive(null), false);
  assert.equal(unread.setActive('@bob'), true);
  assert.deepEqual(unread.snapshot(), { total: 0, byConversation: {}, mentions: {} });
});

test('server addresses: host names, IPv4 and IPv6; ports typed as text are fine', () => {
  const ok = (host: string, port: unknown) => check(serverAddressInput, { host, port });
  assert.deepEqual(ok(' example.org ', '5555'), { ok: true, value: { host: 'example.org', port: 5555 } });
  assert.deepEqual(ok('[::1]', 80), { ok: true, value: { host: '::1', port: 80 } });
  assert.equal(ok('192.168.1.20', 5555).ok, true);
  assert.equal(ok('fe80::1%eth0', 5555).ok, true);
  assert.equal(ok('localhost', 65535).ok, true);
  for (const [host, port] of [
    ['localhost', 0],
    ['localhost', 65536],
    ['localhost', '55a'],
    ['a b', 5555],
    ['-leading.dash', 5555],
    ['x'.repeat(300), 5555],
  ] as const) {
    assert.equal(ok(host, port).ok, false, `${host}:${port}`);
  }
  assert.equal(
    check(hostOptionsInput, { port: 0, allowGuests: true }).ok,
    true,
    'hosting may pick any free port',
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderConversations } from '../../src-renderer/chat/conversation-order';
import { naturalCompare } from '../../src-renderer/format/natural-order';
import { asSentence } from '../../src-renderer/format/sentence';
import { waitFromSentence } from '../../src-renderer/format/throttle-wait';

test('a sentence is capitalised and ends with a full stop', () => {
  assert.equal(asSentence('connection refused'), 'Connection refused.');
  assert.equal(asSentence('  Done!  '), 'Done!');
  assert.equal(asSentence(''), '');
});

test('a sentence that starts with a username keeps the name as it is spelt', () => {
  assert.equal(asSentence('bob is already your friend', ['bob']), 'bob is already your friend.');
  assert.equal(asSentence('bob is already your friend', ['Bob']), 'bob is already your friend.');
  assert.equal(asSentence('bobby is here', ['bob']), 'Bobby is here.', 'only the whole first word counts');
  assert.equal(asSentence('friend_1 is offline', ['friend_1']), 'friend_1 is offline.');
});

test('names sort in natural order, regardless of case', () => {
  const names = ['friend_10', 'friend_2', 'Friend_1', 'friend_11', 'bob', 'Alice'];
  assert.deepEqual([...names].sort(naturalCompare), [
    'Alice',
    'bob',
    'Friend_1',
    'friend_2',
    'friend_10',
    'friend_11',
  ]);
});

test('the room comes first, then direct conversations by their latest message, then the rest by name', () => {
  const order = orderConversations(['@friend_10', '@carol', '@friend_2', '@bob', 'room', '@bob'], {
    '@carol': '2026-12-02T10:00:00.000Z',
    '@bob': '2026-12-02T11:00:00.000Z',
  });
  assert.deepEqual(order, ['room', '@bob', '@carol', '@friend_2', '@friend_10']);
});

test("the wait in a throttled answer is read from the room's sentence", () => {
  assert.equal(waitFromSentence('too many failed logins: try again in 4 s'), 4000);
  assert.equal(waitFromSentence('too many failed logins: try again in 300 s'), 300_000);
  assert.equal(waitFromSentence('wrong username or password'), null);
});

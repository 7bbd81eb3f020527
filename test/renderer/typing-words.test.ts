// The words under the timeline: who is typing, and when "Seen" shows in a direct conversation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seenLast, typingText } from '../../src-renderer/chat/typing-words';
import { addMessage, EMPTY_TIMELINE } from '../../src-renderer/conversations/timeline';
import type { ChatMessage } from '../../src-shared/ipc';

test('one, two or several people typing', () => {
  assert.equal(typingText([]), '');
  assert.equal(typingText(['ana']), 'ana is typing…');
  assert.equal(typingText(['ana', 'bob']), 'ana and bob are typing…');
  assert.equal(typingText(['ana', 'bob', 'cy']), 'Several people are typing…');
});

function message(id: number | null, own: boolean): ChatMessage {
  return {
    id,
    cid: own ? `c${id}` : null,
    conversation: '@bob',
    sender: own ? 'ana' : 'bob',
    text: `m${id}`,
    timestamp: '2026-12-03T10:00:00.000Z',
    own,
    pending: id === null,
    failed: null,
  };
}

test('"Seen" when the friend read the newest message and it is mine', () => {
  const mine = [message(1, false), message(2, true), message(3, true)].reduce(addMessage, EMPTY_TIMELINE);
  assert.equal(seenLast(mine, undefined), false, 'nothing seen');
  assert.equal(seenLast(mine, 2), false, 'read only the one before');
  assert.equal(seenLast(mine, 3), true);
  assert.equal(seenLast(addMessage(mine, message(4, false)), 4), false, 'their reply says it anyway');
  assert.equal(seenLast(addMessage(mine, message(null, true)), 3), false, 'a send not stored yet');
});

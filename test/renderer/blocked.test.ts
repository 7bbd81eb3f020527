// Hiding blocked people's room messages when a timeline is shown (src-renderer/conversations/blocked.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutBlocked } from '../../src-renderer/conversations/blocked';
import {
  addMessage,
  addNotice,
  EMPTY_TIMELINE,
  type Timeline,
} from '../../src-renderer/conversations/timeline';
import type { ChatMessage } from '../../src-shared/ipc';

function msg(id: number, sender: string, conversation: ChatMessage['conversation'] = 'room'): ChatMessage {
  return {
    id,
    cid: null,
    conversation,
    sender,
    text: `${sender} ${id}`,
    timestamp: '2026-11-22T10:00:00.000Z',
    own: false,
    pending: false,
    failed: null,
  };
}

const shown = (t: Timeline) => t.items.map((i) => (i.kind === 'message' ? i.message.text : i.key));

test("the room hides blocked senders' messages in any letter case; notices and others stay", () => {
  let room = addMessage(addMessage(EMPTY_TIMELINE, msg(1, 'Mallory')), msg(2, 'bob'));
  room = addNotice(
    room,
    {
      conversation: 'room',
      kind: 'info',
      text: 'the server restarted',
      timestamp: '2026-11-22T10:00:01.000Z',
    },
    1,
  );
  room = addMessage(room, msg(3, 'mallory'));
  const hidden = withoutBlocked(room, 'room', ['MALLORY']);
  assert.equal(shown(hidden).length, 2);
  assert.equal(shown(hidden)[0], 'bob 2');
  assert.equal(hidden.items.length, room.items.length - 2, 'only the two messages went');
  assert.equal(withoutBlocked(room, 'room', []), room, 'nobody blocked: the same object');
  assert.equal(withoutBlocked(room, 'room', ['carol']), room, 'nothing to hide: the same object');
});

test('a direct conversation is left alone (a blocked person cannot be a friend)', () => {
  const dm = addMessage(EMPTY_TIMELINE, msg(1, 'mallory', '@mallory'));
  assert.equal(withoutBlocked(dm, '@mallory', ['mallory']), dm);
});

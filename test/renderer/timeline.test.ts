import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crowdText } from '../../src-renderer/conversations/crowd';
import {
  addHistory,
  addMessage,
  addNotice,
  EMPTY_TIMELINE,
  oldestId,
  type Timeline,
} from '../../src-renderer/conversations/timeline';
import type { ChatMessage } from '../../src-shared/ipc';

function msg(id: number | null, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    cid: null,
    conversation: 'room',
    sender: 'bob',
    text: `m${id}`,
    timestamp: '2026-11-22T10:00:00.000Z',
    own: false,
    pending: id === null,
    failed: null,
    ...extra,
  };
}

const ids = (t: Timeline) =>
  t.items.map((i) => (i.kind === 'message' ? (i.message.id ?? `pending:${i.message.cid}`) : i.key));

test('live messages are ordered by id and duplicates are dropped', () => {
  let t = addMessage(EMPTY_TIMELINE, msg(2));
  t = addMessage(t, msg(4));
  t = addMessage(t, msg(3));
  t = addMessage(t, msg(4));
  assert.deepEqual(ids(t), [2, 3, 4]);
});

test('an acked send replaces its pending bubble and keeps its key', () => {
  const pending = msg(null, { cid: 'c1', own: true, sender: 'me' });
  let t = addMessage(addMessage(EMPTY_TIMELINE, msg(1)), pending);
  const key = t.items[1]?.key;
  t = addMessage(t, msg(2));
  assert.deepEqual(ids(t), [1, 2, 'pending:c1'], 'acked messages from others go before pending sends');
  t = addMessage(t, { ...pending, id: 3, pending: false });
  assert.deepEqual(ids(t), [1, 2, 3]);
  assert.equal(t.items[2]?.key, key);
  assert.equal(t.items.filter((i) => i.kind === 'message' && i.message.pending).length, 0);
});

test('a refused send stays one bubble, now failed instead of pending', () => {
  const pending = msg(null, { cid: 'c2', own: true, sender: 'me' });
  let t = addMessage(addMessage(EMPTY_TIMELINE, msg(1)), pending);
  t = addMessage(t, { ...pending, pending: false, failed: 'you can send direct messages only to friends' });
  assert.deepEqual(ids(t), [1, 'pending:c2']);
  const only = t.items[1];
  assert.ok(only?.kind === 'message' && !only.message.pending && only.message.failed !== null);
});

test('an ack whose id is lower than a later arrival moves into id order', () => {
  const pending = msg(null, { cid: 'c9', own: true });
  let t = addMessage(addMessage(EMPTY_TIMELINE, pending), msg(11));
  t = addMessage(t, { ...pending, id: 10, pending: false });
  assert.deepEqual(ids(t), [10, 11]);
});

test('others may reuse a cid without colliding with my pending sends', () => {
  const mine = msg(null, { cid: 'x', own: true });
  let t = addMessage(EMPTY_TIMELINE, mine);
  t = addMessage(t, msg(5, { cid: 'x', own: false }));
  assert.deepEqual(ids(t), [5, 'pending:x']);
});

test('history pages prepend older messages, skip ones already shown and report more', () => {
  let t = addMessage(EMPTY_TIMELINE, msg(100));
  t = addHistory(t, { conversation: 'room', messages: [msg(98), msg(99), msg(100)], more: true });
  assert.deepEqual(ids(t), [98, 99, 100]);
  assert.equal(t.loaded, true);
  assert.equal(t.more, true);
  assert.equal(oldestId(t), 98);
  t = addHistory(t, { conversation: 'room', messages: [msg(96), msg(97)], more: false });
  assert.deepEqual(ids(t), [96, 97, 98, 99, 100]);
  assert.equal(t.more, false);
});

test('a history page that overlaps live arrivals interleaves by id', () => {
  let t = addMessage(EMPTY_TIMELINE, msg(5));
  t = addMessage(t, msg(8));
  t = addHistory(t, { conversation: 'room', messages: [msg(4), msg(6), msg(7)], more: false });
  assert.deepEqual(ids(t), [4, 5, 6, 7, 8]);
});

test('notices stay where they arrived, after the messages before them', () => {
  let t = addMessage(EMPTY_TIMELINE, msg(1));
  t = addNotice(t, { conversation: 'room', kind: 'join', text: 'bob joined', timestamp: '' }, 0);
  t = addMessage(t, msg(2));
  assert.deepEqual(ids(t), [1, 'n:0', 2]);
});

test('ten thousand messages stay cheap to extend', () => {
  let t: Timeline = addHistory(EMPTY_TIMELINE, {
    conversation: 'room',
    messages: Array.from({ length: 10_000 }, (_, i) => msg(i + 1)),
    more: false,
  });
  const started = performance.now();
  for (let i = 0; i < 200; i++) t = addMessage(t, msg(10_001 + i));
  const perMessage = (performance.now() - started) / 200;
  assert.equal(t.items.length, 10_200);
  assert.ok(perMessage < 2, `appending took ${perMessage.toFixed(3)} ms per message`);
});

const at = (second: number) => `2026-11-22T10:00:${String(second).padStart(2, '0')}.000Z`;
const arrival = (kind: 'join' | 'leave', user: string, second = 0) => ({
  conversation: 'room',
  kind,
  user,
  text: `${user} ${kind === 'join' ? 'joined' : 'left'}`,
  timestamp: at(second),
});
const lines = (t: Timeline) =>
  t.items.map((i) =>
    i.kind === 'crowd' ? crowdText(i.crowd) : i.kind === 'message' ? i.message.text : i.key,
  );

test('joins and leaves in a row are one line, with a count past three names', () => {
  let t = addMessage(EMPTY_TIMELINE, msg(1));
  for (let n = 1; n <= 14; n++) t = addNotice(t, arrival('join', `guest_${n}`), n);
  t = addNotice(t, arrival('leave', 'carol'), 15);
  assert.deepEqual(lines(t), ['m1', 'guest_1, guest_2, and 12 others joined · carol left']);
  t = addMessage(t, msg(2));
  t = addNotice(t, arrival('join', 'dave'), 16);
  assert.deepEqual(lines(t), [
    'm1',
    'guest_1, guest_2, and 12 others joined · carol left',
    'm2',
    'dave joined',
  ]);
});

test('someone who leaves and comes back within a burst posts nothing', () => {
  let t = addMessage(EMPTY_TIMELINE, msg(1));
  t = addNotice(t, arrival('leave', 'bob'), 0);
  t = addNotice(t, arrival('join', 'Bob'), 1);
  assert.deepEqual(lines(t), ['m1']);
  t = addNotice(t, arrival('join', 'alice'), 2);
  t = addNotice(t, arrival('leave', 'alice'), 3);
  t = addNotice(t, arrival('join', 'carol'), 4);
  assert.deepEqual(lines(t), ['m1', 'carol joined']);
});

test('a join long after the last one starts a new line', () => {
  let t = addNotice(EMPTY_TIMELINE, arrival('join', 'bob', 0), 0);
  t = addNotice(t, { ...arrival('join', 'carol'), timestamp: '2026-11-22T10:05:00.000Z' }, 1);
  assert.deepEqual(lines(t), ['bob joined', 'carol joined']);
});

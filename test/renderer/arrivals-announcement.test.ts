// What a screen reader is told when messages arrive in the open conversation, and what it is not told.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  arrivalsAnnouncement,
  arrivalsSince,
  newestStoredId,
  spokenText,
} from '../../src-renderer/conversations/arrivals-announcement';
import {
  addHistory,
  addMessage,
  addNotice,
  EMPTY_TIMELINE,
  type Timeline,
} from '../../src-renderer/conversations/timeline';
import type { ChatMessage } from '../../src-shared/ipc';
import { MAX_REPLY_PREVIEW_CHARS } from '../../src-shared/limits';

function message(
  id: number | null,
  sender: string,
  text = `m${id}`,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  const own = sender === 'me';
  return {
    id,
    cid: own ? `c${id ?? 'x'}` : null,
    conversation: 'room',
    sender,
    text,
    timestamp: '2026-12-04T10:00:00.000Z',
    own,
    pending: id === null,
    failed: null,
    ...extra,
  };
}

function timelineOf(...messages: ChatMessage[]): Timeline {
  return messages.reduce(addMessage, { ...EMPTY_TIMELINE, loaded: true });
}

test('messages from others newer than what was there, oldest first', () => {
  const before = timelineOf(message(1, 'ana'), message(2, 'bo'));
  const seen = newestStoredId(before.items);
  assert.equal(seen, 2);
  const after = [message(3, 'bo'), message(4, 'ana')].reduce(addMessage, before);
  assert.deepEqual(
    arrivalsSince(after.items, seen).map((m) => m.id),
    [3, 4],
  );
});

test('history loaded by scrolling back is never an arrival', () => {
  const live = timelineOf(message(50, 'ana'));
  const seen = newestStoredId(live.items);
  const older = addHistory(live, {
    conversation: 'room',
    messages: [message(48, 'bo'), message(49, 'cy')],
    more: true,
  });
  assert.equal(older.items.length, 3);
  assert.deepEqual(arrivalsSince(older.items, seen), []);
});

test('what the login brought is never an arrival, even when it reaches the window after its first page', () => {
  const opened = timelineOf(message(10, 'ana'));
  const seen = newestStoredId(opened.items);
  const later = [
    message(11, 'ana', 'from the login', { earlier: true }),
    message(12, 'bo', 'said just now'),
  ].reduce(addMessage, opened);
  assert.deepEqual(
    arrivalsSince(later.items, seen).map((m) => m.text),
    ['said just now'],
  );
});

test("one's own sends, pending or stored, the room's lines, joins and deletions are not arrivals", () => {
  const start = timelineOf(message(1, 'ana'));
  const seen = newestStoredId(start.items);
  let t = addMessage(start, message(null, 'me', 'sending'));
  assert.equal(newestStoredId(t.items), 1, 'a pending send has no id yet');
  t = addMessage(t, { ...message(2, 'me', 'sending'), cid: 'cx' });
  t = addMessage(t, message(3, 'ana', 'ana removed cy', { notice: 'moderation' }));
  t = addMessage(t, message(4, 'bo', '', { deleted: true }));
  t = addNotice(
    t,
    {
      conversation: 'room',
      kind: 'join',
      user: 'dee',
      text: 'dee joined',
      timestamp: '2026-12-04T10:00:01.000Z',
    },
    0,
  );
  assert.deepEqual(arrivalsSince(t.items, seen), []);
  t = addMessage(t, message(5, 'bo', 'real'));
  assert.deepEqual(
    arrivalsSince(t.items, seen).map((m) => m.text),
    ['real'],
  );
});

test('one message is said as sender and text, its markup as words', () => {
  assert.equal(arrivalsAnnouncement([message(1, 'ana', 'see you at *six*')]), 'ana: see you at six');
  assert.equal(
    arrivalsAnnouncement([message(1, 'bo', '> quoted\nreply with `code` and https://example.org')]),
    'bo: quoted reply with code and https://example.org',
  );
  assert.equal(arrivalsAnnouncement([message(1, 'bo', '<b>not markup</b>')]), 'bo: <b>not markup</b>');
  assert.equal(arrivalsAnnouncement([]), '');
});

test('a long message is cut as a reply quotes it, with an ellipsis', () => {
  const said = spokenText(`${'word '.repeat(60)}end`);
  assert.equal(said.length, MAX_REPLY_PREVIEW_CHARS);
  assert.ok(said.endsWith('…'), said);
  assert.equal(spokenText(`*${'x'.repeat(400)}*`), `${'x'.repeat(MAX_REPLY_PREVIEW_CHARS - 1)}…`);
  assert.equal(spokenText('short'), 'short');
});

test('a burst is counted and its senders named, in order, without repeats', () => {
  const burst = ['ana', 'bo', 'ana', 'ana', 'bo'].map((who, i) => message(i + 1, who));
  assert.equal(arrivalsAnnouncement(burst), '5 new messages from ana and bo');
  assert.equal(arrivalsAnnouncement([message(1, 'ana'), message(2, 'ana')]), '2 new messages from ana');
  const crowd = ['ana', 'bo', 'cy', 'dee', 'eli'].map((who, i) => message(i + 1, who));
  assert.equal(arrivalsAnnouncement(crowd.slice(0, 3)), '3 new messages from ana, bo, and cy');
  assert.equal(arrivalsAnnouncement(crowd.slice(0, 4)), '4 new messages from ana, bo, cy, and 1 other');
  assert.equal(arrivalsAnnouncement(crowd), '5 new messages from ana, bo, cy, and 2 others');
});

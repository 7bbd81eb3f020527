import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftOf, keepDraft } from '../../src-renderer/conversations/drafts';
import { GROUP_GAP_MS, rowPlace } from '../../src-renderer/conversations/rows';
import type { TimelineItem } from '../../src-renderer/conversations/timeline';
import { dayKey, dayLabel } from '../../src-renderer/format/day';
import type { ChatMessage } from '../../src-shared/ipc';

function local(y: number, m: number, d: number, h = 12, min = 0): string {
  return new Date(y, m - 1, d, h, min).toISOString();
}

function bubble(
  id: number,
  sender: string,
  timestamp: string,
  extra: Partial<ChatMessage> = {},
): TimelineItem {
  const message: ChatMessage = {
    id,
    cid: null,
    conversation: 'room',
    sender,
    text: `m${id}`,
    timestamp,
    own: false,
    pending: false,
    failed: null,
    ...extra,
  };
  return { kind: 'message', key: `m:${id}`, message };
}

test('days: Today, Yesterday, then the locale date, by the local calendar', () => {
  const now = new Date(2026, 11, 3, 0, 30);
  assert.equal(dayLabel(local(2026, 12, 3, 0, 1), now), 'Today');
  assert.equal(dayLabel(local(2026, 12, 2, 23, 59), now), 'Yesterday');
  const older = dayLabel(local(2026, 11, 20), now);
  assert.ok(!['Today', 'Yesterday', ''].includes(older) && !/2026/.test(older), older);
  assert.match(dayLabel(local(2025, 11, 20), now), /2025/);
  assert.equal(dayLabel('not a date', now), '');
  assert.notEqual(dayKey(local(2026, 12, 2, 23, 59)), dayKey(local(2026, 12, 3, 0, 0)));
});

test('grouping: one sender within the gap on one day; a notice, a new day or another sender breaks it', () => {
  const t = (min: number) => local(2026, 12, 3, 10, min);
  const items: TimelineItem[] = [
    bubble(1, 'ana', t(0)),
    bubble(2, 'ana', t(4)),
    bubble(3, 'bob', t(5)),
    bubble(4, 'bob', new Date(Date.parse(t(5)) + GROUP_GAP_MS).toISOString()),
    {
      kind: 'notice',
      key: 'n:1',
      notice: { conversation: 'room', kind: 'info', text: 'x', timestamp: t(11) },
    },
    bubble(5, 'bob', t(12)),
    bubble(6, 'server', t(13), { notice: 'membership' }),
    bubble(7, 'bob', t(14)),
    bubble(8, 'bob', local(2026, 12, 4, 0, 1)),
  ];
  const places = items.map((_, i) => rowPlace(items, i));
  assert.deepEqual(
    places.map((p) => p.continued),
    [false, true, false, false, false, false, false, false, false],
  );
  assert.deepEqual(
    places.map((p) => p.dayStart),
    [true, false, false, false, false, false, false, false, true],
  );
  assert.deepEqual(rowPlace(items, 99), { dayStart: false, continued: false });
});

test('drafts: per account and conversation; empty text forgets; the oldest go past the limit', () => {
  keepDraft('ana', 'room', 'half a thought');
  assert.equal(draftOf('ana', 'room'), 'half a thought');
  assert.equal(draftOf('bob', 'room'), '', 'another sign-in never sees it');
  assert.equal(draftOf('ana', '@bob'), '');
  keepDraft('ana', 'room', '');
  assert.equal(draftOf('ana', 'room'), '');
  for (let i = 0; i < 250; i++) keepDraft('ana', `#${i}`, `draft ${i}`);
  assert.equal(draftOf('ana', '#0'), '', 'the oldest was let go');
  assert.equal(draftOf('ana', '#249'), 'draft 249');
});

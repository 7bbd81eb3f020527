// How a timeline row sits among its neighbours: whether a new day starts on it, and whether it continues the
// message before (same sender, a short gap), so it is shown without repeating the header.
import { dayKey } from '../format/day';
import type { TimelineItem } from './timeline';

/** A longer pause than this starts a new group, as Slack and Element do: a new thought gets its header. */
export const GROUP_GAP_MS = 5 * 60_000;

export interface RowPlace {
  /** The first row of a local calendar day (or of what is loaded): a day separator goes above it. */
  dayStart: boolean;
  /** Same sender as the message just before, within GROUP_GAP_MS on the same day. */
  continued: boolean;
}

export function itemTimestamp(item: TimelineItem): string {
  switch (item.kind) {
    case 'message':
      return item.message.timestamp;
    case 'notice':
      return item.notice.timestamp;
    case 'crowd':
      return item.crowd.timestamp;
  }
}

function isBubble(item: TimelineItem | undefined): item is Extract<TimelineItem, { kind: 'message' }> {
  return item?.kind === 'message' && !item.message.notice;
}

/** O(1): looks only at the row before, so the virtualiser can ask for visible rows alone. */
export function rowPlace(items: readonly TimelineItem[], index: number): RowPlace {
  const item = items[index];
  const before = items[index - 1];
  if (!item) return { dayStart: false, continued: false };
  const at = itemTimestamp(item);
  const dayStart = !before || dayKey(itemTimestamp(before)) !== dayKey(at);
  if (dayStart || !isBubble(item) || !isBubble(before)) return { dayStart, continued: false };
  const gap = Date.parse(at) - Date.parse(before.message.timestamp);
  const continued =
    before.message.sender === item.message.sender &&
    before.message.own === item.message.own &&
    gap < GROUP_GAP_MS;
  return { dayStart, continued };
}

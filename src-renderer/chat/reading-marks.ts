// Where the reader is behind: how many messages came in below while they were scrolled up (the pill), and
// the first message that was new when they came back (the "new since you were away" line).
import { useEffect, useMemo, useState } from 'react';
import type { TimelineItem } from '../conversations/timeline';

function newestId(items: readonly TimelineItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === 'message' && item.message.id !== null && !item.message.pending) return item.message.id;
  }
  return 0;
}

/** Messages from others newer than `after`, counted from the end (they are ordered by id). */
function countNewer(items: readonly TimelineItem[], after: number): number {
  let count = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind !== 'message' || item.message.id === null) continue;
    if (item.message.id <= after) break;
    if (!item.message.own && !item.message.notice) count++;
  }
  return count;
}

/** How many messages from others arrived since the reader was last at the end of the list. */
export function useNewBelow(items: readonly TimelineItem[], atEnd: boolean): number {
  const newest = newestId(items);
  const [seen, setSeen] = useState(newest);
  useEffect(() => {
    if (atEnd) setSeen(newest);
  }, [atEnd, newest]);
  return atEnd ? 0 : countNewer(items, seen);
}

/** The key of the `unread`-th last message from someone else, or null when there are not that many. */
function firstUnreadKey(items: readonly TimelineItem[], unread: number): string | null {
  let left = unread;
  for (let i = items.length - 1; i >= 0 && left > 0; i--) {
    const item = items[i];
    if (item?.kind !== 'message' || item.message.own || item.message.notice) continue;
    if (--left === 0) return item.key;
  }
  return null;
}

function windowAway(): boolean {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}

/**
 * The row the "new since you were away" line goes above: the first of the messages that were unread when
 * the conversation was opened, or the first from someone else that arrived while the window was in the
 * background. It stays put until the conversation is opened again (the list remounts per conversation).
 */
export function useAwayLine(
  items: readonly TimelineItem[],
  loaded: boolean,
  unreadAtOpen: number,
): string | null {
  const [opened] = useState(unreadAtOpen);
  const [line, setLine] = useState<string | null>(null);
  const [awaySince, setAwaySince] = useState<number | null>(null);
  const atOpen = useMemo(
    () => (loaded && opened > 0 ? firstUnreadKey(items, opened) : null),
    [items, loaded, opened],
  );

  useEffect(() => {
    const check = () => setAwaySince((since) => (windowAway() ? (since ?? newestId(items)) : null));
    window.addEventListener('blur', check);
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.removeEventListener('blur', check);
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [items]);

  useEffect(() => {
    if (line === null && atOpen !== null) setLine(atOpen);
  }, [line, atOpen]);

  useEffect(() => {
    if (awaySince === null || countNewer(items, awaySince) === 0) return;
    const arrived = firstUnreadKey(items, countNewer(items, awaySince));
    if (arrived !== null) setLine(arrived);
    setAwaySince(null);
  }, [items, awaySince]);

  return line;
}

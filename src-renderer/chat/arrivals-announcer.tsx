// The open conversation's polite live region: a screen reader says who wrote what as messages from others
// arrive (conversations/arrivals-announcement.ts decides what counts and the words). The message list itself
// is not live, or every row the virtualiser adds while scrolling back would be read out too.
import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';
import { arrivalsAnnouncement, arrivalsSince, newestStoredId } from '../conversations/arrivals-announcement';
import type { Timeline } from '../conversations/timeline';

/**
 * Messages arriving within this long of the first are said together ("5 new messages from ana and bo"):
 * each arrives as its own event, and a region rewritten faster than it is read loses what it said before.
 */
const BATCH_MS = 400;

/** Mount one per conversation (keyed by it): what was there when it opened is never announced. */
export function ArrivalsAnnouncer({ timeline }: { timeline: Timeline }) {
  const [said, setSaid] = useState({ seq: 0, text: '' });
  const seenUpTo = useRef<number | null>(null);
  const waiting = useRef<ChatMessage[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const { items, loaded } = timeline;

  useEffect(() => {
    // A new session empties the timelines (perhaps another account, another room): start afresh, or its
    // first page would be said as new against the old session's ids.
    if (!loaded) {
      seenUpTo.current = null;
      return;
    }
    const newest = newestStoredId(items);
    const after = seenUpTo.current;
    seenUpTo.current = Math.max(after ?? 0, newest);
    if (after === null) return;
    const fresh = arrivalsSince(items, after);
    if (fresh.length === 0) return;
    waiting.current.push(...fresh);
    timer.current ??= window.setTimeout(() => {
      timer.current = undefined;
      const text = arrivalsAnnouncement(waiting.current);
      waiting.current = [];
      setSaid((before) => ({ seq: before.seq + 1, text }));
    }, BATCH_MS);
  }, [items, loaded]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  // A new paragraph per announcement, so the same words twice in a row ("bo: ok") are said twice.
  return (
    <div className="visually-hidden arrivals-announcer" aria-live="polite" aria-atomic="true">
      {said.text && <p key={said.seq}>{said.text}</p>}
    </div>
  );
}

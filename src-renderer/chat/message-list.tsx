import { useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rowPlace } from '../conversations/rows';
import type { Timeline, TimelineItem } from '../conversations/timeline';
import { t } from '../i18n/intl';
import { useScrollToRevealed } from '../search/reveal';
import { Icon } from '../ui/icons';
import { useAwayLine, useNewBelow } from './reading-marks';
import { RowContextProvider, useRowContext } from './row-context';
import { TimelineSlot } from './timeline-slot';
import { useJump } from './use-jump';

/** Start fetching the previous page this far (px) before the top is reached, so scrolling rarely waits. */
const PREFETCH_MARGIN = 1200;
const HEADER_HEIGHT = 56;
/** Further than this (px) from the newest message, offer a way back to it. */
const AWAY_FROM_END = 600;
/** Within this (px) of the end, the reader counts as reading the newest message. */
const END_SLACK = 48;

/**
 * A first guess at a row's height until it is measured. The virtualiser asks again for every unmeasured row
 * after each measurement, so with 10,000 rows the guess is computed once per item and remembered.
 */
const estimates = new WeakMap<TimelineItem, number>();

function estimateSize(item: TimelineItem | undefined): number {
  if (!item) return 60;
  let size = estimates.get(item);
  if (size === undefined) {
    const lines =
      item.kind === 'message'
        ? item.message.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 70)), 0)
        : 0;
    size = item.kind === 'message' ? 58 + 21 * lines : 28;
    estimates.set(item, size);
  }
  return size;
}

interface Props {
  title: string;
  /** The line above the oldest message once nothing older remains. */
  beginning: string;
  /** What to suggest when the conversation has no messages yet. */
  emptyHint: string;
  timeline: Timeline;
  loading: boolean;
  error: string | null;
  onLoadOlder: () => void;
  /** Changes whenever the user sends, so the list jumps to their message even when scrolled up. */
  followSignal: number;
  /** Unread messages when the conversation was opened: the "new since you were away" line goes above them. */
  unreadAtOpen?: number;
}

/**
 * A virtualised, bottom-anchored message list: only visible rows exist in the DOM, prepending older pages
 * keeps what is on screen in place, and new messages are followed only when the reader is at the bottom.
 */
export function MessageList({
  title,
  beginning,
  emptyHint,
  timeline,
  loading,
  error,
  onLoadOlder,
  followSignal,
  unreadAtOpen = 0,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items } = timeline;
  const virtualizer = useBottomAnchoredRows(items, scrollRef);

  const wantOlder = timeline.more && !loading && !error;
  const { away, atEnd, atEndNow, onScroll } = useScrollWatch(scrollRef, wantOlder, onLoadOlder);
  const newBelow = useNewBelow(items, atEndNow);
  const awayLine = useAwayLine(items, timeline.loaded, unreadAtOpen);
  const rows = useRowsWithJump(items, scrollRef, virtualizer, timeline.more, onLoadOlder);

  useLayoutEffect(() => {
    if (timeline.loaded) virtualizer.scrollToEnd();
  }, [timeline.loaded, virtualizer]);

  useEffect(() => {
    if (followSignal > 0) virtualizer.scrollToEnd();
  }, [followSignal, virtualizer]);

  useStayAtEndOnResize(scrollRef, atEnd, virtualizer);

  usePrefetchOlder(scrollRef, virtualizer, timeline.loaded && wantOlder, onLoadOlder);

  return (
    <RowContextProvider value={rows}>
      <div className="message-area">
        <div
          ref={scrollRef}
          className="message-scroller"
          onScroll={onScroll}
          role="log"
          // Not live: rows come and go as the list scrolls; arrivals-announcer.tsx says what is new.
          aria-live="off"
          aria-label={t('chat.messages.label', { title })}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
          tabIndex={0}
        >
          <div ref={virtualizer.containerRef} className="message-canvas">
            <TimelineStart
              error={error}
              pending={timeline.more || !timeline.loaded}
              beginning={beginning}
              onRetry={onLoadOlder}
            />
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              return (
                item && (
                  <TimelineSlot
                    key={row.key}
                    index={row.index}
                    measure={virtualizer.measureElement}
                    item={item}
                    place={rowPlace(items, row.index)}
                    awayLine={item.key === awayLine}
                  />
                )
              );
            })}
          </div>
          {timeline.loaded && items.length === 0 && <EmptyTimeline hint={emptyHint} />}
        </div>
        {(away || newBelow > 0) && <JumpToLatest count={newBelow} onJump={() => virtualizer.scrollToEnd()} />}
      </div>
    </RowContextProvider>
  );
}

/** The conversation's row context, with jumps that this list can make. */
function useRowsWithJump(
  items: readonly TimelineItem[],
  scrollRef: RefObject<HTMLDivElement | null>,
  virtualizer: { scrollToIndex: (index: number, options: { align: 'center' }) => void },
  more: boolean,
  onLoadOlder: () => void,
) {
  const parent = useRowContext();
  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'center' }),
    [virtualizer],
  );
  const latestLoad = useRef(onLoadOlder);
  latestLoad.current = onLoadOlder;
  const loadOlder = useCallback(() => latestLoad.current(), []);
  const jumpTo = useJump(items, scrollRef, scrollToIndex, more, loadOlder);
  return useMemo(() => ({ ...parent, jumpTo }), [parent, jumpTo]);
}

// Scroll events alone are not enough: a short first page may not fill the view, and while the reader keeps
// scrolling the virtualiser holds a prepended page's offset back, so the top may be reached without an event.
function usePrefetchOlder(
  scrollRef: RefObject<HTMLDivElement | null>,
  virtualizer: { scrollOffset: number | null },
  want: boolean,
  onLoadOlder: () => void,
) {
  useEffect(() => {
    const el = scrollRef.current;
    const offset = virtualizer.scrollOffset ?? el?.scrollTop ?? 0;
    if (want && el && (offset < PREFETCH_MARGIN || el.scrollTop < PREFETCH_MARGIN)) onLoadOlder();
  });
}

/** On each scroll: fetch older near the top, and note whether the reader is at the end or far from it. */
function useScrollWatch(
  scrollRef: RefObject<HTMLDivElement | null>,
  wantOlder: boolean,
  onLoadOlder: () => void,
) {
  const latestWantOlder = useRef(wantOlder);
  latestWantOlder.current = wantOlder;

  const [away, setAway] = useState(false);
  const latestAway = useRef(away);
  const atEnd = useRef(true);
  const [atEndNow, setAtEndNow] = useState(true);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    if (el.scrollTop < PREFETCH_MARGIN && latestWantOlder.current) onLoadOlder();
    atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight <= END_SLACK;
    setAtEndNow(atEnd.current);
    const nowAway = el.scrollHeight - el.scrollTop - el.clientHeight > AWAY_FROM_END;
    if (nowAway !== latestAway.current) {
      latestAway.current = nowAway;
      setAway(nowAway);
    }
  }
  return { away, atEnd, atEndNow, onScroll };
}

/** The rows, bottom-anchored; a message opened from search is scrolled to (search/reveal.ts). */
function useBottomAnchoredRows(items: readonly TimelineItem[], scrollRef: RefObject<HTMLDivElement | null>) {
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateSize(items[index]),
    getItemKey: (index) => items[index]?.key ?? index,
    overscan: 8,
    paddingStart: HEADER_HEIGHT,
    paddingEnd: 16,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: END_SLACK,
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
  });
  useScrollToRevealed(items, virtualizer);
  return virtualizer;
}

// A window made taller or wider reflows every row; a reader who was at the newest message stays there
// instead of finding it under the composer.
function useStayAtEndOnResize(
  scrollRef: RefObject<HTMLDivElement | null>,
  atEnd: RefObject<boolean>,
  virtualizer: { scrollToEnd: () => void },
) {
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (atEnd.current) virtualizer.scrollToEnd();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef, atEnd, virtualizer]);
}

/** Above the oldest loaded row: why earlier messages failed, that they are coming, or that none remain. */
function TimelineStart({
  error,
  pending,
  beginning,
  onRetry,
}: {
  error: string | null;
  pending: boolean;
  beginning: string;
  onRetry: () => void;
}) {
  return (
    <div className="timeline-start">
      {error ? (
        <span className="timeline-error" role="alert">
          {t('chat.messages.loadFailed', { error })}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            {t('chat.messages.retry')}
          </button>
        </span>
      ) : pending ? (
        <span className="muted">{t('chat.messages.loading')}</span>
      ) : (
        <span className="muted">{beginning}</span>
      )}
    </div>
  );
}

function EmptyTimeline({ hint }: { hint: string }) {
  return (
    <div className="empty-timeline">
      <p>{t('chat.messages.none')}</p>
      <p className="muted">{hint}</p>
    </div>
  );
}

/** In its own strip under the list, not over it, so it never hides a line of text. */
function JumpToLatest({ count, onJump }: { count: number; onJump: () => void }) {
  return (
    <div className="jump-strip">
      <button type="button" className="jump-latest" onClick={onJump}>
        <Icon name="arrowDown" size={16} />
        {t('chat.messages.jump', { count })}
      </button>
    </div>
  );
}

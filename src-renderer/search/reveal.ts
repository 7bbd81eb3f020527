// Opening a message in context (a search result): the search asks for it here, the open conversation's
// timeline pages back until it holds the message (useRevealLoader), and the message list scrolls to it and
// gives it focus (useScrollToRevealed, one line in message-list.tsx). Kept outside React state so the list
// of the conversation being opened finds the request when it mounts.
import { useEffect, useSyncExternalStore } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import type { TimelineItem } from '../conversations/timeline';
import type { TimelineStore } from '../conversations/use-timelines';

/** Pages of 200 fetched at most while looking for the message (10,000 messages back). */
const MAX_PAGES = 50;
const HIGHLIGHT_MS = 2500;

interface Wanted {
  conversation: ConversationId;
  id: number;
  pages: number;
}

let wanted: Wanted | null = null;
const listeners = new Set<() => void>();

function set(next: Wanted | null): void {
  wanted = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const current = () => wanted;

export function requestReveal(conversation: ConversationId, id: number): void {
  set({ conversation, id, pages: 0 });
}

const holds = (items: readonly TimelineItem[], id: number) =>
  items.findIndex((item) => item.kind === 'message' && item.message.id === id);

/** Pages the open conversation back until the message asked for is in its timeline (or nothing is older). */
export function useRevealLoader(active: ConversationId, timelines: TimelineStore): void {
  const want = useSyncExternalStore(subscribe, current);
  const timeline = timelines.timeline(active);
  const loading = timelines.loading(active);
  useEffect(() => {
    if (!want || want.conversation !== active || !timeline.loaded || loading) return;
    if (holds(timeline.items, want.id) !== -1) return;
    if (!timeline.more || timelines.error(active) || want.pages >= MAX_PAGES) {
      set(null);
      return;
    }
    want.pages++;
    timelines.loadOlder(active);
  }, [want, active, timeline, loading, timelines]);
}

/** In the message list: once the message asked for is among its rows, scroll to it and focus it. */
export function useScrollToRevealed(
  items: readonly TimelineItem[],
  virtualizer: { scrollToIndex(index: number, options?: { align?: 'center' }): void },
): void {
  const want = useSyncExternalStore(subscribe, current);
  useEffect(() => {
    if (!want) return;
    const index = holds(items, want.id);
    if (index === -1) return;
    set(null);
    virtualizer.scrollToIndex(index, { align: 'center' });
    let frames = 0;
    // The row exists only once the virtualiser has scrolled to it: look for it over the next frames.
    const look = () => {
      const row = document.querySelector<HTMLElement>(`.bubble-row[data-id="${want.id}"]`);
      if (!row) {
        if (++frames < 30) requestAnimationFrame(look);
        return;
      }
      row.tabIndex = -1;
      row.classList.add('revealed');
      row.focus({ preventScroll: true });
      setTimeout(() => row.classList.remove('revealed'), HIGHLIGHT_MS);
    };
    requestAnimationFrame(look);
  }, [want, items, virtualizer]);
}

import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { TimelineItem } from '../conversations/timeline';

/** How many older pages a jump may fetch looking for its message before it gives up. */
const MAX_PAGES = 10;

/**
 * Jumping to a message by id (a reply's quote): scroll its row into view and focus it, fetching older
 * pages first if it is not loaded yet, at most MAX_PAGES of them.
 */
export function useJump(
  items: readonly TimelineItem[],
  scrollRef: RefObject<HTMLDivElement | null>,
  scrollToIndex: (index: number) => void,
  more: boolean,
  loadOlder: () => void,
): (id: number) => void {
  const [wanted, setWanted] = useState<number | null>(null);
  const pages = useRef(0);
  const jumpTo = useCallback((id: number) => {
    pages.current = 0;
    setWanted(id);
  }, []);

  useEffect(() => {
    if (wanted === null) return;
    const index = items.findIndex((item) => item.kind === 'message' && item.message.id === wanted);
    if (index < 0) {
      if (more && pages.current < MAX_PAGES) {
        pages.current++;
        loadOlder();
      } else {
        setWanted(null);
      }
      return;
    }
    setWanted(null);
    scrollToIndex(index);
    // The row exists once the virtualiser has rendered it there; focusing it also settles the scroll.
    let tries = 0;
    const focus = () => {
      const row = scrollRef.current?.querySelector<HTMLElement>(`article[data-id="${wanted}"]`);
      if (row) row.focus();
      else if (tries++ < 10) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }, [wanted, items, more, loadOlder, scrollRef, scrollToIndex]);

  return jumpTo;
}

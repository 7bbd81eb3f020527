import { type KeyboardEvent, type RefObject, useEffect, useMemo, useState } from 'react';
import { type EmojiEntry, loadEmoji } from '../emoji/emoji-index';
import { applySuggestion, completionAt, wantsEmoji } from './completion';

/**
 * `:shortcode:` and `@name` completion for a text box: what to offer for the word at the caret, which one
 * is active, and the keys that move and take it. `onKey` answers whether it used the key.
 */
export function useCompletion(
  box: RefObject<HTMLTextAreaElement | null>,
  text: string,
  setText: (text: string) => void,
  names: readonly string[],
) {
  const [caret, setCaret] = useState(0);
  const [emoji, setEmoji] = useState<readonly EmojiEntry[] | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const before = text.slice(0, caret);

  useEffect(() => {
    if (!emoji && wantsEmoji(before)) loadEmoji().then(setEmoji, () => undefined);
  }, [before, emoji]);

  const completion = useMemo(
    () => (dismissed === before ? null : completionAt(before, emoji, names)),
    [before, emoji, names, dismissed],
  );
  const count = completion?.suggestions.length ?? 0;
  useEffect(() => setActive((a) => (a < count ? a : 0)), [count]);

  function pick(index: number) {
    const chosen = completion?.suggestions[index];
    if (!completion || !chosen) return;
    const next = applySuggestion(text, caret, completion.from, chosen);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => box.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!completion) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : count - 1;
      setActive((a) => (a + step) % count);
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      pick(active);
    } else if (event.key === 'Escape') {
      setDismissed(before);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Call after every input and caret move. */
  const track = () => setCaret(box.current?.selectionStart ?? text.length);
  return { completion, active, pick, onKey, track };
}

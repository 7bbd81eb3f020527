// The words of the line under the timeline, as plain functions: who is typing, and whether "Seen" shows.
import type { Timeline } from '../conversations/timeline';
import { t } from '../i18n/intl';

/** "ana is typing…", "ana and bob are typing…", "Several people are typing…"; empty for nobody. */
export function typingText(names: readonly string[]): string {
  const [first, second] = names;
  if (first === undefined) return '';
  if (second === undefined) return t('chat.typing.one', { name: first });
  return names.length === 2 ? t('chat.typing.two', { first, second }) : t('chat.typing.several');
}

/**
 * Whether the friend has read the newest message, when it is the user's own: a later message of theirs
 * says they read it anyway, and a message still sending has nothing to be seen yet.
 */
export function seenLast(timeline: Timeline, seenUpTo: number | undefined): boolean {
  if (seenUpTo === undefined) return false;
  for (let i = timeline.items.length - 1; i >= 0; i--) {
    const item = timeline.items[i];
    if (item?.kind !== 'message' || item.message.notice) continue;
    const { own, id } = item.message;
    return own && id !== null && id <= seenUpTo;
  }
  return false;
}

// What a screen reader hears when messages from others arrive in the open conversation: "ana: see you at
// six" for one, "5 new messages from ana and bo" for a burst. Pure functions over timeline items, so which
// messages count as arrivals (not history, not one's own sends, not the room's notices) is tested without a DOM.
import type { ChatMessage } from '../../src-shared/ipc';
import { previewText } from '../../src-shared/text';
import { intl, t } from '../i18n/intl';
import { plainText } from '../markdown/parse';
import type { TimelineItem } from './timeline';

/** A burst names this many senders; the rest are counted ("and 2 others"). */
const NAMED_SENDERS = 3;

/** The newest message the server has stored (pending sends have no id yet); 0 when there is none. */
export function newestStoredId(items: readonly TimelineItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === 'message' && item.message.id !== null && !item.message.pending) return item.message.id;
  }
  return 0;
}

/**
 * Messages from others newer than `after`, oldest first. History is always older than what is shown, so a
 * page loaded by scrolling back never counts; neither do the messages the login brought (they may reach the
 * window after its first page), the user's own sends (from any device), the room's own lines, or a message
 * deleted before it was announced.
 */
export function arrivalsSince(items: readonly TimelineItem[], after: number): ChatMessage[] {
  const found: ChatMessage[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind !== 'message' || item.message.id === null) continue;
    const { message } = item;
    if (message.id !== null && message.id <= after) break;
    if (!message.own && !message.notice && !message.deleted && !message.pending && !message.earlier)
      found.push(message);
  }
  return found.reverse();
}

/**
 * The words of a message without its markup (`*bold*` is said as "bold"), on one line, cut as a reply's
 * quote is (140 characters, with "…"): a screen reader reads all of it, and the rest is on screen.
 */
export function spokenText(text: string): string {
  return previewText(plainText(text));
}

/** "ana", "ana and bo", "ana, bo and cy", "ana, bo, cy and 2 others", in order of first message. */
function senderList(messages: readonly ChatMessage[]): string {
  const senders = [...new Set(messages.map((m) => m.sender))];
  const named = senders.slice(0, NAMED_SENDERS);
  const others = senders.length - named.length;
  const list = others > 0 ? [...named, t('conversations.arrivals.others', { count: others })] : named;
  return intl.formatList(list, { type: 'conjunction' });
}

/** What to say for messages that arrived together; empty for none. */
export function arrivalsAnnouncement(messages: readonly ChatMessage[]): string {
  const [first] = messages;
  if (first === undefined) return '';
  if (messages.length === 1) {
    const words = spokenText(first.text);
    return words
      ? t('conversations.arrivals.one', { name: first.sender, words })
      : t('conversations.arrivals.oneEmpty', { name: first.sender });
  }
  return t('conversations.arrivals.many', { count: messages.length, senders: senderList(messages) });
}

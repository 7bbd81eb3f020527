import type { ReactionSummary } from '../../src-shared/ipc';
import { intl, t } from '../i18n/intl';

/** "You, ana and 3 others reacted with 👍" from the first names the room lists and the count. */
export function reactedText(reaction: ReactionSummary, self: string): string {
  const names = reaction.who.filter((name) => name.toLowerCase() !== self.toLowerCase());
  if (reaction.mine) names.unshift(t('chat.reacted.you'));
  const others = Math.max(0, reaction.count - names.length);
  const shown = others > 0 ? [...names, t('chat.reacted.others', { count: others })] : names;
  const list = shown.length > 0 ? intl.formatList(shown, { type: 'conjunction' }) : t('chat.reacted.nobody');
  return t('chat.reacted.text', { list, emoji: reaction.emoji });
}

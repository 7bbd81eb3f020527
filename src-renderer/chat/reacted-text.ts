import type { ReactionSummary } from '../../src-shared/ipc';

/** "You, ana and 3 others reacted with 👍" from the first names the room lists and the count. */
export function reactedText(reaction: ReactionSummary, self: string): string {
  const names = reaction.who.filter((name) => name.toLowerCase() !== self.toLowerCase());
  if (reaction.mine) names.unshift('You');
  const others = Math.max(0, reaction.count - names.length);
  const shown = others > 0 ? [...names, `${others} ${others === 1 ? 'other' : 'others'}`] : names;
  const list =
    shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? 'Nobody');
  return `${list} reacted with ${reaction.emoji}`;
}

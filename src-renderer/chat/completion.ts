// What the composer offers to finish the word at the caret: an emoji for `:shortcode`, a member for `@name`.
// Pure, so the rules are tested without a DOM.
import { type EmojiEntry, searchEmoji } from '../emoji/emoji-index';

export interface Suggestion {
  /** What the list shows and a screen reader says. */
  label: string;
  /** The emoji or `@name`, shown at the start of the option. */
  lead: string;
  /** What replaces the word being typed. */
  insert: string;
}

export interface Completion {
  /** Where the word being completed starts (its `:` or `@`). */
  from: number;
  kind: 'emoji' | 'mention';
  suggestions: Suggestion[];
}

const MAX_SUGGESTIONS = 8;
// A word starts the text or follows a space or an opening bracket, so "a:b" and "me@host" are left alone.
const SHORTCODE = /(?:^|[\s(])(:[a-z0-9_+-]{2,32})$/i;
const MENTION = /(?:^|[\s(])(@[\p{L}\p{N}_.-]{0,32})$/u;

function emojiSuggestions(all: readonly EmojiEntry[], query: string): Suggestion[] {
  return searchEmoji(all, query, MAX_SUGGESTIONS * 4)
    .filter((e) => e.shortcodes.some((code) => code.startsWith(query)))
    .slice(0, MAX_SUGGESTIONS)
    .map((e) => {
      const code = e.shortcodes.find((c) => c.startsWith(query)) ?? e.shortcodes[0];
      return { label: `:${code}: ${e.label}`, lead: e.emoji, insert: e.emoji };
    });
}

function mentionSuggestions(names: readonly string[], query: string): Suggestion[] {
  const q = query.toLowerCase();
  return names
    .filter((name) => name.toLowerCase().startsWith(q))
    .slice(0, MAX_SUGGESTIONS)
    .map((name) => ({ label: `@${name}`, lead: '@', insert: `@${name}` }));
}

/** The completion for the text before the caret, or null when nothing fits. */
export function completionAt(
  before: string,
  emoji: readonly EmojiEntry[] | null,
  names: readonly string[],
): Completion | null {
  const code = SHORTCODE.exec(before);
  if (code?.[1] && emoji) {
    const suggestions = emojiSuggestions(emoji, code[1].slice(1).toLowerCase());
    return suggestions.length ? { from: before.length - code[1].length, kind: 'emoji', suggestions } : null;
  }
  const mention = MENTION.exec(before);
  if (mention?.[1]) {
    const suggestions = mentionSuggestions(names, mention[1].slice(1));
    return suggestions.length
      ? { from: before.length - mention[1].length, kind: 'mention', suggestions }
      : null;
  }
  return null;
}

/** The text with the word at [from, caret) replaced, and where the caret goes (after a space). */
export function applySuggestion(
  text: string,
  caret: number,
  from: number,
  suggestion: Suggestion,
): { text: string; caret: number } {
  const after = text.slice(caret);
  const insert = after.startsWith(' ') ? suggestion.insert : `${suggestion.insert} `;
  return {
    text: text.slice(0, from) + insert + after,
    caret: from + insert.length + (after.startsWith(' ') ? 1 : 0),
  };
}

/** Whether the word before the caret might become a shortcode, so the emoji list is worth loading. */
export function wantsEmoji(before: string): boolean {
  return SHORTCODE.test(before);
}

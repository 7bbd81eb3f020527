// The emoji this person used last (reactions and the picker), newest first, kept on this computer.
import { isEmoji } from '../../src-shared/emoji';

const KEY = 'hearth:recent-emoji';
const MAX_RECENT = 16;

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((e): e is string => typeof e === 'string' && isEmoji(e))
      : [];
  } catch {
    return [];
  }
}

export function recentEmoji(): string[] {
  return read().slice(0, MAX_RECENT);
}

export function noteEmojiUsed(emoji: string): void {
  const list = [emoji, ...read().filter((e) => e !== emoji)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or refused: the list is a convenience, the reaction itself went out.
  }
}

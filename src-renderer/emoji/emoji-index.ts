// Every emoji the picker and `:shortcode:` completion offer, from emojibase-data (labels and tags in
// English, GitHub's shortcodes, as in Slack and GitHub). Loaded on first use, in its own chunk.
import { isEmoji } from '../../src-shared/emoji';

export interface EmojiEntry {
  emoji: string;
  label: string;
  shortcodes: readonly string[];
  tags: readonly string[];
}

let loading: Promise<readonly EmojiEntry[]> | null = null;

async function build(): Promise<readonly EmojiEntry[]> {
  const [{ default: compact }, { default: github }] = await Promise.all([
    import('emojibase-data/en/compact.json'),
    import('emojibase-data/en/shortcodes/github.json'),
  ]);
  const codes = github as Record<string, string | string[]>;
  // Skin tones and hair parts alone (group 2) and lone regional letters (no group) are no reactions.
  return compact
    .filter((e) => e.group !== undefined && e.group !== 2 && isEmoji(e.unicode))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((e) => {
      const code = codes[e.hexcode] ?? [];
      return {
        emoji: e.unicode,
        label: e.label,
        shortcodes: typeof code === 'string' ? [code] : code,
        tags: e.tags ?? [],
      };
    });
}

/** The list, loaded once; a failed load is tried again next time. */
export function loadEmoji(): Promise<readonly EmojiEntry[]> {
  loading ??= build().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** 0: the query is its shortcode or name; 1: a shortcode starts with it; 2: a word of its name or a tag does. */
function rank(entry: EmojiEntry, q: string): number | null {
  if (entry.shortcodes.includes(q) || entry.label === q) return 0;
  if (entry.shortcodes.some((code) => code.startsWith(q))) return 1;
  const words = entry.label.split(/[\s:-]+/);
  return words.some((w) => w.startsWith(q)) || entry.tags.some((t) => t.startsWith(q)) ? 2 : null;
}

function shortestCode(entry: EmojiEntry, q: string): number {
  return Math.min(...entry.shortcodes.filter((code) => code.startsWith(q)).map((code) => code.length));
}

/**
 * The best matches first (see rank): among shortcodes that start with the query the shortest first
 * (":fir" is :fire: before :firefighter:), else in the standard order; at most `limit`.
 */
export function searchEmoji(all: readonly EmojiEntry[], query: string, limit: number): EmojiEntry[] {
  const q = query.trim().toLowerCase().replace(/^:|:$/g, '');
  if (q === '') return all.slice(0, limit);
  const ranked: EmojiEntry[][] = [[], [], []];
  for (const entry of all) {
    const r = rank(entry, q);
    if (r !== null) ranked[r]?.push(entry);
  }
  ranked[1]?.sort((a, b) => shortestCode(a, q) - shortestCode(b, q));
  return ranked.flat().slice(0, limit);
}

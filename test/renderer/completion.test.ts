import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySuggestion, completionAt } from '../../src-renderer/chat/completion';
import { reactedText } from '../../src-renderer/chat/reacted-text';
import { type EmojiEntry, searchEmoji } from '../../src-renderer/emoji/emoji-index';

const EMOJI: EmojiEntry[] = [
  { emoji: '🧑‍🚒', label: 'firefighter', shortcodes: ['firefighter'], tags: ['fire'] },
  { emoji: '🚒', label: 'fire engine', shortcodes: ['fire_truck'], tags: ['engine', 'truck'] },
  { emoji: '🔥', label: 'fire', shortcodes: ['fire'], tags: ['flame', 'hot'] },
  { emoji: '👍️', label: 'thumbs up', shortcodes: ['+1', 'thumbsup'], tags: ['like', 'yes'] },
];

test('search: the exact name or shortcode first, then the shortest shortcode, then words and tags', () => {
  assert.deepEqual(
    searchEmoji(EMOJI, 'fire', 10).map((e) => e.emoji),
    ['🔥', '🚒', '🧑‍🚒'],
  );
  assert.deepEqual(
    searchEmoji(EMOJI, ':fir', 10).map((e) => e.emoji),
    ['🔥', '🚒', '🧑‍🚒'],
  );
  assert.deepEqual(
    searchEmoji(EMOJI, 'like', 10).map((e) => e.emoji),
    ['👍️'],
  );
  assert.deepEqual(
    searchEmoji(EMOJI, '+1', 10).map((e) => e.emoji),
    ['👍️'],
  );
  assert.equal(searchEmoji(EMOJI, '', 2).length, 2);
  assert.deepEqual(searchEmoji(EMOJI, 'zzz', 10), []);
});

test('completion: `:` two letters in at a word start offers emoji; `@` offers names; elsewhere nothing', () => {
  const fire = completionAt('so :fi', EMOJI, []);
  assert.equal(fire?.kind, 'emoji');
  assert.equal(fire?.from, 3);
  assert.equal(fire?.suggestions[0]?.insert, '🔥');
  assert.equal(completionAt('so :f', EMOJI, []), null, 'one letter is too little');
  assert.equal(completionAt('10:30', EMOJI, []), null, 'a time is no shortcode');
  assert.equal(completionAt('so :fi', null, []), null, 'nothing until the list is loaded');

  const names = ['bob', 'Bella', 'cara'];
  assert.deepEqual(
    completionAt('hi @b', EMOJI, names)?.suggestions.map((s) => s.insert),
    ['@bob', '@Bella'],
  );
  assert.deepEqual(completionAt('@', EMOJI, names)?.suggestions.length, 3);
  assert.equal(completionAt('mail me@b', EMOJI, names), null, 'an address is not a mention');
  assert.equal(completionAt('hi @zed', EMOJI, names), null);
});

test('a suggestion replaces the word and leaves one space after it', () => {
  const text = 'so :fi and more';
  const at = completionAt(text.slice(0, 6), EMOJI, []);
  assert.ok(at?.suggestions[0]);
  assert.deepEqual(applySuggestion(text, 6, at.from, at.suggestions[0]), {
    text: 'so 🔥 and more',
    caret: 6,
  });
  assert.deepEqual(applySuggestion('hi @b', 5, 3, { label: '@bob', lead: '@', insert: '@bob' }), {
    text: 'hi @bob ',
    caret: 8,
  });
});

test('who reacted: You first, then the names the room lists, then how many more', () => {
  const r = (who: string[], count: number, mine: boolean) => ({ emoji: '🔥', count, mine, who });
  assert.equal(reactedText(r(['ana', 'bob'], 2, true), 'bob'), 'You and ana reacted with 🔥');
  assert.equal(reactedText(r(['ana'], 1, false), 'bob'), 'ana reacted with 🔥');
  assert.equal(reactedText(r(['ana', 'cara'], 12, false), 'bob'), 'ana, cara, and 10 others reacted with 🔥');
  assert.equal(reactedText(r(['ana'], 2, false), 'bob'), 'ana and 1 other reacted with 🔥');
});

// The message catalogue and the code agree: every key the renderer names exists in the English catalogue,
// and every key in the catalogue is named somewhere (no dead strings for translators). Keys are written
// as whole string literals (`t('app.loading')`, or in a table of keys), never built, so reading the literals
// finds them all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { ARABIC } from '../../src-renderer/i18n/ar';
import { AREAS, ENGLISH } from '../../src-renderer/i18n/catalogue';
import { ROOT, sourceFiles } from './source-files';

const CATALOGUE = /^src-renderer\/i18n\/(en\/|ar\.ts)/;

/** The string literals in `source` that look like a key of one of the catalogue's areas. */
function keysNamed(source: string): string[] {
  const areas = Object.keys(AREAS).join('|');
  const literal = new RegExp(`(['"\`])((?:${areas})\\.[A-Za-z0-9.]+)\\1`, 'g');
  return [...source.matchAll(literal)].map((found) => found[2] ?? '');
}

/** The names of a parsed message's arguments, sorted, each once (plural and select branches included). */
function argumentNames(elements: readonly MessageFormatElement[]): string[] {
  const names = new Set<string>();
  const walk = (list: readonly MessageFormatElement[]) => {
    for (const element of list) {
      if (element.type !== TYPE.literal && element.type !== TYPE.pound && element.type !== TYPE.tag) {
        names.add(element.value);
      }
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(elements);
  return [...names].sort();
}

function namedKeys(): Map<string, string> {
  const named = new Map<string, string>();
  for (const file of sourceFiles().filter(
    (path) => path.startsWith('src-renderer/') && !CATALOGUE.test(path),
  )) {
    for (const key of keysNamed(readFileSync(join(ROOT, file), 'utf8'))) named.set(key, file);
  }
  return named;
}

test('the scan finds keys in calls and tables, and not other dotted words', () => {
  assert.deepEqual(
    keysNamed(`t('app.loading'); const K = { a: "format.today" }; x('hearth.locale'); 'app.'`),
    ['app.loading', 'format.today'],
  );
});

test('every key the renderer names is in the English catalogue', () => {
  const missing = [...namedKeys()]
    .filter(([key]) => !(key in ENGLISH))
    .map(([key, file]) => `${key} (${file})`);
  assert.deepEqual(missing, []);
});

test('every key of the English catalogue is used by the renderer', () => {
  const named = namedKeys();
  assert.deepEqual(
    Object.keys(ENGLISH).filter((key) => !named.has(key)),
    [],
  );
});

test('the Arabic catalogue only translates English keys, and keeps their placeholders', () => {
  for (const [key, arabic] of Object.entries(ARABIC)) {
    const english = ENGLISH[key as keyof typeof ENGLISH];
    assert.ok(english !== undefined, key);
    assert.deepEqual(argumentNames(parse(arabic ?? '')), argumentNames(parse(english)), key);
  }
});

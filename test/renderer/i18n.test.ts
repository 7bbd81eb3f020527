// The i18n layer: which locale the window takes, which way it writes, the pseudo-locale's 40 % growth with
// placeholders and plurals intact, partial translations falling back to English, and plural rules that are
// the locale's (Intl.PluralRules through the library), not English's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { formatSize } from '../../src-renderer/format/size';
import { AREAS, ENGLISH } from '../../src-renderer/i18n/catalogue';
import { intl, t } from '../../src-renderer/i18n/intl';
import { chooseLocale, isRightToLeft, PSEUDO_LOCALE } from '../../src-renderer/i18n/locale';
import { messagesFor } from '../../src-renderer/i18n/messages';
import { accent, PSEUDO_GROWTH, pseudoMessage } from '../../src-renderer/i18n/pseudo';

test('the locale is the developer setting when valid, else the first valid system language, else English', () => {
  assert.equal(chooseLocale(['de-DE', 'en'], null), 'de-DE');
  assert.equal(chooseLocale(['de-DE'], PSEUDO_LOCALE), PSEUDO_LOCALE);
  assert.equal(chooseLocale(['not a tag!', 'fr-ca'], 'also not one'), 'fr-CA');
  assert.equal(chooseLocale([], null), 'en');
});

test('Arabic, Hebrew, Persian and Urdu write right to left; the rest and the pseudo-locale left to right', () => {
  for (const tag of ['ar', 'ar-EG', 'he-IL', 'fa', 'ur-PK']) assert.ok(isRightToLeft(tag), tag);
  for (const tag of ['en', 'de-DE', 'ja', PSEUDO_LOCALE, 'arn']) assert.ok(!isRightToLeft(tag), tag);
});

test('every catalogue key starts with its area, so two areas can never take the same key', () => {
  for (const [area, messages] of Object.entries(AREAS)) {
    for (const key of Object.keys(messages)) assert.ok(key.startsWith(`${area}.`), `${key} is in ${area}`);
  }
  const total = Object.values(AREAS).reduce((n, messages) => n + Object.keys(messages).length, 0);
  assert.equal(Object.keys(ENGLISH).length, total);
});

/** A value for every argument of a parsed message: a number where it counts, any text elsewhere. */
function sampleValues(elements: readonly MessageFormatElement[], into: Record<string, string | number> = {}) {
  for (const element of elements) {
    if (element.type === TYPE.plural || element.type === TYPE.number) into[element.value] = 2;
    else if (element.type === TYPE.argument || element.type === TYPE.select) into[element.value] ??= 'x';
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) sampleValues(option.value, into);
    }
    if (element.type === TYPE.tag) sampleValues(element.children, into);
  }
  return into;
}

test('every English message parses as ICU and formats with its arguments', () => {
  const english = createIntl({ locale: 'en', messages: ENGLISH, onError: (error) => assert.fail(error) });
  for (const [key, message] of Object.entries(ENGLISH)) {
    const shown = english.formatMessage({ id: key }, sampleValues(parse(message)));
    assert.equal(typeof shown, 'string', key);
    assert.ok(!shown.includes('{'), `${key} has no placeholder left: ${shown}`);
  }
});

test('the pseudo-locale accents, brackets and pads by at least 40 %, keeping placeholders and plurals', () => {
  assert.equal(accent('Send a message'), 'Šéñð å ɱéššåĝé');
  const pseudo = createIntl({
    locale: PSEUDO_LOCALE,
    messages: {
      one: pseudoMessage('Send'),
      many: pseudoMessage(
        '{count, plural, one {# new message from {name}} other {# new messages from {name}}}',
      ),
    },
  });
  const send = pseudo.formatMessage({ id: 'one' });
  assert.match(send, /^\[Šéñð ~+\]$/);
  assert.ok(send.length >= 'Send'.length * (1 + PSEUDO_GROWTH));
  assert.match(
    pseudo.formatMessage({ id: 'many' }, { count: 1, name: 'ana' }),
    /^\[1 ñéŵ ɱéššåĝé ƒŕöɱ ana ~+\]$/,
  );
  assert.match(
    pseudo.formatMessage({ id: 'many' }, { count: 1200, name: 'ana' }),
    /^\[1,200 ñéŵ ɱéššåĝéš ƒŕöɱ ana ~+\]$/,
  );
  const whole = createIntl({ locale: PSEUDO_LOCALE, messages: messagesFor(PSEUDO_LOCALE) });
  for (const [key, english] of Object.entries(ENGLISH)) {
    const shown = whole.formatMessage({ id: key }, {});
    if (!/[{}<]/.test(english))
      assert.ok(shown.length >= english.length * (1 + PSEUDO_GROWTH), `${key}: ${shown}`);
  }
});

test('a partial translation falls back to English key by key; other languages get English', () => {
  const arabic = messagesFor('ar-EG') as Record<string, string>;
  assert.deepEqual(Object.keys(arabic).sort(), Object.keys(ENGLISH).sort());
  assert.notEqual(arabic['app.loading'], ENGLISH['app.loading']);
  assert.equal(arabic['format.today'] !== undefined, true);
  assert.equal(messagesFor('de-DE'), ENGLISH);
});

test('plurals follow the locale’s own rules: Arabic has six forms, English two', () => {
  const message = '{count, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}';
  const form = (locale: string, count: number) =>
    createIntl({ locale, messages: { m: message } }).formatMessage({ id: 'm' }, { count });
  assert.deepEqual(
    [0, 1, 2, 3, 11, 100].map((n) => form('ar', n)),
    ['zero', 'one', 'two', 'few', 'many', 'other'],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 11, 100].map((n) => form('en', n)),
    ['other', 'one', 'other', 'other', 'other', 'other'],
  );
});

test('under Node (no navigator) the window falls back to English, and numbers and sizes are in its locale', () => {
  assert.equal(intl.locale, 'en');
  assert.equal(t('format.today'), 'Today');
  assert.equal(formatSize(812), '812 B');
  assert.equal(formatSize(1400), '1.4 kB');
  assert.equal(formatSize(6_300_000), '6.3 MB');
  assert.equal(formatSize(14_200_000_000), '14 GB');
});

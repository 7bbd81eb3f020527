import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLinks } from '../../src-renderer/format/links';

test('plain text stays one text part', () => {
  assert.deepEqual(splitLinks('no links here'), [{ kind: 'text', text: 'no links here' }]);
  assert.deepEqual(splitLinks(''), []);
});

test('http and https links are found, sentence punctuation left outside', () => {
  assert.deepEqual(splitLinks('See https://example.com/a?b=1. And http://x.org!'), [
    { kind: 'text', text: 'See ' },
    { kind: 'link', text: 'https://example.com/a?b=1', url: 'https://example.com/a?b=1' },
    { kind: 'text', text: '. And ' },
    { kind: 'link', text: 'http://x.org', url: 'http://x.org/' },
    { kind: 'text', text: '!' },
  ]);
});

test('brackets belong to a link only when it opened them', () => {
  assert.deepEqual(
    splitLinks('(see https://en.wikipedia.org/wiki/Fire_(disambiguation))').map((p) => p.text),
    ['(see ', 'https://en.wikipedia.org/wiki/Fire_(disambiguation)', ')'],
  );
});

test('other schemes and markup never become links', () => {
  for (const text of [
    'javascript:alert(1)',
    'file:///etc/passwd',
    '<a href="javascript:alert(1)">x</a>',
    'hearth://evil',
    'https://',
  ]) {
    assert.ok(
      splitLinks(text).every((p) => p.kind === 'text'),
      text,
    );
  }
  const tricky = splitLinks('<img src="https://x.test/a.png" onerror=alert(1)>');
  assert.deepEqual(
    tricky.filter((p) => p.kind === 'link').map((p) => p.text),
    ['https://x.test/a.png'],
  );
  assert.equal(tricky.map((p) => p.text).join(''), '<img src="https://x.test/a.png" onerror=alert(1)>');
});

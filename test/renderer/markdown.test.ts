import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MdNode, parseMessage, plainText } from '../../src-renderer/markdown/parse';

/** The text a person would read, formatting aside: nothing typed is lost or added. */
function shown(nodes: readonly MdNode[]): string {
  return nodes.map((node) => ('children' in node ? shown(node.children) : node.text)).join('');
}

function links(nodes: readonly MdNode[]): { href: string; text: string }[] {
  return nodes.flatMap((node) => {
    if (node.type === 'link') return [{ href: node.href, text: shown(node.children) }];
    return 'children' in node ? links(node.children) : [];
  });
}

const inline = (text: string) => {
  const [first, ...rest] = parseMessage(text);
  assert.equal(rest.length, 0, `one paragraph for ${JSON.stringify(text)}`);
  assert.equal(first?.type, 'paragraph');
  return first && 'children' in first ? first.children : [];
};

test('chat emphasis: *one star* bold, _underscores_ italic, ~~strike~~, `code`', () => {
  assert.deepEqual(inline('*bold* _it_ **also** ~~gone~~ `x < y`'), [
    { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
    { type: 'text', text: ' ' },
    { type: 'em', children: [{ type: 'text', text: 'it' }] },
    { type: 'text', text: ' ' },
    { type: 'strong', children: [{ type: 'text', text: 'also' }] },
    { type: 'text', text: ' ' },
    { type: 'strike', children: [{ type: 'text', text: 'gone' }] },
    { type: 'text', text: ' ' },
    { type: 'code', text: 'x < y' },
  ]);
  assert.deepEqual(inline('snake_case_name'), [{ type: 'text', text: 'snake_case_name' }]);
  assert.deepEqual(inline('\\*not bold\\*'), [{ type: 'text', text: '*not bold*' }]);
});

test('HTML is text: tags and entities stay exactly as typed', () => {
  for (const text of [
    '<b>hi</b>',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '&lt;b&gt;',
  ]) {
    assert.deepEqual(inline(text), [{ type: 'text', text }]);
  }
});

test('code blocks keep their text and language; quotes hold paragraphs; lines stay lines', () => {
  assert.deepEqual(parseMessage('```ts\nconst a = <b>1</b>;\n  indented\n```'), [
    { type: 'codeBlock', text: 'const a = <b>1</b>;\n  indented', lang: 'ts' },
  ]);
  assert.deepEqual(parseMessage('> quoted\nstill\n\nafter'), [
    { type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted\nstill' }] }] },
    { type: 'paragraph', children: [{ type: 'text', text: 'after' }] },
  ]);
  assert.deepEqual(inline('one\ntwo'), [{ type: 'text', text: 'one\ntwo' }]);
});

test('no document features: headings, lists, tables, images and hidden-target links stay text', () => {
  for (const text of ['# title', '- item', '1. first', '| a | b |', '![x](https://x.test/a.png)']) {
    assert.equal(shown(parseMessage(text)), text, text);
  }
  const hidden = inline('[click](https://evil.test)');
  assert.equal(shown(hidden), '[click](https://evil.test)');
  assert.deepEqual(links(hidden), [{ href: 'https://evil.test/', text: 'https://evil.test' }]);
});

test('links: http(s) and bare www. hosts, punctuation outside, a link always shows where it goes', () => {
  assert.deepEqual(links(parseMessage('See https://example.com/a?b=1. And www.example.org!')), [
    { href: 'https://example.com/a?b=1', text: 'https://example.com/a?b=1' },
    { href: 'http://www.example.org/', text: 'www.example.org' },
  ]);
  assert.deepEqual(links(parseMessage('(see https://en.wikipedia.org/wiki/Fire_(disambiguation))')), [
    {
      href: 'https://en.wikipedia.org/wiki/Fire_(disambiguation)',
      text: 'https://en.wikipedia.org/wiki/Fire_(disambiguation)',
    },
  ]);
  assert.deepEqual(links(parseMessage('<https://x.test/y>')), [
    { href: 'https://x.test/y', text: 'https://x.test/y' },
  ]);
});

test('what the app would not open stays plain text', () => {
  for (const text of [
    'javascript:alert(1)',
    '<javascript:alert(1)>',
    'file:///etc/passwd',
    'hearth://evil',
    'readme.md and v1.2.io',
    'ana@example.com',
    'https://',
  ]) {
    const nodes = parseMessage(text);
    assert.deepEqual(links(nodes), [], text);
    assert.equal(shown(nodes), text, text);
  }
});

test('bad input: long, deeply nested and empty text parse without throwing or losing characters', () => {
  assert.deepEqual(parseMessage(''), []);
  // markdown-it alone would drop text nested past its limit; it must still be read.
  assert.equal(shown(parseMessage(`${'>'.repeat(500)} deep`)), `${'>'.repeat(492)} deep`);
  assert.equal(shown(parseMessage('> > > > > > > > > > ten')), '> > ten');
  const stars = '*'.repeat(4000);
  assert.equal(shown(parseMessage(stars)), stars);
  const long = 'word '.repeat(800).trim();
  assert.equal(shown(parseMessage(long)), long);
});

test("a reply's quote reads the words without the markers, on one line", () => {
  assert.equal(plainText('*bold* and _it_ with `x < y`'), 'bold and it with x < y');
  assert.equal(plainText('> quoted\n\nthen ~~not~~ this'), 'quoted then not this');
  assert.equal(plainText('```\ncode block\n```\nafter'), 'code block after');
  assert.equal(plainText('see www.example.org <b>raw</b>'), 'see www.example.org <b>raw</b>');
});

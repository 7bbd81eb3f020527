// What counts as text: the rules of src-shared/text.ts on their own (a table and properties), then on the
// wire: a room refuses lone surrogates and invisible-only messages with `invalid`, and keeps the rest exactly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sendInput } from '../../src-main/service/inputs';
import { hasLoneSurrogate, looksEmpty } from '../../src-shared/text';
import { loginGuest, loginUser, RawClient } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

const INVISIBLE = [
  ' ',
  '\t',
  '\n',
  '\u0000',
  '\u0007',
  '\u00A0',
  '\u00AD',
  '\u034F',
  '\u115F',
  '\u1160',
  '\u180E',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u2028',
  '\u202E',
  '\u2060',
  '\u2064',
  '\u2800',
  '\u3000',
  '\u3164',
  '\uFE0F',
  '\uFEFF',
  '\uFFA0',
  '\u{E0001}',
  '\u{E0100}',
];

test('looksEmpty: a table of visible and invisible text', () => {
  const table: [string, boolean][] = [
    ['', true],
    ['hello', false],
    ['  a  ', false],
    ['.', false],
    ['\u200Bx\u200B', false],
    ['👍', false],
    ['👍\uFE0F', false],
    ['\u0301', false], // a lone combining accent still draws something
    ['e\u0301', false],
    ['\uE000', false], // private use: the font decides, often a visible glyph
    ['\u202Eevil', false],
    [INVISIBLE.join(''), true],
    ['\u200B\u200B\u200B', true],
    ['\u2060\u202E\u0000', true],
  ];
  for (const [text, empty] of table) assert.equal(looksEmpty(text), empty, JSON.stringify(text));
  for (const c of INVISIBLE) assert.equal(looksEmpty(c), true, `U+${c.codePointAt(0)?.toString(16)}`);
});

test('looksEmpty: any mix of invisible characters is empty; one letter anywhere makes it visible', () => {
  const invisible = fc.array(fc.constantFrom(...INVISIBLE), { maxLength: 30 }).map((a) => a.join(''));
  fc.assert(fc.property(invisible, (s) => looksEmpty(s)));
  const letter = fc.constantFrom('a', 'Z', 'ж', '字', '😀', '1', '?');
  fc.assert(fc.property(invisible, letter, invisible, (a, l, b) => !looksEmpty(a + l + b)));
});

test('hasLoneSurrogate is exactly "does not survive a UTF-8 round trip"', () => {
  const table: [string, boolean][] = [
    ['plain', false],
    ['😀', false],
    ['\uD83D', true],
    ['\uDE00', true],
    ['a\uD83Db', true],
    ['\uDE00\uD83D', true],
    ['\uD83D\uDE00\uD83D', true],
  ];
  for (const [text, lone] of table) assert.equal(hasLoneSurrogate(text), lone, JSON.stringify(text));
  const units = fc.array(
    fc.oneof(
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0x4e00, max: 0x4e10 }),
    ),
    { maxLength: 20 },
  );
  fc.assert(
    fc.property(units, (codes) => {
      const s = String.fromCharCode(...codes);
      return hasLoneSurrogate(s) === (Buffer.from(s, 'utf8').toString('utf8') !== s);
    }),
  );
});

test('the desktop service refuses the same texts before they reach its outbox', () => {
  const refusal = (text: string) => {
    const parsed = sendInput.safeParse({ conversation: 'room', text });
    return parsed.success ? null : parsed.error.issues[0]?.message;
  };
  assert.equal(refusal('\u200B\u2060'), 'The message is empty.');
  assert.equal(refusal('a\uD800'), 'The message has a broken character (a lone surrogate).');
  assert.equal(refusal('\u200Bvisible 😀'), null);
});

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0 });
});
after(() => t.dispose());

test('a room refuses lone surrogates in every text field with invalid, and keeps real pairs exactly', async () => {
  const ann = await loginUser(t.port, 'ann');
  const lone = '\uD800'.repeat(8000);
  const refused = await ann.ask('msg', { text: lone, cid: 'lone-1' });
  assert.equal(refused.code, 'invalid');
  assert.match(String(refused.content), /^msg: content\.text: .*lone surrogate/);
  assert.equal((await ann.ask('msg', { text: 'ok', cid: '\uDC00' })).code, 'invalid', 'cid');
  const classic = await RawClient.connect(t.port);
  classic.send(JSON.stringify({ request: 'login', content: 'classic' }));
  await classic.response('history');
  classic.send(JSON.stringify({ request: 'msg', content: 'x\uDBFFy' }));
  assert.equal((await classic.response('error')).code, 'invalid', 'classic string msg');
  const reg = await RawClient.connect(t.port);
  const weird = await reg.ask('register', { username: 'odd', password: 'long enough\uD800' });
  assert.equal(weird.code, 'invalid', 'password');

  const exact = '😀'.repeat(4000); // 8000 UTF-16 units: the longest message, all surrogate pairs
  const ack = await ann.ask('msg', { text: exact, cid: 'pair-1' });
  assert.equal(ack.response, 'ack');
  const page = await ann.ask('history', { conversation: 'room', limit: 5 });
  const texts = (page.content as { content: string }[]).map((m) => m.content);
  assert.deepEqual(texts, [exact], 'history returns exactly what was sent, and nothing refused');
  await Promise.all([ann.close(), classic.close(), reg.close()]);
});

test('a room refuses messages of only invisible characters, Hearth and classic alike', async () => {
  const bea = await loginGuest(t.port, 'bea');
  for (const text of ['\u200B', '\u2060\u2060', '\u202E', '\u0000', ' \u3164 ', INVISIBLE.join('')]) {
    const answer = await bea.ask('msg', { text, cid: `inv-${text.length}-${text.codePointAt(0)}` });
    assert.equal(answer.code, 'invalid', JSON.stringify(text));
    assert.match(String(answer.content), /message is empty/);
  }
  const classic = await RawClient.connect(t.port);
  classic.send(JSON.stringify({ request: 'login', content: 'classic2' }));
  await classic.response('history');
  classic.send(JSON.stringify({ request: 'msg', content: '\u200B\u200D' }));
  const err = await classic.response('error');
  assert.equal(err.code, 'invalid');
  assert.match(String(err.content), /message is empty/);
  assert.equal((await bea.ask('msg', { text: '\u200Bvisible', cid: 'vis-1' })).response, 'ack');
  await Promise.all([bea.close(), classic.close()]);
});

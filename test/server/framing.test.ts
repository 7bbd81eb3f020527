import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FrameDecoder } from '../../src-shared/framing';
import { collectGarbage } from '../abuse/figures';

function collect(max = 1024) {
  const frames: string[] = [];
  const tooLarge: number[] = [];
  const decoder = new FrameDecoder(max);
  const sink = { frame: (t: string) => frames.push(t), tooLarge: (n: number) => tooLarge.push(n) };
  return { frames, tooLarge, decoder, push: (chunk: Uint8Array | string) => decoder.push(chunk, sink) };
}

const bytes = (s: string) => new TextEncoder().encode(s);

const sample = [
  { request: 'login', content: 'alice' },
  { request: 'msg', content: 'braces } { and "quotes" and \\ backslash \\" inside' },
  { request: 'msg', content: { text: 'grüße 👋 日本語', cid: 'c-1', to: 'room' } },
  { request: 'names', content: null },
];
const joined = sample.map((o) => JSON.stringify(o)).join('');

test('back-to-back objects with no delimiter are split', () => {
  const c = collect();
  c.push(joined);
  assert.deepEqual(
    c.frames.map((f) => JSON.parse(f)),
    sample,
  );
});

test('newline-delimited objects with blank lines and CRLF are split', () => {
  const c = collect();
  c.push(`\n${sample.map((o) => JSON.stringify(o)).join('\r\n\n  ')}\n`);
  assert.deepEqual(
    c.frames.map((f) => JSON.parse(f)),
    sample,
  );
});

test('a stream split at every byte boundary gives the same frames, including split UTF-8', () => {
  const all = bytes(joined);
  for (let cut = 1; cut < all.length; cut++) {
    const c = collect();
    c.push(all.subarray(0, cut));
    c.push(all.subarray(cut));
    assert.deepEqual(
      c.frames.map((f) => JSON.parse(f)),
      sample,
      `cut at byte ${cut}`,
    );
  }
});

test('one byte at a time', () => {
  const all = bytes(joined);
  const c = collect();
  for (let i = 0; i < all.length; i++) c.push(all.subarray(i, i + 1));
  assert.deepEqual(
    c.frames.map((f) => JSON.parse(f)),
    sample,
  );
});

test('the decoder copies partial frames, so the caller may reuse its buffer', () => {
  const c = collect();
  const buffer = new Uint8Array(8);
  const all = bytes('{"request":"help"}');
  for (let i = 0; i < all.length; i += 8) {
    const piece = all.subarray(i, i + 8);
    buffer.fill(0x7b);
    buffer.set(piece);
    c.push(buffer.subarray(0, piece.length));
  }
  assert.deepEqual(c.frames, ['{"request":"help"}']);
});

test('any split of random JSON objects reproduces them exactly (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.boolean(),
      (objects, cuts, newlines) => {
        const all = bytes(objects.map((o) => JSON.stringify(o)).join(newlines ? '\n' : ''));
        const points = [...new Set(cuts.map((n) => n % (all.length + 1)))].sort((a, b) => a - b);
        const c = collect(1 << 20);
        let from = 0;
        for (const p of [...points, all.length]) {
          c.push(all.subarray(from, p));
          from = p;
        }
        assert.deepEqual(
          c.frames.map((f) => JSON.parse(f)),
          objects.map((o) => JSON.parse(JSON.stringify(o))),
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('garbage outside objects becomes its own frame (ending at a newline or a brace)', () => {
  const c = collect();
  c.push('hello world\n{"request":"help"}oops{"request":"names"}[1,2]"str"');
  assert.deepEqual(c.frames, [
    'hello world',
    '{"request":"help"}',
    'oops',
    '{"request":"names"}',
    '[1,2]',
    '"str"',
  ]);
});

test('a frame over the limit is reported once and nothing more is decoded', () => {
  const c = collect(64);
  c.push('{"request":"help"}');
  c.push(`{"request":"msg","content":"${'x'.repeat(40)}`);
  c.push(`${'y'.repeat(40)}"}{"request":"names"}`);
  assert.deepEqual(c.frames, ['{"request":"help"}']);
  assert.equal(c.tooLarge.length, 1);
  assert.ok(c.decoder.failed);
  c.push('{"request":"names"}');
  assert.equal(c.frames.length, 1);
});

test('a frame exactly at the limit passes; one byte more does not', () => {
  const frame = `{"a":"${'z'.repeat(50)}"}`;
  const ok = collect(frame.length);
  ok.push(frame);
  assert.deepEqual(ok.frames, [frame]);
  const over = collect(frame.length - 1);
  over.push(frame);
  assert.deepEqual(over.frames, []);
  assert.equal(over.tooLarge.length, 1);
});

test('an unterminated object keeps waiting (midFrame) until completed', () => {
  const c = collect();
  c.push('{"request":"msg","content":"a}');
  assert.equal(c.frames.length, 0);
  assert.ok(c.decoder.midFrame);
  c.push('"}');
  assert.deepEqual(c.frames, ['{"request":"msg","content":"a}"}']);
  assert.ok(!c.decoder.midFrame);
});

test('an unfinished frame arriving in many tiny chunks costs about its own size, not its chunks', async () => {
  // The TLS layer hands each record over as a view of a larger allocation; a decoder keeping views (or one
  // object per chunk) would hold all of them. 3,000 one-byte chunks of 16 KiB allocations = 47 MiB pinned.
  const c = collect(64 * 1024);
  c.push('{"request":"msg","content":"');
  const before = await settledMemory();
  for (let i = 0; i < 3000; i++) {
    const record = Buffer.allocUnsafeSlow(16 * 1024);
    record[0] = 0x61;
    c.push(record.subarray(0, 1));
  }
  assert.ok(c.decoder.heldBytes >= 3000 && c.decoder.heldBytes <= 8192, `held ${c.decoder.heldBytes}`);
  // V8 frees an ArrayBuffer's backing store on a background thread after the collection that found it dead,
  // so one gc() and an immediate reading can still count freed records: wait for the figure to settle.
  let grown = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 40 && grown >= 4 * 1024 * 1024; attempt++)
    grown = (await settledMemory()) - before;
  assert.ok(grown < 4 * 1024 * 1024, `3,000 bytes held cost ${grown} bytes`);
  c.push('"}');
  assert.equal(JSON.parse(c.frames[0] as string).content, 'a'.repeat(3000));
});

/** Heap plus array buffers after a full collection and a pause for the backing stores' background release. */
async function settledMemory(): Promise<number> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 25));
  collectGarbage();
  const m = process.memoryUsage();
  return m.arrayBuffers + m.heapUsed;
}

test('the limit can change between chunks: a frame past the lowered limit fails, one under a raised one passes', () => {
  const c = collect(100);
  c.push('{"a":"');
  c.decoder.limit = 1000;
  c.push(`${'x'.repeat(500)}"}`);
  assert.equal(c.frames.length, 1);
  c.decoder.limit = 100;
  c.push(`{"a":"${'x'.repeat(200)}"}`);
  assert.deepEqual(c.tooLarge, [101]);
});

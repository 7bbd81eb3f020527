// Property-based tests of the frame decoder: however a byte stream is cut into chunks, it yields the same
// frames and the same clean "too large" error, and it never throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FrameDecoder } from '../../src-shared/framing';

type DecodeEvent = { frame: string } | { tooLarge: number };

const encoder = new TextEncoder();

/** Feeds the chunks one by one from a single scratch buffer that is wiped after each push, as a socket may. */
function decode(chunks: readonly Uint8Array[], maxFrameBytes: number): DecodeEvent[] {
  const events: DecodeEvent[] = [];
  const decoder = new FrameDecoder(maxFrameBytes);
  const sink = {
    frame: (text: string) => events.push({ frame: text }),
    tooLarge: (bytes: number) => events.push({ tooLarge: bytes }),
  };
  const scratch = new Uint8Array(Math.max(1, ...chunks.map((c) => c.length)));
  for (const chunk of chunks) {
    scratch.set(chunk);
    decoder.push(scratch.subarray(0, chunk.length), sink);
    scratch.fill(0x7b);
  }
  return events;
}

function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % (bytes.length + 1) : 0)))].sort(
    (a, b) => a - b,
  );
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.slice(from, point));
    from = point;
  }
  chunks.push(bytes.slice(from));
  return chunks;
}

const cuts = fc.array(fc.nat(), { maxLength: 30 });

/** Bytes biased towards what the decoder looks at: braces, brackets, quotes, escapes, whitespace, UTF-8. */
const interestingByte = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x5c, 0x0a, 0x0d, 0x20, 0x09) },
  { weight: 2, arbitrary: fc.constantFrom(0x61, 0x31, 0x3a, 0x2c) },
  { weight: 1, arbitrary: fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x00) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const byteStream = fc.array(interestingByte, { maxLength: 600 }).map((bytes) => Uint8Array.from(bytes));

test('any byte sequence, cut at any points, yields the same frames and errors as fed whole', () => {
  fc.assert(
    fc.property(byteStream, cuts, fc.integer({ min: 1, max: 300 }), (bytes, points, max) => {
      assert.deepEqual(decode(splitAt(bytes, points), max), decode([bytes], max));
    }),
    { numRuns: 3000 },
  );
});

test('byte by byte is the same as whole, for arbitrary bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (bytes, max) => {
      const oneByOne = Array.from(bytes, (b) => Uint8Array.of(b));
      assert.deepEqual(decode(oneByOne, max), decode([bytes], max));
    }),
    { numRuns: 1000 },
  );
});

test('a too-large frame is reported once, last, above the limit, and nothing follows it', () => {
  fc.assert(
    fc.property(byteStream, cuts, fc.integer({ min: 1, max: 120 }), (bytes, points, max) => {
      const events = decode(splitAt(bytes, points), max);
      const errors = events.filter((e) => 'tooLarge' in e);
      assert.ok(errors.length <= 1);
      const error = errors[0];
      if (error && 'tooLarge' in error) {
        assert.equal(events.at(-1), error);
        assert.ok(error.tooLarge > max);
      }
      for (const event of events) {
        if ('frame' in event) assert.notEqual(event.frame.trim(), '');
      }
    }),
    { numRuns: 2000 },
  );
});

/** A JSON value the way a client would put one on the wire, and the separator that follows it. */
const wireValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .dictionary(
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }),
        {
          maxKeys: 5,
        },
      )
      .map((value) => ({ value: value as unknown, bare: false })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.jsonValue({ stringUnit: 'binary', maxDepth: 2 }), { maxLength: 4 })
      .map((value) => ({ value: value as unknown, bare: false })),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary' }).map((value) => ({ value: value as unknown, bare: false })),
  },
  // Deep nesting, so that depth counting is exercised far beyond what jsonValue builds by itself.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.jsonValue({ maxDepth: 1 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }))
      .map(([leaf, path]) => ({
        value: path.reduce<unknown>((inner, asArray) => (asArray ? [inner] : { k: inner }), leaf),
        bare: false,
      })),
  },
  // Numbers, booleans and null have no closing character: only a newline can end them.
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      )
      .map((value) => ({ value: value as unknown, bare: true })),
  },
);
const separator = fc.constantFrom('', '', '\n', '\r\n', ' ', '\t', '\n\n', ' \r\n\t ');
const indent = fc.constantFrom(undefined, 2, '\t');

test('valid JSON values, with any whitespace or none between them and cut anywhere, decode to the same values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(wireValue, separator, indent), { minLength: 1, maxLength: 8 }),
      cuts,
      (items, points) => {
        const text = items
          .map(
            ([{ value, bare }, sep, space]) => JSON.stringify(value, null, space) + (bare ? `\n${sep}` : sep),
          )
          .join('');
        const events = decode(splitAt(encoder.encode(text), points), 1 << 20);
        const expected = items.map(([{ value }]) => ({ frame: JSON.stringify(value) }));
        assert.deepEqual(
          events.map((e) => ('frame' in e ? { frame: JSON.stringify(JSON.parse(e.frame)) } : e)),
          expected,
        );
      },
    ),
    { numRuns: 1500 },
  );
});

test('multi-byte UTF-8 characters split across chunks at every position survive', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (text) => {
      const wire = encoder.encode(`{"request":"msg","content":${JSON.stringify(text)}}`);
      for (let cut = 1; cut < wire.length; cut++) {
        const [event, ...rest] = decode([wire.subarray(0, cut), wire.subarray(cut)], 1 << 16);
        assert.deepEqual(rest, []);
        assert.ok(event && 'frame' in event);
        assert.equal(JSON.parse(event.frame).content, text);
      }
    }),
    { numRuns: 300 },
  );
  const emoji = encoder.encode('{"content":"😀€é漢"}');
  const oneByOne = Array.from(emoji, (b) => Uint8Array.of(b));
  assert.deepEqual(decode(oneByOne, 100), [{ frame: '{"content":"😀€é漢"}' }]);
});

test('an oversized frame among valid ones: those before it arrive, then one clean error, then nothing', () => {
  const small = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  fc.assert(
    fc.property(
      fc.array(small, { maxLength: 5 }),
      fc.array(small, { maxLength: 5 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.boolean(),
      separator,
      cuts,
      (before, after, excess, terminated, sep, points) => {
        const lengths = [...before, ...after].map((o) => encoder.encode(JSON.stringify(o)).length);
        const max = Math.max(64, ...lengths);
        const huge = `{"request":"msg","content":"${'€'.repeat(Math.ceil((max + excess) / 3))}`;
        const text = [...before.map((o) => JSON.stringify(o)), terminated ? `${huge}"}` : huge]
          .concat(terminated ? after.map((o) => JSON.stringify(o)) : [])
          .join(sep);
        const events = decode(splitAt(encoder.encode(text), points), max);
        const last = events.at(-1);
        assert.ok(last && 'tooLarge' in last && last.tooLarge > max);
        assert.deepEqual(
          events.slice(0, -1),
          before.map((o) => ({ frame: JSON.stringify(o) })),
        );
      },
    ),
    { numRuns: 500 },
  );
});

test('a frame of exactly the limit is accepted and one byte more is refused', () => {
  for (const max of [16, 100, 64 * 1024]) {
    const exact = `{"a":"${'x'.repeat(max - 8)}"}`;
    assert.equal(encoder.encode(exact).length, max);
    assert.deepEqual(decode([encoder.encode(`${exact}\n`)], max), [{ frame: exact }]);
    const over = `{"a":"${'x'.repeat(max - 7)}"}`;
    assert.deepEqual(decode([encoder.encode(`${over}\n`)], max), [{ tooLarge: max + 1 }]);
  }
});

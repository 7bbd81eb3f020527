// What the live fuzzer sends: valid Hearth/KTN requests and many ways of breaking them.
// Every frame is plain bytes (it may not even be UTF-8); the kind says how it was made so that the
// report can say which kinds the server answered how.
import {
  HISTORY_ON_LOGIN,
  MAX_MESSAGE_CHARS,
  MAX_PAGE,
  REQUEST_NAMES,
  type RequestName,
} from '../src-shared/protocol';
import { KNOWN_NAMES } from './cast';
import type { Random } from './random';

export const FRAME_KINDS = [
  'valid',
  'bit_flip',
  'truncated',
  'duplicated',
  'spliced',
  'huge_string',
  'deep_nesting',
  'wrong_type',
  'unknown_request',
  'garbage',
  'oversized',
] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

export interface FuzzFrame {
  kind: FrameKind;
  bytes: Buffer;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ODD_STRINGS = [
  '',
  'None',
  'null',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'server',
  'room',
  '@server',
  '\u0000',
  '\u2028\u2029',
  '\uD800',
  '😀',
  'ünïcødé',
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '../../etc/passwd',
  ' '.repeat(40),
];

function randomName(rng: Random): string {
  if (rng.chance(0.3)) return rng.pick(KNOWN_NAMES);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
  let out = '';
  const length = rng.int(1, 12);
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return `fz${out}`;
}

function randomText(rng: Random, maxChars: number): string {
  if (rng.chance(0.2)) return rng.pick(ODD_STRINGS);
  const pieces = ['a', 'Z', '9', ' ', '"', '\\', '{', '}', '\n', '\t', 'é', '€', '漢', '😀', '\u0000'];
  let out = '';
  const length = rng.int(0, maxChars);
  for (let i = 0; i < length; i++) out += rng.pick(pieces);
  return out;
}

function randomJson(rng: Random, depth: number): Json {
  const roll = rng.int(0, depth > 3 ? 5 : 7);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, rng.int(-1e6, 1e6)]);
    case 3:
    case 4:
    case 5:
      return randomText(rng, 20);
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
    default: {
      const obj: { [key: string]: Json } = {};
      for (let i = rng.int(0, 4); i > 0; i--) obj[randomText(rng, 8)] = randomJson(rng, depth + 1);
      return obj;
    }
  }
}

// Password hashing costs the server ~0.1 s of CPU per register or password login (bcrypt cost 10, on purpose),
// so at the natural one-in-fourteen those few requests would eat most of a run's time; they stay, but rarer.
const REQUEST_MIX: readonly RequestName[] = [
  ...REQUEST_NAMES.filter((name) => name !== 'register').flatMap((name) => [name, name, name, name]),
  'register',
];

/** A request the schema accepts (as far as its shape goes: names and friends may not exist). */
export function validRequest(rng: Random): { [key: string]: Json } {
  const request = rng.pick(REQUEST_MIX);
  const credentials = () => ({ username: randomName(rng), password: `pw-${randomName(rng)}` });
  const conversation = () => (rng.chance(0.7) ? 'room' : `@${randomName(rng)}`);
  let content: Json;
  switch (request) {
    case 'login':
      content = rng.chance(0.05)
        ? credentials()
        : rng.pick<Json>([
            randomName(rng),
            randomName(rng),
            { username: randomName(rng), guest: true },
            { username: randomName(rng), token: randomText(rng, 128) || 't' },
          ]);
      break;
    case 'register':
      content = credentials();
      break;
    case 'msg':
      content = rng.chance(0.4)
        ? randomText(rng, 60)
        : { text: `x${randomText(rng, 60)}`, cid: `c${rng.int(0, 1e9)}`, to: conversation() };
      break;
    case 'history':
      content = rng.chance(0.5)
        ? { conversation: conversation(), before: rng.int(0, 1e6), limit: rng.int(1, MAX_PAGE) }
        : rng.pick([null, '', 'None', { conversation: 'room', limit: HISTORY_ON_LOGIN }]);
      break;
    case 'resume':
      content = { since: rng.int(0, 1e6), limit: rng.int(1, 1000) };
      break;
    case 'friend_request':
    case 'friend_accept':
    case 'friend_decline':
    case 'friend_remove':
      content = { username: randomName(rng) };
      break;
    default:
      content = rng.pick([null, '', 'None']);
  }
  const frame: { [key: string]: Json } = { request, content };
  if (rng.chance(0.3)) frame.rid = `r${rng.int(0, 1e6)}`;
  return frame;
}

function serialise(value: Json, rng: Random): Buffer {
  return Buffer.from(JSON.stringify(value, null, rng.chance(0.1) ? rng.int(1, 4) : undefined));
}

function flipBits(rng: Random, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = rng.int(1, 4); i > 0; i--) {
    const at = rng.int(0, out.length - 1);
    out[at] = (out[at] ?? 0) ^ (1 << rng.int(0, 7));
  }
  return out;
}

function withWrongType(rng: Random): Json {
  const base = validRequest(rng);
  switch (rng.int(0, 4)) {
    case 0:
      return { ...base, content: randomJson(rng, 0) };
    case 1:
      return { ...base, request: randomJson(rng, 2) };
    case 2:
      return { ...base, rid: randomJson(rng, 1) };
    case 3: {
      const content = base.content;
      if (content && typeof content === 'object' && !Array.isArray(content)) {
        const keys = Object.keys(content);
        if (keys.length) return { ...base, content: { ...content, [rng.pick(keys)]: randomJson(rng, 1) } };
      }
      return { ...base, content: randomJson(rng, 0) };
    }
    default:
      return randomJson(rng, 0);
  }
}

function hugeString(rng: Random, maxFrameBytes: number): Json {
  const char = rng.pick(['a', 'é', '€', '😀']);
  const charBytes = Buffer.byteLength(char);
  const chars = rng.chance(0.5)
    ? MAX_MESSAGE_CHARS + rng.int(-2, 2)
    : Math.floor((maxFrameBytes - 200) / charBytes) - rng.int(0, 100);
  const text = char.repeat(Math.max(1, chars));
  return rng.chance(0.5)
    ? { request: 'msg', content: text }
    : { request: 'msg', content: { text, cid: `c${rng.int(0, 1e9)}`, to: 'room' } };
}

function deepNesting(rng: Random, maxFrameBytes: number): Buffer {
  const depth = rng.int(100, Math.floor(maxFrameBytes / 2) - 100);
  const [open, close] = rng.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
  const inner = open.repeat(depth) + (rng.chance(0.8) ? `1${close.repeat(depth)}` : '');
  return Buffer.from(`{"request":"${rng.pick(REQUEST_NAMES)}","content":${inner}}`).subarray(
    0,
    maxFrameBytes - 1,
  );
}

function oversized(rng: Random, maxFrameBytes: number): Buffer {
  const size = maxFrameBytes + rng.int(1, maxFrameBytes);
  if (rng.chance(0.5)) return Buffer.from(JSON.stringify({ request: 'msg', content: 'o'.repeat(size) }));
  // An unterminated object: the decoder cannot know where it ends, only that it is already too big.
  return Buffer.concat([Buffer.from('{"request":"msg","content":"'), Buffer.alloc(size, 0x61)]);
}

/** Makes one fuzz frame at a time; maxFrameBytes is the server's limit, so sizes land on both sides of it. */
export function createFrameSource(rng: Random, maxFrameBytes: number): () => FuzzFrame {
  const validBytes = () => serialise(validRequest(rng), rng);
  const makers: Record<FrameKind, () => Buffer> = {
    valid: validBytes,
    bit_flip: () => flipBits(rng, validBytes()),
    truncated: () => {
      const bytes = validBytes();
      return bytes.subarray(0, rng.int(1, bytes.length - 1));
    },
    duplicated: () => {
      const bytes = validBytes();
      if (rng.chance(0.5)) return Buffer.concat(Array.from({ length: rng.int(2, 5) }, () => bytes));
      const from = rng.int(0, bytes.length - 1);
      const slice = bytes.subarray(from, rng.int(from, bytes.length));
      return Buffer.concat([bytes.subarray(0, from), slice, bytes.subarray(from)]);
    },
    spliced: () => {
      const a = validBytes();
      const b = validBytes();
      return Buffer.concat([a.subarray(0, rng.int(0, a.length)), b.subarray(rng.int(0, b.length))]);
    },
    huge_string: () => serialise(hugeString(rng, maxFrameBytes), rng),
    deep_nesting: () => deepNesting(rng, maxFrameBytes),
    wrong_type: () => serialise(withWrongType(rng), rng),
    unknown_request: () =>
      serialise({ request: rng.chance(0.5) ? rng.pick(ODD_STRINGS) : randomName(rng), content: null }, rng),
    garbage: () => rng.bytes(rng.int(1, 2000)),
    oversized: () => oversized(rng, maxFrameBytes),
  };
  // Mostly cheap frames, so that a run covers many; the big ones are rare but always present.
  const weights: Record<FrameKind, number> = {
    valid: 14,
    bit_flip: 16,
    truncated: 10,
    duplicated: 8,
    spliced: 8,
    huge_string: 2,
    deep_nesting: 1,
    wrong_type: 16,
    unknown_request: 8,
    garbage: 12,
    oversized: 0.3,
  };
  const total = FRAME_KINDS.reduce((sum, kind) => sum + weights[kind], 0);
  return () => {
    let roll = rng.next() * total;
    for (const kind of FRAME_KINDS) {
      roll -= weights[kind];
      if (roll < 0) return { kind, bytes: makers[kind]() };
    }
    return { kind: 'valid', bytes: makers.valid() };
  };
}

/** How frames are separated on the wire: mostly newlines, sometimes nothing at all (classic clients). */
export function randomDelimiter(rng: Random): string {
  return rng.pick(['\n', '\n', '\n', '\n', '\r\n', '', '', ' \n', '\n\n']);
}

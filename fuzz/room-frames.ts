// Frames a fuzzed room sends to a client: valid responses of every kind, the same with one field swapped for
// something random, truncated or glued lines, random bytes, and message pushes with ids that jump around.
import type { Random } from './random';

const now = () => new Date().toISOString();
const names = ['ann', 'bob', 'carol', 'server', 'x'.repeat(40), '', 'a b', '💥'];

function randomValue(random: Random, depth = 0): unknown {
  switch (random.int(0, 9)) {
    case 0:
      return random.int(-(2 ** 40), 2 ** 40);
    case 1:
      return random.pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -0]);
    case 2:
      return random.pick(names);
    case 3:
      return 'z'.repeat(random.int(0, 20_000));
    case 4:
      return random.chance(0.5);
    case 5:
      return null;
    case 6:
      return depth > 3 ? [] : Array.from({ length: random.int(0, 5) }, () => randomValue(random, depth + 1));
    case 7:
      return depth > 3 ? {} : { [random.pick(names)]: randomValue(random, depth + 1) };
    case 8:
      return random.pick(['room', 'dm', 'join', 'welcome', 'invalid', 'rate_limited', 'message']);
    default:
      return now();
  }
}

function pushed(random: Random, id: number) {
  const dm = random.chance(0.2);
  return {
    timestamp: now(),
    sender: random.pick(['bob', 'carol']),
    response: 'message',
    content: `fuzz ${id}`,
    id,
    conv: dm ? 'dm' : 'room',
    ...(dm ? { to: 'ann' } : {}),
  };
}

function valid(random: Random, nextId: () => number): Record<string, unknown> {
  const base = { timestamp: now(), sender: 'server' };
  const snapshot = { friends: [{ username: 'bob', online: random.chance(0.5) }], incoming: [], outgoing: [] };
  const re = random.chance(0.3) ? { re: `r${random.int(1, 50)}` } : {};
  return random.pick([
    () => pushed(random, nextId()),
    () => ({ ...base, ...re, response: 'info', content: 'hello', event: 'join', user: 'bob' }),
    () => ({ ...base, ...re, response: 'error', content: 'no', code: 'rate_limited' }),
    () => ({
      ...base,
      ...re,
      response: 'presence',
      content: { username: 'bob', online: random.chance(0.5) },
    }),
    () => ({ ...base, ...re, response: 'friends', content: snapshot }),
    () => ({
      ...base,
      ...re,
      response: 'ack',
      content: { cid: `c${random.int(0, 9)}`, id: nextId(), timestamp: now(), duplicate: false },
    }),
    () => ({
      ...base,
      ...re,
      response: 'history',
      content: [pushed(random, random.int(1, 50))],
      more: random.chance(0.5),
    }),
    () => ({ ...base, ...re, response: 'resume', content: [], more: random.chance(0.5) }),
    () => ({ ...base, ...re, response: 'pong', content: null }),
  ])();
}

/** Replace one field anywhere in the object with a random value. */
function mutate(random: Random, frame: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(frame);
  let node: Record<string, unknown> = copy;
  while (true) {
    const keys = Object.keys(node);
    const key = random.pick(keys);
    const child = node[key];
    if (child && typeof child === 'object' && !Array.isArray(child) && random.chance(0.5)) {
      node = child as Record<string, unknown>;
      continue;
    }
    node[key] = randomValue(random);
    return copy;
  }
}

/** The next chunk of bytes a fuzzed room writes: usually one line, sometimes several or a broken one. */
export function roomFrame(random: Random, nextId: () => number): string | Buffer {
  const roll = random.next();
  if (roll < 0.35) return `${JSON.stringify(valid(random, nextId))}\n`;
  if (roll < 0.75) return `${JSON.stringify(mutate(random, valid(random, nextId)))}\n`;
  if (roll < 0.85) {
    const line = JSON.stringify(valid(random, nextId));
    return `${line.slice(0, random.int(0, line.length))}\n`;
  }
  if (roll < 0.9) return Buffer.concat([random.bytes(random.int(1, 200)), Buffer.from('\n')]);
  if (roll < 0.95) return `${JSON.stringify(pushed(random, random.int(0, 100)))}\n`;
  return '\n';
}

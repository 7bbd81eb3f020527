// Frames a hostile room might send: one valid example of every response kind, and from each, one mutant per
// field with a value of the wrong type; plus frames that are no response at all.
import { message, now } from './scripted-room';

const base = () => ({ timestamp: now(), sender: 'server' });
const snapshot = () => ({
  friends: [{ username: 'bob', online: true }],
  incoming: ['carol'],
  outgoing: ['dave'],
});

export function validExamples(): Record<string, unknown>[] {
  return [
    { ...base(), response: 'error', content: 'no', code: 'invalid', re: 'r1' },
    { ...base(), response: 'info', content: 'hi', users: ['bob'], event: 'join', user: 'bob' },
    { ...message(5), to: 'ann', conv: 'dm' },
    { ...base(), response: 'history', content: [message(1)], conv: 'room', more: false },
    {
      ...base(),
      response: 'login',
      content: {
        username: 'ann',
        guest: false,
        lastId: 0,
        history: [message(1)],
        friends: snapshot(),
        token: 't',
      },
    },
    { ...base(), response: 'ack', content: { cid: 'c1', id: 1, timestamp: now(), duplicate: false } },
    { ...base(), response: 'resume', content: [message(1)], more: false },
    { ...base(), response: 'presence', content: { username: 'bob', online: true } },
    { ...base(), response: 'friends', content: snapshot() },
    { ...base(), response: 'pong', content: null },
    { ...message(6), conv: '#3', sender: 'server', notice: 'membership' },
    { ...message(7), conv: '#3', content: '', deleted: true },
    { ...message(8), guest: true },
    { ...base(), response: 'rooms', content: [room()], invites: [{ ...room(), from: 'bob' }], browse: false },
    { ...base(), response: 'room', content: { ...room(), kind: 'group', people: ['ann', 'bob', 'carol'] } },
    { ...base(), response: 'room_removed', content: { room: '#3', reason: 'banned', by: 'bob' } },
    { ...base(), response: 'room_invite', content: room(), from: 'bob' },
    { ...base(), response: 'members', content: [member()], room: '#3', more: false },
    { ...base(), response: 'member', content: { room: '#3', username: 'bob', member: member() } },
    { ...base(), response: 'deleted', content: { id: 5, conv: '#3' } },
  ];
}

/** A room as a user sees it (docs/protocol.md § Rooms), every field set. */
function room() {
  return {
    id: '#3',
    name: 'Garden',
    topic: 'roses',
    kind: 'public',
    role: 'member',
    members: 2,
    readOnly: false,
    archived: false,
    guests: false,
    lastId: 9,
    mutedUntil: now(),
  };
}

function member() {
  return { username: 'bob', role: 'moderator', online: true, guest: false, mutedUntil: now() };
}

/** A value of another type than `value`'s. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '12';
  if (typeof value === 'boolean') return 'yes';
  if (value === null) return { surprise: true };
  if (Array.isArray(value)) return 7;
  return 'an object was expected';
}

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside `value` (object keys and array indexes), outermost first. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function replaced(value: Json, path: (string | number)[]): Json {
  const copy = structuredClone(value) as Json;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  node[last] = wrongType(node[last]);
  return copy;
}

/** One frame per field of every example, that field's value swapped for one of a wrong type. */
export function mutants(examples: Record<string, unknown>[]): Json[] {
  return examples.flatMap((example) => paths(example).map((path) => replaced(example, path)));
}

/** Frames that are not Hearth responses at all. */
export function unknownFrames(): (string | object)[] {
  return [
    { ...base(), response: 'hello', content: 'what is this' },
    { ...base(), content: 'no response field' },
    {},
    [],
    '"just a string"',
    'null',
    '42',
    'not json at all',
    '{"response":"message","id":1,"content":"x"',
    { ...base(), response: 'login', content: null, re: 'r1' },
    { ...message(9), id: -1 },
    { ...message(9), id: 1.5 },
    { ...message(9), content: 'x'.repeat(8001) },
    { ...message(9), sender: 'not a username!' },
    { ...message(9), timestamp: 'yesterday' },
  ];
}

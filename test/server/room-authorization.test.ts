// Authorization, table-driven: every room request × every role (owner, moderator, member, banned, non-member,
// guest) against a real server over real sockets, each cell on a fresh room. The table must have a row for
// every request in REQUEST_NAMES: a new request fails this test until its rules are written down here.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { REQUEST_NAMES, type RequestName } from '../../src-shared/protocol';
import { loginGuest, loginUser, type RawClient, type Received } from '../helpers/raw-client';
import { createRoom, join } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

const ROLES = ['owner', 'moderator', 'member', 'banned', 'non-member', 'guest'] as const;
type Role = (typeof ROLES)[number];

/** A fresh room with one account in each role, and a message by another member (the victim). */
interface Fixture {
  room: string;
  victimMessage: number;
}

/** What one role gets: the response type on success, else the error code. */
type Outcome = Record<Role, string>;

interface Case {
  label: string;
  content: (f: Fixture, actor: Role) => unknown;
  expect: Outcome;
  /** Names a room: a non-member of a private room gets `not_found` (private rooms stay hidden). */
  roomScoped: boolean;
  /** What a guest gets once it joined the room after its owner let guests in. */
  guestMember: string;
}

type Row = { cases: Case[] } | { outside: string };

const posting: Outcome = {
  owner: 'ack',
  moderator: 'ack',
  member: 'ack',
  banned: 'banned',
  'non-member': 'not_allowed',
  guest: 'not_allowed',
};
const membersOnly = (answer: string): Outcome => ({
  owner: answer,
  moderator: answer,
  member: answer,
  banned: 'banned',
  'non-member': 'not_allowed',
  guest: 'not_allowed',
});
const moderatorsOnly = (answer: string): Outcome => ({ ...membersOnly(answer), member: 'not_allowed' });
const ownerOnly = (answer: string): Outcome => ({ ...moderatorsOnly(answer), moderator: 'not_allowed' });
/** A message in a room one is not in (banned included) is not found, as if it did not exist. */
const unreachable = (answer: string): Outcome => ({
  owner: answer,
  moderator: answer,
  member: answer,
  banned: 'not_found',
  'non-member': 'not_found',
  guest: 'not_found',
});
/** The outcome of a request answered only when refused. */
const SILENT = 'silent';
const inRoom = (label: string, content: Case['content'], expect: Outcome, guestMember: string): Case => ({
  label,
  content,
  expect,
  roomScoped: true,
  guestMember,
});

let cid = 0;
const TABLE: Partial<Record<RequestName, Row>> = {
  login: { outside: 'before any room: the default-room ban refusing a login is in moderation.test.ts' },
  register: { outside: 'before any room' },
  logout: { outside: 'no room involved' },
  names: { outside: "the default room's online list, open to everyone logged in" },
  help: { outside: 'no room involved' },
  ping: { outside: 'no room involved' },
  resume: {
    outside: 'across every conversation the user may see: rooms.test.ts, moderation.test.ts (banned)',
  },
  friend_request: { outside: 'friends, not rooms: friends.test.ts' },
  friend_accept: { outside: 'friends, not rooms: friends.test.ts' },
  friend_decline: { outside: 'friends, not rooms: friends.test.ts' },
  friend_remove: { outside: 'friends, not rooms: friends.test.ts' },
  friends: { outside: 'friends, not rooms: friends.test.ts' },
  block: { outside: 'friends, not rooms: friends.test.ts' },
  unblock: { outside: 'friends, not rooms: friends.test.ts' },
  group_create: { outside: 'makes a new group of friends, no existing room: rooms.test.ts' },
  rooms: {
    cases: [
      {
        label: 'list',
        content: () => ({ browse: false }),
        expect: { ...membersOnly('rooms'), banned: 'rooms', 'non-member': 'rooms', guest: 'rooms' },
        roomScoped: false,
        guestMember: 'rooms',
      },
    ],
  },
  room_create: {
    cases: [
      {
        label: 'create',
        content: () => ({ name: 'Another', visibility: 'public' }),
        expect: { ...membersOnly('room'), banned: 'room', 'non-member': 'room', guest: 'not_allowed' },
        roomScoped: false,
        guestMember: 'not_allowed',
      },
    ],
  },
  room_join: {
    cases: [
      inRoom('join', (f) => ({ room: f.room }), { ...membersOnly('room'), 'non-member': 'room' }, 'room'),
    ],
  },
  // Only someone with a pending invite declines one (rooms.test.ts); nobody here has one (a ban drops it).
  room_decline: {
    cases: [
      inRoom(
        'no invite',
        (f) => ({ room: f.room }),
        {
          ...unreachable('not_found'),
          owner: 'not_found',
          moderator: 'not_found',
          member: 'not_found',
          guest: 'not_allowed',
        },
        'not_allowed',
      ),
    ],
  },
  room_leave: { cases: [inRoom('leave', (f) => ({ room: f.room }), membersOnly('info'), 'info')] },
  room_invite: {
    cases: [inRoom('invite', (f) => ({ room: f.room, username: 'zed' }), membersOnly('info'), 'not_allowed')],
  },
  room_update: {
    cases: [
      inRoom('topic', (f) => ({ room: f.room, topic: 'new topic' }), moderatorsOnly('room'), 'not_allowed'),
      inRoom('guests', (f) => ({ room: f.room, guests: true }), moderatorsOnly('room'), 'not_allowed'),
      inRoom('archive', (f) => ({ room: f.room, archived: true }), ownerOnly('room'), 'not_allowed'),
    ],
  },
  room_members: { cases: [inRoom('list', (f) => ({ room: f.room }), membersOnly('members'), 'members')] },
  room_role: {
    cases: [
      inRoom(
        'promote',
        (f) => ({ room: f.room, username: 'vic', role: 'moderator' }),
        ownerOnly('info'),
        'not_allowed',
      ),
    ],
  },
  moderate: {
    cases: [
      inRoom(
        'mute',
        (f) => ({ room: f.room, username: 'vic', action: 'mute', minutes: 5 }),
        moderatorsOnly('info'),
        'not_allowed',
      ),
      inRoom(
        'remove',
        (f) => ({ room: f.room, username: 'vic', action: 'remove' }),
        moderatorsOnly('info'),
        'not_allowed',
      ),
      inRoom(
        'ban',
        (f) => ({ room: f.room, username: 'vic', action: 'ban' }),
        moderatorsOnly('info'),
        'not_allowed',
      ),
    ],
  },
  msg_delete: {
    cases: [
      inRoom("another's message", (f) => ({ id: f.victimMessage }), moderatorsOnly('info'), 'not_allowed'),
    ],
  },
  msg: {
    cases: [inRoom('post', (f) => ({ text: 'hello', cid: `c${++cid}`, to: f.room }), posting, 'ack')],
  },
  history: { cases: [inRoom('page', (f) => ({ conversation: f.room }), membersOnly('history'), 'history')] },
  msg_edit: {
    cases: [
      inRoom(
        "another's message",
        (f) => ({ id: f.victimMessage, text: 'changed' }),
        unreachable('not_allowed'),
        'not_allowed',
      ),
    ],
  },
  react: {
    cases: [
      inRoom(
        "another's message",
        (f) => ({ id: f.victimMessage, emoji: '👍', on: true }),
        unreachable('reaction'),
        'not_allowed',
      ),
    ],
  },
  read: {
    cases: [
      inRoom(
        'mark',
        (f) => ({ conversation: f.room, id: f.victimMessage }),
        membersOnly('read'),
        'not_allowed',
      ),
    ],
  },
  search: {
    cases: [
      inRoom(
        'in the room',
        (f) => ({ query: 'delete', conversation: f.room }),
        membersOnly('search'),
        'search',
      ),
    ],
  },
  receipts: { outside: 'an account setting, no room: read-markers.test.ts' },
  // Typing has no answer when it is forwarded (SILENT); refusals are answered.
  typing: { cases: [inRoom('typing', (f) => ({ conversation: f.room }), membersOnly(SILENT), SILENT)] },
  // Account and profile: the account itself, no room; guests are refused (account.test.ts, profile.test.ts).
  password_change: { outside: 'the account, no room: account.test.ts' },
  sign_out_others: { outside: 'the account, no room: account.test.ts' },
  account_delete: { outside: 'the account, no room (its memberships end): account.test.ts' },
  profile_update: { outside: 'the account, no room: profile.test.ts' },
  // Files: a transfer connection of an account (its session token), or a share that posts the way msg does.
  file_put: { outside: 'a transfer connection, accounts only, no room: files.test.ts' },
  file_get: {
    outside: "by message id, as readable as that message's conversation: files.test.ts (a ban, a DM)",
  },
  file_share: {
    outside: "posted through msg's path (queueSend: the same room refusals); needs an upload: files.test.ts",
  },
  avatar_set: { outside: 'the account, no room: profile.test.ts' },
  profiles: { outside: 'open to everyone logged in: profile.test.ts' },
  avatar: { outside: 'open to everyone logged in: profile.test.ts' },
  // Calls: a caller stays in the call it started (one per account), so a role × room table cannot reuse its
  // actors; the same rules (members only, as reading; friends for 1:1; accounts only) are in calls.test.ts.
  call_ring: { outside: 'members of the room (as openRoom), friends for @name, no guests: calls.test.ts' },
  call_accept: { outside: 'the person rung, or a member of the room of the call: calls.test.ts' },
  call_decline: { outside: 'only the person rung for a 1:1 call: calls.test.ts' },
  call_hangup: { outside: 'only someone in the call: calls.test.ts' },
  call_signal: { outside: 'only between two people in the same call: calls.test.ts' },
};

let t: TestServer;
let actors: Record<Role, RawClient>;
let victim: RawClient;
let others: RawClient[];
before(async () => {
  t = await startServer({
    requestRate: 0,
    maxRoomsPerAccount: 10_000,
    moderationPerMinute: 10_000,
    invitesPerHour: 10_000,
  });
  const [owner, moderator, member, banned, outsider, vic, zed] = await Promise.all(
    ['own', 'mod', 'mem', 'ban', 'out', 'vic', 'zed'].map((n) => loginUser(t.port, n)),
  );
  const guest = await loginGuest(t.port, 'gus');
  actors = { owner, moderator, member, banned, 'non-member': outsider, guest } as Record<Role, RawClient>;
  victim = vic as RawClient;
  others = [zed as RawClient];
});
after(async () => {
  await Promise.all([...Object.values(actors), victim, ...others].map((c) => c.close()));
  await t.dispose();
});

function ok(answer: Received, what: string): Received {
  assert.notEqual(answer.response, 'error', `${what}: ${JSON.stringify(answer)}`);
  return answer;
}

let rooms = 0;
async function fixture(visibility: 'public' | 'private'): Promise<Fixture> {
  const { owner, moderator, member, banned } = actors;
  const room = await createRoom(owner, `Lab ${++rooms}`, visibility);
  for (const [c, name] of [
    [moderator, 'mod'],
    [member, 'mem'],
    [banned, 'ban'],
    [victim, 'vic'],
  ] as const) {
    if (visibility === 'private') ok(await owner.ask('room_invite', { room, username: name }), 'invite');
    await join(c, room);
  }
  ok(await owner.ask('room_role', { room, username: 'mod', role: 'moderator' }), 'promote');
  const sent = await victim.ask('msg', { text: 'a line to delete', cid: `v${++cid}`, to: room });
  ok(await owner.ask('moderate', { room, username: 'ban', action: 'ban' }), 'ban');
  return { room, victimMessage: (ok(sent, 'victim message').content as { id: number }).id };
}

const outcomeOf = (answer: Received) => String(answer.response === 'error' ? answer.code : answer.response);

/** Ask, or for a request answered only when refused: send it, then a ping; an answer before the pong is a refusal. */
async function outcome(client: RawClient, request: string, content: unknown): Promise<string> {
  if (request !== 'typing') return outcomeOf(await client.ask(request, content));
  const rid = `silent-${++cid}`;
  client.send({ request, content, rid });
  await client.ask('ping');
  const answers = client.pending((r) => r.re === rid);
  return answers[0] ? outcomeOf(answers[0]) : SILENT;
}

test('every request in REQUEST_NAMES has a row in the authorization table', () => {
  const missing = REQUEST_NAMES.filter((name) => TABLE[name] === undefined);
  assert.deepEqual(missing, [], 'write down who may send these requests (room requests need cases)');
  const unknown = Object.keys(TABLE).filter((name) => !(REQUEST_NAMES as readonly string[]).includes(name));
  assert.deepEqual(unknown, []);
});

for (const [request, row] of Object.entries(TABLE)) {
  if (!row || 'outside' in row) continue;
  for (const c of row.cases) {
    test(`${request} (${c.label}) × every role, in a public room`, async () => {
      const seen: Partial<Outcome> = {};
      for (const role of ROLES) {
        const f = await fixture('public');
        seen[role] = await outcome(actors[role], request, c.content(f, role));
      }
      assert.deepEqual(seen, c.expect);
    });
  }
}

test('a guest in a room that lets guests in: what it may do there, for every room request', async () => {
  const seen: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const [request, row] of Object.entries(TABLE)) {
    if (!row || 'outside' in row) continue;
    for (const c of row.cases) {
      const f = await fixture('public');
      ok(await actors.owner.ask('room_update', { room: f.room, guests: true }), 'let guests in');
      ok(await actors.guest.ask('room_join', { room: f.room }), 'the guest joins');
      const label = `${request} (${c.label})`;
      seen[label] = await outcome(actors.guest, request, c.content(f, 'guest'));
      expected[label] = c.guestMember;
    }
  }
  assert.deepEqual(seen, expected);
});

test('a non-member of a private room gets not_found for every room request (private rooms stay hidden)', async () => {
  const f = await fixture('private');
  const seen: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const [request, row] of Object.entries(TABLE)) {
    if (!row || 'outside' in row) continue;
    for (const c of row.cases.filter((x) => x.roomScoped)) {
      const label = `${request} (${c.label})`;
      seen[label] = await outcome(actors['non-member'], request, c.content(f, 'non-member'));
      expected[label] = 'not_found';
    }
  }
  assert.deepEqual(seen, expected);
});

// Profiles (docs/protocol.md § Account and profile): display name, status and avatar, their checks, and
// the pushes that tell everyone in the room (Hearth connections only; classic clients see nothing new).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_AVATAR_BYTES } from '../../src-shared/account-limits';
import { arrived } from '../helpers/conversation';
import { loginGuest, loginUser, RawClient, type Received } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.dispose());

const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function png(size: number): Buffer {
  const bytes = Buffer.alloc(size, 7);
  Buffer.from(PNG_START).copy(bytes);
  return bytes;
}
function webp(size: number): Buffer {
  const bytes = Buffer.alloc(size, 1);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(size - 8, 4);
  bytes.write('WEBP', 8, 'latin1');
  return bytes;
}
const profileOf = (r: Received) =>
  r.content as { username: string; displayName: string | null; avatar: number };

test('a display name of any script is kept, pushed to others, and checked', async () => {
  const ann = await loginUser(t.port, 'ann');
  const ben = await loginUser(t.port, 'ben');
  const classic = await RawClient.connect(t.port);
  classic.send({ request: 'login', content: 'oldtimer' });
  await classic.waitFor((r) => r.response === 'history');

  const tooLong = await ann.ask('profile_update', { displayName: 'x'.repeat(65) });
  assert.equal(tooLong.code, 'invalid');
  assert.match(String(tooLong.content), /64/);
  assert.equal((await ann.ask('profile_update', { displayName: '   ' })).code, 'invalid');
  assert.equal((await ann.ask('profile_update', { displayName: 'ann\u202Eevil' })).code, 'invalid');
  assert.equal(
    (await ann.ask('profile_update', { displayName: 'BEN' })).code,
    'name_taken',
    'not a username',
  );
  assert.equal((await ann.ask('profile_update', {})).code, 'invalid');

  const named = await ann.ask('profile_update', { displayName: ' Ánna 安娜 ' });
  assert.equal(named.response, 'profile', JSON.stringify(named));
  assert.equal(profileOf(named).displayName, 'Ánna 安娜');
  const pushed = await ben.waitFor((r) => r.response === 'profile' && r.re === undefined);
  assert.deepEqual(pushed.content, {
    username: 'ann',
    displayName: 'Ánna 安娜',
    status: 'online',
    statusText: '',
    avatar: 0,
  });
  const asked = await ben.ask('profiles', { usernames: ['ANN', 'ben', 'nobody'] });
  assert.deepEqual(
    (asked.content as { username: string }[]).map((p) => p.username),
    ['ann', 'ben'],
  );
  classic.send({ request: 'names', content: null });
  await classic.waitFor((r) => r.response === 'info' && String(r.content).includes('ann'));
  assert.ok(!classic.all.some((r) => r.response === 'profile'), 'classic clients get no profile pushes');
  assert.equal(profileOf(await ann.ask('profile_update', { displayName: null })).displayName, null);
  await Promise.all([ann.close(), ben.close(), classic.close()]);
});

test('a status is online, away or dnd, with at most 100 characters of text', async () => {
  const cy = await loginUser(t.port, 'cy');
  const guest = await loginGuest(t.port, 'looker');
  assert.equal((await cy.ask('profile_update', { status: 'busy' })).code, 'invalid');
  assert.equal((await cy.ask('profile_update', { statusText: 'x'.repeat(101) })).code, 'invalid');
  assert.equal((await cy.ask('profile_update', { statusText: 'line\nbreak' })).code, 'invalid');
  const dnd = await cy.ask('profile_update', { status: 'dnd', statusText: 'In a meeting' });
  assert.equal((dnd.content as { status: string }).status, 'dnd');
  const seen = await guest.waitFor((r) => r.response === 'profile');
  assert.deepEqual(
    [(seen.content as { status: string }).status, (seen.content as { statusText: string }).statusText],
    ['dnd', 'In a meeting'],
  );
  const later = await guest.ask('profiles', { usernames: ['cy'] });
  assert.equal((later.content as { status: string }[])[0]?.status, 'dnd', 'the status is stored');
  await Promise.all([cy.close(), guest.close()]);
});

test('an avatar must be a PNG or WebP of at most 40 KiB; versions move on; others fetch it', async () => {
  const dot = await loginUser(t.port, 'dot');
  const eve = await loginUser(t.port, 'eve');
  const set = (bytes: Buffer) => dot.ask('avatar_set', { image: bytes.toString('base64') });
  const over = await set(png(MAX_AVATAR_BYTES + 1));
  assert.equal(over.code, 'invalid');
  assert.match(String(over.content), /40 KiB/);
  const past = await set(png(MAX_AVATAR_BYTES + 3000));
  assert.equal(past.code, 'invalid', 'refused by the schema already');
  const text = await set(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'));
  assert.equal(text.code, 'invalid');
  assert.match(String(text.content), /PNG or WebP/);
  const lying = webp(64);
  lying.writeUInt32LE(9999, 4);
  assert.equal((await set(lying)).code, 'invalid', 'a RIFF size that is not the file size');
  assert.equal((await dot.ask('avatar_set', { image: 'not base64!' })).code, 'invalid');

  const first = await set(png(MAX_AVATAR_BYTES));
  assert.equal(profileOf(first).avatar, 1, JSON.stringify(first));
  const image = webp(2000);
  const second = await set(image);
  assert.equal(profileOf(second).avatar, 2);
  assert.ok(await arrived(eve, (r) => r.response === 'profile' && profileOf(r).avatar === 2));
  const fetched = await eve.ask('avatar', { username: 'DOT' });
  assert.deepEqual(fetched.content, {
    username: 'dot',
    version: 2,
    type: 'image/webp',
    image: image.toString('base64'),
  });
  assert.equal(profileOf(await dot.ask('avatar_set', { image: null })).avatar, 0);
  assert.equal((await eve.ask('avatar', { username: 'dot' })).code, 'not_found');
  await Promise.all([dot.close(), eve.close()]);
});

test('profile changes are rate limited per account', async () => {
  const fay = await loginUser(t.port, 'fay');
  let limited: Received | undefined;
  for (let i = 0; i < 25 && !limited; i++) {
    const answer = await fay.ask('profile_update', { statusText: `take ${i}` });
    if (answer.response === 'error') limited = answer;
  }
  assert.equal(limited?.code, 'rate_limited');
  await fay.close();
});

// Files on the room (docs/protocol.md § Files): uploads over a transfer connection, content-addressed and
// verified storage, dedupe, limits, access by the conversation's rules, resume after a drop or a restart,
// and the file message through the normal message path. A real room on loopback TLS, files in a temp dir.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Account, account, get, put, sha256, Transfer } from '../helpers/files';
import { RawClient, type Received } from '../helpers/raw-client';
import { befriend, createRoom, join as joinRoom } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

const MIB = 1024 * 1024;
const LIMITS = { maxFileBytes: 2 * MIB, fileQuotaBytes: 3 * MIB, fileBudgetBytes: 5 * MIB };

let t: TestServer;
before(async () => {
  t = await startServer(LIMITS);
});
after(() => t.dispose());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size: number) => Buffer.concat([PNG, randomBytes(size - PNG.length)]);
const filesDir = () => join(t.dataDir, 'files');
const blobs = () =>
  readdirSync(join(filesDir(), 'blobs')).flatMap((d) => readdirSync(join(filesDir(), 'blobs', d)));
const partials = () => readdirSync(join(filesDir(), 'partial'));

async function share(who: Account, content: Record<string, unknown>): Promise<Received> {
  return who.client.ask('file_share', {
    cid: `c${Math.random()}`,
    type: 'application/octet-stream',
    ...content,
  });
}

test('an upload is stored by its sha256, 0600 in 0700 directories, shared as a message everyone in the room reads', async () => {
  const ann = await account(t.port, 'ann');
  const ben = await account(t.port, 'ben');
  const classic = await RawClient.connect(t.port);
  classic.send({ request: 'login', content: 'oldtimer' });
  await classic.response('history');
  const bytes = png(300_000);
  const stored = await put(t.port, ann, bytes);
  assert.equal(stored?.response, 'file_stored', JSON.stringify(stored));
  const digest = sha256(bytes);
  const path = join(filesDir(), 'blobs', digest.slice(0, 2), digest);
  assert.deepEqual(readFileSync(path), bytes);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(filesDir(), 'blobs', digest.slice(0, 2))).mode & 0o777, 0o700);
  assert.equal(statSync(filesDir()).mode & 0o777, 0o700);

  const thumb = png(200).toString('base64');
  const ack = await share(ann, { sha256: digest, name: 'photo.png', type: 'image/png', thumb });
  assert.equal(ack.response, 'ack', JSON.stringify(ack));
  const id = (ack.content as { id: number }).id;
  const pushed = await ben.client.waitFor((r) => r.response === 'message' && r.id === id);
  assert.deepEqual(pushed.file, {
    sha256: digest,
    name: 'photo.png',
    size: 300_000,
    type: 'image/png',
    thumb,
  });
  assert.equal(pushed.content, 'shared photo.png (300 kB)');
  const seen = await classic.waitFor((r) => r.id === id);
  assert.equal(seen.content, 'shared photo.png (300 kB)', 'a classic client reads one line of text');

  const got = await get(t.port, ben, id);
  assert.equal(got.first?.response, 'file_data', JSON.stringify(got.first));
  assert.deepEqual(got.bytes, bytes);
  const tail = await get(t.port, ben, id, 299_000);
  assert.deepEqual(tail.bytes, bytes.subarray(299_000));

  const page = await ben.client.ask('history', { conversation: 'room' });
  const inHistory = (page.content as Received[]).find((m) => m.id === id);
  assert.equal(
    (inHistory?.file as { sha256: string } | undefined)?.sha256,
    digest,
    'history carries the file',
  );
  assert.equal((await ann.client.ask('msg_edit', { id, text: 'x' })).code, 'not_allowed');
  for (const c of [ann.client, ben.client, classic]) c.destroy();
});

test('the same bytes are stored once; a second owner must still send them all; the first is told it is done', async () => {
  const cat = await account(t.port, 'cat');
  const dan = await account(t.port, 'dan');
  const bytes = randomBytes(100_000);
  const before = blobs().length;
  assert.equal((await put(t.port, cat, bytes))?.response, 'file_stored');
  const again = await Transfer.open(t.port, {
    request: 'file_put',
    content: { username: 'cat', token: cat.token, sha256: sha256(bytes), size: bytes.length },
  });
  const ready = await again.line(0);
  assert.deepEqual(ready?.content, { sha256: sha256(bytes), size: 100_000, offset: 100_000 });
  assert.equal((await again.line(1))?.response, 'file_stored');
  const bogus = await put(t.port, dan, randomBytes(100_000), { sha: sha256(bytes) });
  assert.equal(bogus?.code, 'invalid', 'knowing the hash is not having the file');
  assert.equal((await share(dan, { sha256: sha256(bytes), name: 'x.bin' })).code, 'not_found');
  assert.equal((await put(t.port, dan, bytes))?.response, 'file_stored');
  assert.equal((await share(dan, { sha256: sha256(bytes), name: 'x.bin' })).response, 'ack');
  assert.equal(blobs().length, before + 1);
  cat.client.destroy();
  dan.client.destroy();
});

test('wrong bytes, more bytes than announced, a bad token: refused, nothing stored, nothing left behind', async () => {
  const eve = await account(t.port, 'eve');
  const before = blobs().length;
  const bytes = randomBytes(50_000);
  const flipped = Buffer.from(bytes);
  flipped[25_000] = (flipped[25_000] as number) ^ 1;
  const corrupt = await put(t.port, eve, flipped, { sha: sha256(bytes) });
  assert.equal(corrupt?.code, 'invalid', JSON.stringify(corrupt));
  assert.match(String(corrupt?.content), /do not match/);
  const longer = await put(t.port, eve, Buffer.concat([bytes, Buffer.alloc(10)]), {
    sha: sha256(bytes),
    size: bytes.length,
  });
  assert.equal(longer?.code, 'invalid');
  assert.match(String(longer?.content), /more bytes/);
  const badToken = await put(t.port, { ...eve, token: 'x'.repeat(43) }, bytes);
  assert.equal(badToken?.code, 'session_expired');
  assert.equal(blobs().length, before);
  assert.deepEqual(partials(), []);
  eve.client.destroy();
});

test('the size limit, the quota and the room budget are clear refusals', async () => {
  const fay = await account(t.port, 'fay');
  const big = await put(t.port, fay, Buffer.alloc(1), { size: 2 * MIB + 1, sha: sha256(Buffer.alloc(1)) });
  assert.equal(big?.code, 'limit_reached');
  assert.match(String(big?.content), /at most 2\.1 MB/);
  for (let i = 0; i < 3; i++)
    assert.equal((await put(t.port, fay, randomBytes(MIB - 10)))?.response, 'file_stored');
  const over = await put(t.port, fay, randomBytes(1000));
  assert.equal(over?.code, 'limit_reached');
  assert.match(String(over?.content), /quota/);
  const gus = await account(t.port, 'gus');
  // The room holds about 3.5 MiB now; 2 MiB more passes its 5 MiB.
  const full = await put(t.port, gus, randomBytes(2 * MIB));
  assert.equal(full?.code, 'limit_reached');
  assert.match(String(full?.content), /storage for files/);
  fay.client.destroy();
  gus.client.destroy();
});

test('a file follows its conversation: a private room for its members, a DM for its two people, not after a ban', async () => {
  const hal = await account(t.port, 'hal');
  const ivy = await account(t.port, 'ivy');
  const jon = await account(t.port, 'jon');
  const room = await createRoom(hal.client, 'secret', 'private');
  assert.equal((await hal.client.ask('room_invite', { room, username: 'ivy' })).response, 'info');
  await joinRoom(ivy.client, room);
  const bytes = randomBytes(10_000);
  assert.equal((await put(t.port, hal, bytes))?.response, 'file_stored');
  const inRoom = await share(hal, { sha256: sha256(bytes), name: 'plan.txt', type: 'text/plain', to: room });
  const roomId = (inRoom.content as { id: number }).id;
  assert.deepEqual((await get(t.port, ivy, roomId)).bytes, bytes);
  assert.equal((await get(t.port, jon, roomId)).first?.code, 'not_found', 'not a member');

  await befriend(hal.client, jon.client, 'jon', 'hal');
  const dm = await share(hal, { sha256: sha256(bytes), name: 'plan.txt', to: '@jon' });
  const dmId = (dm.content as { id: number }).id;
  assert.deepEqual((await get(t.port, jon, dmId)).bytes, bytes);
  assert.equal((await get(t.port, ivy, dmId)).first?.code, 'not_found', 'not one of its two people');

  assert.equal((await hal.client.ask('moderate', { room, username: 'ivy', action: 'ban' })).response, 'info');
  assert.equal((await get(t.port, ivy, roomId)).first?.code, 'not_found', 'banned');
  assert.equal((await hal.client.ask('msg_delete', { id: dmId })).response, 'info');
  assert.equal((await get(t.port, jon, dmId)).first?.code, 'not_found', 'deleted with its message');
  for (const a of [hal, ivy, jon]) a.client.destroy();
});

test('file_share refuses names that are paths or hide their end, images that lie, and bad thumbnails', async () => {
  const kim = await account(t.port, 'kim');
  const text = randomBytes(2000);
  assert.equal((await put(t.port, kim, text))?.response, 'file_stored');
  const sha = sha256(text);
  for (const name of [
    '../etc/passwd',
    'a\\b',
    'nul\u0000.txt',
    'gpj\u202Eexe.jpg',
    'x'.repeat(10_000),
    '..',
    ' ',
  ]) {
    const answer = await share(kim, { sha256: sha, name });
    assert.equal(answer.code, 'invalid', `${JSON.stringify(name.slice(0, 20))}: ${JSON.stringify(answer)}`);
  }
  const lie = await share(kim, { sha256: sha, name: 'cat.png', type: 'image/png' });
  assert.equal(lie.code, 'invalid');
  assert.match(String(lie.content), /not a image\/png/);
  const thumbOnText = await share(kim, {
    sha256: sha,
    name: 'a.txt',
    type: 'text/plain',
    thumb: png(100).toString('base64'),
  });
  assert.equal(thumbOnText.code, 'invalid');
  const image = png(5000);
  assert.equal((await put(t.port, kim, image))?.response, 'file_stored');
  const badThumb = await share(kim, {
    sha256: sha256(image),
    name: 'a.png',
    type: 'image/png',
    thumb: 'AAAA',
  });
  assert.equal(badThumb.code, 'invalid');
  assert.equal(
    (await kim.client.ask('file_share', { sha256: sha, name: 'g.txt', cid: 'g', type: 'text/plain' }))
      .response,
    'ack',
  );
  const guest = await RawClient.connect(t.port);
  await guest.ask('login', { username: 'visitor', guest: true });
  assert.equal(
    (await guest.ask('file_share', { sha256: sha, name: 'a', type: 'text/plain', cid: 'z' })).code,
    'not_allowed',
  );
  kim.client.destroy();
  guest.destroy();
});

test('a drop, then a restart, mid-upload leave no file; the upload resumes from the bytes the room has', async () => {
  const leo = await account(t.port, 'leo');
  const bytes = randomBytes(600_000);
  const digest = sha256(bytes);
  const request = {
    request: 'file_put',
    content: { username: 'leo', token: leo.token, sha256: digest, size: bytes.length },
  };
  const first = await Transfer.open(t.port, request);
  assert.deepEqual((await first.line(0))?.content, { sha256: digest, size: 600_000, offset: 0 });
  first.write(bytes.subarray(0, 250_000));
  await waitUntil(
    () =>
      partials().length === 1 &&
      statSync(join(filesDir(), 'partial', partials()[0] as string)).size === 250_000,
  );
  first.socket.destroy();
  await first.closed;
  leo.client.destroy();
  assert.equal(
    existsSync(join(filesDir(), 'blobs', digest.slice(0, 2), digest)),
    false,
    'no file from half the bytes',
  );

  await t.stop();
  t = await startServer(LIMITS, t.dataDir);
  const second = await Transfer.open(t.port, request);
  assert.deepEqual((await second.line(0))?.content, { sha256: digest, size: 600_000, offset: 250_000 });
  second.write(bytes.subarray(250_000));
  assert.equal((await second.line(1))?.response, 'file_stored');
  assert.deepEqual(readFileSync(join(filesDir(), 'blobs', digest.slice(0, 2), digest)), bytes);
  assert.deepEqual(partials(), []);
});

test('at start the room deletes uploads nobody resumed within their time, and partial files no upload owns', async () => {
  const mia = await account(t.port, 'mia');
  const bytes = randomBytes(300_000);
  const request = {
    request: 'file_put',
    content: { username: 'mia', token: mia.token, sha256: sha256(bytes), size: bytes.length },
  };
  const first = await Transfer.open(t.port, request);
  assert.equal((await first.line(0))?.response, 'file_ready');
  first.write(bytes.subarray(0, 100_000));
  await waitUntil(() => partials().length === 1);
  first.socket.destroy();
  await first.closed;
  mia.client.destroy();
  await t.stop();
  // Left by a crash between a partial file's creation and its row (or a row deleted by hand).
  writeFileSync(join(filesDir(), 'partial', '987654'), randomBytes(5000));
  assert.equal(partials().length, 2);

  t = await startServer({ ...LIMITS, partialUploadTtlMs: 1 }, t.dataDir);
  await waitUntil(() => partials().length === 0);
  const again = await Transfer.open(t.port, request);
  assert.deepEqual((await again.line(0))?.content, { sha256: sha256(bytes), size: 300_000, offset: 0 });
  again.write(bytes);
  assert.equal((await again.line(1))?.response, 'file_stored');
  assert.deepEqual(partials(), []);
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

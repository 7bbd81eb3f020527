// The service's file calls against a real room on loopback (src-shared/ipc-files.ts): a file attached by one
// account is uploaded, shared and saved by another where its save dialog says, verified, with the name
// sanitised; an image that lies about its type goes as a plain file without a thumbnail; a JPEG loses its
// EXIF/GPS block unless the user keeps it (and the sender is told what went); the viewer gets an image as a
// data: URL of its checked type.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SaveHooks } from '../../src-main/service/file-service';
import type { ChatMessage } from '../../src-shared/ipc';
import { stripJpeg } from '../../src-shared/jpeg-metadata';
import { CuttableProxy, waitFor } from '../client/support';
import { exifSegment, segment } from '../helpers/jpeg';
import { failure, makeService, sharedRoom, signedIn, type TestService, unwrap } from './support';

const room = sharedRoom();
const saveDir = mkdtempSync(join(tmpdir(), 'hearth-saved-'));

/** A save dialog that answers `saveDir/<what it was offered>`, and a file manager that only listens. */
function fakeShell(): SaveHooks & { offered: string[]; shown: string[] } {
  const offered: string[] = [];
  const shown: string[] = [];
  return {
    offered,
    shown,
    chooseSavePath: async (name) => {
      offered.push(name);
      return join(saveDir, name);
    },
    showInFolder: (path) => shown.push(path),
  };
}

async function pair(a: string, b: string) {
  const shell = fakeShell();
  const sender = await signedIn(room.port, a);
  const receiver = await signedIn(room.port, b, { service: makeService(undefined, shell) });
  return { sender, receiver, shell };
}

/** Send a file to the room and wait until the receiver was given its message. */
async function share(
  sender: TestService,
  receiver: TestService,
  file: { name: string; type: string; bytes: Uint8Array; thumb?: string },
): Promise<ChatMessage> {
  const { id } = unwrap(await sender.service.attachFile({ conversation: 'room', ...file }));
  await waitFor('the share', () => sender.events.fileTransfer.some((t) => t.id === id && t.state === 'done'));
  const done = sender.events.fileTransfer.find((t) => t.id === id && t.state === 'done');
  assert.ok(done?.messageId);
  await waitFor('the message', () => receiver.events.message.some((m) => m.id === done.messageId));
  return receiver.events.message.find((m) => m.id === done.messageId) as ChatMessage;
}

/** A path separator, NUL, or the override that shows "gpj.exe" as "exe.jpg". */
const unsafe = (name: string) => /[/\\\p{Cc}\u202E]/u.test(name);

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size: number) => Buffer.concat([Buffer.from(PNG_HEAD), randomBytes(size - PNG_HEAD.length)]);

/** A JPEG's structure (no decodable pixels: the stripper walks markers and never decodes). */
function jpegWithExif(): Buffer {
  const scan = Buffer.from(randomBytes(2000).map((b) => (b === 0xff ? 0 : b)));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    exifSegment(),
    segment(0xdb, [0, ...new Array(64).fill(1)]),
    segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
    segment(0xda, [1, 1, 0, 0, 63, 0]),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

test('a file attached by one account is shared, and the other saves it verified, under a sanitised name, and can show it in its folder', async () => {
  const { sender, receiver, shell } = await pair('ann', 'ben');
  const bytes = randomBytes(1_500_000);
  const hostile = `../../.${'\u202E'}gpj.exe\u0000${'x'.repeat(10_000)}.bin`;
  const message = await share(sender, receiver, { name: hostile, type: 'application/x-thing', bytes });
  const name = message.file?.name ?? '';
  assert.ok(name.length > 0 && name.length <= 255, `a name the room takes (${name.length} characters)`);
  assert.ok(!unsafe(name), `no path, NUL or direction characters in ${JSON.stringify(name.slice(0, 40))}`);
  assert.equal(message.text, `shared ${name} (1.5 MB)`);
  assert.equal(message.file?.size, bytes.length);
  assert.equal(message.file?.type, 'application/x-thing');

  const saved = unwrap(await receiver.service.saveFile(message.id as number));
  assert.ok(saved);
  const offered = shell.offered[0] as string;
  assert.ok(!unsafe(offered) && !offered.startsWith('.'), 'the save dialog is offered a safe name');
  assert.ok(Buffer.byteLength(offered) <= 200);
  assert.ok(offered.endsWith('.bin'), 'the extension survives the cap');
  assert.deepEqual(readFileSync(join(saveDir, offered)), bytes);
  assert.deepEqual(readdirSync(saveDir), [offered], 'nothing written anywhere else in the folder');
  assert.deepEqual(
    readdirSync(join(receiver.dataDir, 'downloads')),
    [],
    'the download was moved, not copied',
  );
  const progress = receiver.events.fileTransfer.filter((t) => t.id === `down:${message.id}`);
  assert.equal(progress.at(-1)?.state, 'done');

  unwrap(await receiver.service.openFolder(message.id as number));
  assert.deepEqual(shell.shown, [join(saveDir, offered)]);
  assert.equal(failure(await receiver.service.openFolder(123456)).code, 'not_found');
  assert.equal(failure(await receiver.service.saveFile(123456)).code, 'not_found');
});

test('an image that lies about its type goes as a plain file without its thumbnail; a real one is viewable', async () => {
  const { sender, receiver } = await pair('cat', 'dov');
  const thumb = png(300).toString('base64');
  const liar = await share(sender, receiver, {
    name: 'bomb.png',
    type: 'image/png',
    bytes: randomBytes(5000),
    thumb,
  });
  assert.equal(liar.file?.type, 'application/octet-stream');
  assert.equal(liar.file?.thumb, undefined);
  assert.equal(failure(await receiver.service.loadImage(liar.id as number)).code, 'invalid');

  const real = readFileSync(join(__dirname, '../../assets/icons/256x256.png'));
  const image = await share(sender, receiver, { name: 'real.png', type: 'image/png', bytes: real, thumb });
  assert.equal(image.file?.type, 'image/png');
  assert.equal(image.file?.thumb, thumb);
  const viewed = unwrap(await receiver.service.loadImage(image.id as number));
  assert.equal(viewed.url, `data:image/png;base64,${real.toString('base64')}`);

  // A real PNG header claiming 50,000 × 50,000 pixels: read, never decoded, and not handed to the viewer.
  const ihdr = Buffer.alloc(17);
  ihdr.write('IHDR', 0, 'latin1');
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.writeUInt32BE(50_000, 8);
  const bomb = Buffer.concat([Buffer.from([...PNG_HEAD, 0, 0, 0, 13]), ihdr, randomBytes(2000)]);
  const claimed = await share(sender, receiver, { name: 'bomb.png', type: 'image/png', bytes: bomb });
  assert.equal(claimed.file?.type, 'image/png');
  assert.equal(failure(await receiver.service.loadImage(claimed.id as number)).code, 'limit_reached');
});

test('a JPEG is sent without its EXIF (and GPS) block unless the user keeps photo metadata', async () => {
  const { sender, receiver } = await pair('eli', 'fay');
  const photo = jpegWithExif();
  const exif = exifSegment();
  const stripped = await share(sender, receiver, { name: 'photo.jpg', type: 'image/jpeg', bytes: photo });
  const viewed = unwrap(await receiver.service.loadImage(stripped.id as number));
  const sent = Buffer.from(viewed.url.split(',')[1] as string, 'base64');
  assert.equal(sent.indexOf(exif), -1, 'the EXIF block is gone');
  assert.ok(sent.length < photo.length);

  unwrap(await sender.service.setPreferences({ keepPhotoMetadata: true }));
  const kept = await share(sender, receiver, { name: 'photo.jpg', type: 'image/jpeg', bytes: photo });
  const keptBytes = unwrap(await receiver.service.loadImage(kept.id as number));
  assert.equal(keptBytes.url, `data:image/jpeg;base64,${photo.toString('base64')}`);

  // What the sender's window is told, for its note on the photo.
  const noteOf = (messageId: number | null) =>
    sender.events.fileTransfer.find((t) => t.messageId === messageId && t.state === 'done')?.metadataRemoved;
  assert.equal(noteOf(stripped.id), 'location', 'the EXIF had a GPS position');
  assert.equal(noteOf(kept.id), null, 'kept: nothing removed');
  unwrap(await sender.service.setPreferences({ keepPhotoMetadata: false }));
  const clean = stripJpeg(photo);
  assert.ok(clean.ok);
  const withComment = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xfe, [...Buffer.from('a comment')]),
    Buffer.from(clean.bytes).subarray(2),
  ]);
  const commented = await share(sender, receiver, { name: 'c.jpg', type: 'image/jpeg', bytes: withComment });
  assert.equal(noteOf(commented.id), 'details', 'a comment, no location');
  const bare = await share(sender, receiver, { name: 'b.jpg', type: 'image/jpeg', bytes: clean.bytes });
  assert.equal(noteOf(bare.id), null, 'nothing to remove');
  const picture = await share(sender, receiver, { name: 'p.png', type: 'image/png', bytes: png(500) });
  assert.equal(noteOf(picture.id), null, 'not a JPEG');
});

test('guests, empty files and a service without a save dialog get clear refusals', async () => {
  const guest = makeService();
  unwrap(await guest.service.connect({ host: '127.0.0.1', port: room.port }));
  unwrap(await guest.service.loginGuest('visitor'));
  const bytes = new Uint8Array([1, 2, 3]);
  const refused = failure(
    await guest.service.attachFile({ conversation: 'room', name: 'a', type: 'x/y', bytes }),
  );
  assert.equal(refused.code, 'not_allowed');
  const { sender, receiver } = await pair('gus', 'hal');
  const empty = failure(
    await sender.service.attachFile({
      conversation: 'room',
      name: 'a',
      type: 'x/y',
      bytes: new Uint8Array(),
    }),
  );
  assert.match(empty.error, /empty/);
  const message = await share(receiver, sender, { name: 'n.txt', type: 'text/plain', bytes });
  assert.equal(failure(await sender.service.saveFile(message.id as number)).code, 'unavailable');
});

test('a send made while the room is out of reach waits, and one cancelled leaves no message, no outbox entry, no copy', async () => {
  const proxy = new CuttableProxy(room.port);
  await proxy.start();
  const receiver = await signedIn(room.port, 'jon');
  const sender = await signedIn(proxy.port, 'ivy');
  await proxy.refuse();
  await waitFor('the drop', () => sender.events.connection.at(-1)?.state !== 'connected');
  const send = (name: string) =>
    sender.service.attachFile({ conversation: 'room', name, type: 'x/y', bytes: randomBytes(300_000) });
  const kept = unwrap(await send('kept.bin'));
  const dropped = unwrap(await send('dropped.bin'));
  const waiting = unwrap(await sender.service.listTransfers());
  assert.deepEqual(
    waiting.map((t) => [t.name, t.state]),
    [
      ['kept.bin', 'waiting'],
      ['dropped.bin', 'waiting'],
    ],
  );
  unwrap(await sender.service.cancelTransfer(dropped.id));
  await waitFor('the cancel', () =>
    sender.events.fileTransfer.some((t) => t.id === dropped.id && t.state === 'cancelled'),
  );
  assert.equal(failure(await sender.service.cancelTransfer(dropped.id)).code, 'not_found');
  await waitFor('its copy to go', () => readdirSync(join(sender.dataDir, 'outgoing')).length === 1);

  await proxy.accept();
  await waitFor('the other to be shared', () =>
    sender.events.fileTransfer.some((t) => t.id === kept.id && t.state === 'done'),
  );
  await waitFor('it to arrive', () => receiver.events.message.some((m) => m.file?.name === 'kept.bin'));
  const outbox = readdirSync(join(sender.dataDir, 'outbox'));
  assert.deepEqual(JSON.parse(readFileSync(join(sender.dataDir, 'outbox', outbox[0] as string), 'utf8')), []);
  assert.deepEqual(readdirSync(join(sender.dataDir, 'outgoing')), []);
  assert.equal(receiver.events.message.filter((m) => m.file?.name === 'dropped.bin').length, 0);
  await proxy.close();
});

test('a download cut by a dropped link keeps its part for the resume; cancelled, the part is deleted', async () => {
  const proxy = new CuttableProxy(room.port);
  await proxy.start();
  const shell = fakeShell();
  const sender = await signedIn(room.port, 'kay');
  const receiver = await signedIn(proxy.port, 'lou', { service: makeService(undefined, shell) });
  const message = await share(sender, receiver, {
    name: 'big.bin',
    type: 'x/y',
    bytes: randomBytes(24 << 20),
  });
  const downloads = join(receiver.dataDir, 'downloads');
  const transfer = `down:${message.id}`;
  const saving = receiver.service.saveFile(message.id as number);
  await waitFor('the first bytes', () =>
    receiver.events.fileTransfer.some((t) => t.id === transfer && t.done > 0),
  );
  await proxy.refuse();
  await waitFor('a part kept for the resume', () => readdirSync(downloads).some((n) => n.endsWith('.part')));
  unwrap(await receiver.service.cancelTransfer(transfer));
  assert.equal(failure(await saving).code, 'cancelled');
  assert.deepEqual(readdirSync(downloads), [], 'nothing left of it');
  assert.deepEqual(shell.offered, ['big.bin']);
  await proxy.close();
});

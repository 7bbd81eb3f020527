// The client core's files against the real room on loopback TLS (docs/protocol.md § Files): an upload hashed
// before it goes, shared, and downloaded by a friend with its digest checked; a cut link mid-upload and
// mid-download goes on from the room's offset, not from zero; the file outbox keeps a send on disk across a
// dropped link and a restart and shares it once, and waits out a room with all its transfers in use.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ChatConnection, type ReceivedMessage } from '../../src-main/client/connection';
import { downloadOnce } from '../../src-main/client/file-download';
import { FileOutbox, type FileOutboxConnection } from '../../src-main/client/file-outbox';
import { JsonOutboxStore } from '../../src-main/client/file-outbox-store';
import { openTransfer, type TransferAccess } from '../../src-main/client/file-transfer';
import { hashFile, uploadOnce } from '../../src-main/client/file-upload';
import { startServer, type TestServer } from '../helpers/server';
import { CuttableProxy, FAST, waitFor } from './support';

const MIB = 1024 * 1024;
const PASSWORD = 'correct horse';
const IDLE_MS = 5_000;
let srv: TestServer;
let dir: string;
const connections: ChatConnection[] = [];

before(async () => {
  srv = await startServer({ roomName: 'Home' });
  dir = mkdtempSync(join(tmpdir(), 'hearth-files-client-'));
});

after(async () => {
  for (const c of connections) c.close();
  await srv.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function account(username: string, port = srv.port, register = true): Promise<ChatConnection> {
  const c = new ChatConnection({ ...FAST, host: '127.0.0.1', port });
  connections.push(c);
  assert.ok((await c.connect()).ok);
  const login = register ? await c.register(username, PASSWORD) : await c.login(username, PASSWORD);
  assert.ok(login.ok, JSON.stringify(login));
  return c;
}

function localFile(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function access(c: ChatConnection): TransferAccess {
  const found = c.files.access();
  assert.ok(found, 'a logged-in account may open transfers');
  return found;
}

const never = () => new AbortController().signal;

test('an upload is hashed, stored, shared, and the other member downloads it with its digest checked', async () => {
  const ann = await account('ann');
  const ben = await account('ben');
  const bytes = randomBytes(3 * MIB + 17);
  const path = localFile('report.bin', bytes);
  const hashed = await hashFile(path);
  assert.ok(hashed.ok);
  assert.equal(hashed.value.sha256, digest(bytes));
  assert.equal(hashed.value.size, bytes.length);

  const seen: number[] = [];
  const up = await uploadOnce(access(ann), { path, ...hashed.value }, (d) => seen.push(d), IDLE_MS, never());
  assert.ok(up.ok, JSON.stringify(up));
  assert.equal(seen.at(-1), bytes.length);

  const pushed = new Promise<ReceivedMessage>((resolve) => ben.on('message', resolve));
  const file = { ...hashed.value, name: 'report.bin', type: 'application/octet-stream' };
  const shared = ann.files.share(file);
  assert.ok(shared.ok);
  const own = await shared.value.acked;
  assert.ok(own.ok, JSON.stringify(own));
  assert.equal(own.value.content, 'shared report.bin (3.1 MB)');
  assert.deepEqual(own.value.file, file);
  const message = await pushed;
  assert.equal(message.id, own.value.id);
  assert.deepEqual(message.file, file);

  const partial = join(dir, 'ben-report.part');
  const remote = { id: message.id, sha256: file.sha256, size: file.size };
  const down = await downloadOnce(access(ben), remote, partial, () => {}, IDLE_MS, never());
  assert.ok(down.ok, JSON.stringify(down));
  assert.deepEqual(readFileSync(partial), bytes);
  assert.equal(statSync(partial).mode & 0o777, 0o600);
});

test('a link cut mid-upload goes on from the offset the room holds, and one cut mid-download too', async () => {
  const proxy = new CuttableProxy(srv.port);
  await proxy.start();
  const cara = await account('cara', proxy.port);
  const bytes = randomBytes(24 * MIB);
  const path = localFile('big.bin', bytes);
  const local = { path, sha256: digest(bytes), size: bytes.length };

  let cutAt = 0;
  const first = await uploadOnce(
    access(cara),
    local,
    (done) => {
      if (cutAt === 0 && done >= 6 * MIB) {
        cutAt = done;
        proxy.cut();
      }
    },
    IDLE_MS,
    never(),
  );
  assert.equal(first.ok, false);
  assert.equal(first.ok === false && first.code, 'disconnected', JSON.stringify(first));
  await waitFor('the chat link to be back', () => cara.files.access() !== null);

  const again: number[] = [];
  const second = await uploadOnce(access(cara), local, (d) => again.push(d), IDLE_MS, never());
  assert.ok(second.ok, JSON.stringify(second));
  const offset = again[0] as number;
  assert.ok(offset > 0, 'the second attempt starts where the room stopped, not at 0');
  assert.ok(offset <= cutAt, `the room cannot hold more (${offset}) than was sent (${cutAt})`);

  const shared = cara.files.share({ ...local, name: 'big.bin', type: 'application/octet-stream' });
  assert.ok(shared.ok);
  const own = await shared.value.acked;
  assert.ok(own.ok);

  const remote = { id: own.value.id, sha256: local.sha256, size: local.size };
  const partial = join(dir, 'cara-big.part');
  let cutDown = 0;
  const cutDownload = await downloadOnce(
    access(cara),
    remote,
    partial,
    (done) => {
      if (cutDown === 0 && done >= 6 * MIB) {
        cutDown = done;
        proxy.cut();
      }
    },
    IDLE_MS,
    never(),
  );
  assert.equal(cutDownload.ok === false && cutDownload.code, 'disconnected', JSON.stringify(cutDownload));
  const kept = statSync(partial).size;
  assert.ok(kept > 0 && kept < bytes.length, `the partial download is kept (${kept} bytes)`);
  // The proxy drops what it still buffers when the room closes its side, so an attempt can be cut again
  // near the end; each one goes on from what is on disk.
  let rest: Awaited<ReturnType<typeof downloadOnce>> | null = null;
  for (let attempt = 0; attempt < 5 && !rest?.ok; attempt++) {
    await waitFor('the chat link to be back', () => cara.files.access() !== null);
    const before = statSync(partial).size;
    const resumed: number[] = [];
    rest = await downloadOnce(access(cara), remote, partial, (d) => resumed.push(d), IDLE_MS, never());
    assert.equal(resumed[0], before, 'the download asks for the rest from what it kept');
    assert.ok(rest.ok || rest.code === 'disconnected', JSON.stringify(rest));
  }
  assert.ok(rest?.ok, JSON.stringify(rest));
  assert.deepEqual(readFileSync(partial), bytes);
  await proxy.close();
});

test('bytes that are not the file announced are refused: a wrong local digest, a corrupt partial download', async () => {
  const dan = await account('dan');
  const bytes = randomBytes(200_000);
  const path = localFile('liar.bin', bytes);
  const wrong = await uploadOnce(
    access(dan),
    { path, sha256: digest(Buffer.from('something else')), size: bytes.length },
    () => {},
    IDLE_MS,
    never(),
  );
  assert.equal(wrong.ok === false && wrong.code, 'invalid', JSON.stringify(wrong));

  const local = { path, sha256: digest(bytes), size: bytes.length };
  assert.ok((await uploadOnce(access(dan), local, () => {}, IDLE_MS, never())).ok);
  const shared = dan.files.share({ ...local, name: 'liar.bin', type: 'application/octet-stream' });
  assert.ok(shared.ok);
  const own = await shared.value.acked;
  assert.ok(own.ok);
  // A partial file whose first bytes are not the file's: the whole digest cannot match, nothing is kept.
  const partial = join(dir, 'dan.part');
  writeFileSync(partial, randomBytes(1000));
  const remote = { id: own.value.id, sha256: local.sha256, size: local.size };
  const down = await downloadOnce(access(dan), remote, partial, () => {}, IDLE_MS, never());
  assert.equal(down.ok === false && down.code, 'invalid', JSON.stringify(down));
  assert.throws(() => statSync(partial), 'the bad download is deleted');
  // And a message id that is not this file's: the room's answer names another file, refused.
  const other = await downloadOnce(
    access(dan),
    { ...remote, sha256: digest(Buffer.from('x')) },
    partial,
    () => {},
    IDLE_MS,
    never(),
  );
  assert.equal(other.ok === false && other.code, 'protocol', JSON.stringify(other));
});

test('the file outbox keeps a send on disk across a cut link and a restart, resumes it from the offset and shares it once', async () => {
  const proxy = new CuttableProxy(srv.port);
  await proxy.start();
  const eve = await account('eve', proxy.port);
  const bytes = randomBytes(16 * MIB);
  const path = localFile('holiday.bin', bytes);
  const storeFile = join(dir, 'outbox.json');
  const firstRun = new FileOutbox(eve, new JsonOutboxStore(storeFile), {
    idleMs: IDLE_MS,
    backoff: FAST.backoff as never,
  });
  let cut = false;
  firstRun.on('progress', ({ done }) => {
    if (!cut && done >= 4 * MIB) {
      cut = true;
      void proxy.refuse();
    }
  });
  const entry = firstRun.add({
    id: 'holiday-1',
    path,
    ownCopy: false,
    sha256: digest(bytes),
    size: bytes.length,
    name: 'holiday.bin',
    type: 'application/octet-stream',
    to: 'room',
  });
  await waitFor('the cut', () => cut);
  // The app quits while the room is out of reach: the send is on disk, 0600.
  firstRun.close();
  eve.close();
  const kept = JSON.parse(readFileSync(storeFile, 'utf8')) as Array<{ id: string; stored: boolean }>;
  assert.deepEqual(
    kept.map((e) => [e.id, e.stored]),
    [[entry.id, false]],
  );
  assert.equal(statSync(storeFile).mode & 0o777, 0o600);

  await proxy.accept();
  const again = await account('eve', proxy.port, false);
  const secondRun = new FileOutbox(again, new JsonOutboxStore(storeFile), { idleMs: IDLE_MS });
  const offsets: number[] = [];
  secondRun.on('progress', ({ done }) => offsets.push(done));
  const shared = await new Promise<ReceivedMessage>((resolve) =>
    secondRun.on('shared', ({ message }) => resolve(message)),
  );
  assert.ok((offsets[0] as number) > 0, `the restart goes on from the room's offset (${offsets[0]})`);
  assert.equal(shared.file?.sha256, digest(bytes));
  assert.equal(shared.conv, 'room');
  assert.deepEqual(secondRun.pending, []);
  assert.deepEqual(JSON.parse(readFileSync(storeFile, 'utf8')), []);
  const history = await again.history({ conversation: 'room', limit: 50 });
  assert.ok(history.ok);
  assert.equal(
    history.value.messages.filter((m) => m.file?.sha256 === digest(bytes)).length,
    1,
    'shared once',
  );
  secondRun.close();
  await proxy.close();
});

test('"too many transfers" is a retry-later: the room answers busy, the outbox waits with backoff and shares once a transfer ends', async () => {
  const narrow = await startServer({ roomName: 'Narrow', maxTransfersPerAccount: 1 });
  try {
    const fay = await account('fay', narrow.port);
    const fayAccess = access(fay);
    const bytes = randomBytes(300_000);
    const path = localFile('queued.bin', bytes);
    const local = { path, sha256: digest(bytes), size: bytes.length };
    // An upload that announced itself and then sends nothing holds the account's only transfer.
    const holder = await openTransfer(
      fayAccess,
      { request: 'file_put', content: { sha256: digest(Buffer.from('held')), size: 10 } },
      'file_ready',
      IDLE_MS,
      never(),
    );
    assert.ok(holder.ok, JSON.stringify(holder));
    const refused = await uploadOnce(fayAccess, local, () => {}, IDLE_MS, never());
    assert.equal(refused.ok === false && refused.code, 'busy', JSON.stringify(refused));

    let attempts = 0;
    const counted: FileOutboxConnection = {
      files: {
        access: () => {
          attempts++;
          return fay.files.access();
        },
        share: (...args) => fay.files.share(...args),
      },
      on: (event, listener) => fay.on(event, listener),
    };
    const outbox = new FileOutbox(counted, new JsonOutboxStore(join(dir, 'narrow-outbox.json')), {
      idleMs: IDLE_MS,
      backoff: FAST.backoff as never,
    });
    const failures: string[] = [];
    outbox.on('failed', ({ code }) => failures.push(code));
    const shared = new Promise<ReceivedMessage>((resolve) =>
      outbox.on('shared', ({ message }) => resolve(message)),
    );
    outbox.add({
      id: 'narrow-1',
      ...local,
      ownCopy: false,
      name: 'queued.bin',
      type: 'text/plain',
      to: 'room',
    });
    await waitFor('the outbox to try again after busy', () => attempts >= 3);
    assert.deepEqual(failures, [], 'busy is not a failure');
    assert.equal(outbox.pending.length, 1, 'the send is still queued');
    holder.value.socket.destroy();
    const message = await shared;
    assert.equal(message.file?.sha256, local.sha256);
    assert.deepEqual(failures, []);
    outbox.close();
  } finally {
    await narrow.dispose();
  }
});

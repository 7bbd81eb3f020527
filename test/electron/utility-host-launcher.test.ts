// The Electron room launcher against the compiled headless entry it forks in the app. Electron's
// utilityProcess is the recording fake (a Node fork underneath, which is what a utility process runs);
// the room, its port and its SQLite file are real, on loopback.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { UtilityHostLauncher as Launcher } from '../../src-main/electron/utility-host-launcher';
import { FakeElectron, installFakeElectron } from './fake-electron';

const fake = new FakeElectron();
installFakeElectron(fake);
const { UtilityHostLauncher } = require('../../src-main/electron/utility-host-launcher') as {
  UtilityHostLauncher: typeof Launcher;
};

const root = join(__dirname, '..', '..');
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
const work = mkdtempSync(join(root, 'test-artifacts', 'utility-host-'));
after(() => rmSync(work, { recursive: true, force: true }));
const built = spawnSync(process.execPath, ['scripts/build-main.mjs', '--outdir', join(work, 'dist-main')], {
  cwd: root,
  encoding: 'utf8',
});
assert.equal(built.status, 0, built.stderr);
const entry = join(work, 'dist-main', 'src-main', 'server', 'headless.js');

function launcher(): Launcher {
  return new UtilityHostLauncher(entry, { bindHost: '127.0.0.1', log: () => {} });
}

function exits(l: Launcher): Array<string | null> {
  const reasons: Array<string | null> = [];
  l.onExit((reason) => reasons.push(reason));
  return reasons;
}

test('starts the compiled room, reports its port, refuses a second start, stops cleanly', async () => {
  const rooms = launcher();
  const reasons = exits(rooms);
  const started = await rooms.start({ port: 0, allowGuests: false, dataDir: join(work, 'room-a') });
  assert.ok(started.port > 0);
  const forked = fake.forks.at(-1);
  assert.equal(forked?.modulePath, entry);
  assert.deepEqual(forked?.args, [
    '--port',
    '0',
    '--data',
    join(work, 'room-a'),
    '--host',
    '127.0.0.1',
    '--no-guests',
  ]);
  await assert.rejects(
    rooms.start({ port: 0, allowGuests: true, dataDir: join(work, 'room-b') }),
    /already running/,
  );
  await rooms.stop();
  assert.deepEqual(reasons, [null], 'a requested stop is not reported as a failure');
  await rooms.stop();
});

test('a port already in use is refused with a sentence from the room', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as { port: number };
  try {
    await assert.rejects(
      launcher().start({ port, allowGuests: true, dataDir: join(work, 'room-c') }),
      new RegExp(`port ${port} is already in use`),
    );
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});

test('a room that dies is reported with a reason, and a new one can start afterwards', async () => {
  const rooms = launcher();
  const reasons = exits(rooms);
  await rooms.start({ port: 0, allowGuests: true, dataDir: join(work, 'room-d') });
  const pid = fake.forks.at(-1)?.process.pid;
  assert.ok(pid);
  const died = new Promise<void>((resolve) => rooms.onExit(() => resolve()));
  process.kill(pid, 'SIGKILL');
  await died;
  assert.equal(reasons.length, 1);
  assert.match(reasons[0] ?? '', /^The room exited/);
  const again = await rooms.start({ port: 0, allowGuests: true, dataDir: join(work, 'room-d') });
  assert.ok(again.port > 0);
  await rooms.stop();
});

// The headless host as a separate process: forked (as the Electron app and tests do) and run from a terminal.
import assert from 'node:assert/strict';
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { shareableAddresses } from '../../src-main/server/addresses';
import { parseHostArgs } from '../../src-main/server/cli-args';
import type { HostToParent } from '../../src-shared/host-messages';
import { RawClient } from '../helpers/raw-client';
import { makeDataDir } from '../helpers/server';

const entry = join(__dirname, '../../src-main/server/headless.ts');

function nextMessage(child: ChildProcess, timeoutMs = 15_000): Promise<HostToParent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message from the host')), timeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as HostToParent);
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

test('forked: reports ready with its port, serves clients, stops on {type: "stop"}', async () => {
  const dataDir = makeDataDir();
  const child = fork(entry, ['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--no-guests'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  try {
    const ready = await nextMessage(child);
    assert.equal(ready.type, 'ready');
    if (ready.type !== 'ready') return;
    assert.ok(ready.port > 0);
    assert.equal(ready.allowGuests, false);
    assert.deepEqual(ready.addresses, [`127.0.0.1:${ready.port}`]);
    const c = await RawClient.connect(ready.port);
    assert.equal((await c.ask('login', 'guest')).code, 'guests_not_allowed');
    const stopped = nextMessage(child);
    child.send({ type: 'stop' });
    assert.deepEqual(await stopped, { type: 'stopped' });
    await c.closed;
    assert.equal(await exited(child), 0);
  } finally {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('forked: a port in use is reported as an error message', async () => {
  const dataDir = makeDataDir();
  const first = fork(entry, ['--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const secondDir = makeDataDir();
  let second: ChildProcess | null = null;
  try {
    const ready = await nextMessage(first);
    assert.equal(ready.type, 'ready');
    if (ready.type !== 'ready') return;
    second = fork(entry, ['--port', String(ready.port), '--host', '127.0.0.1', '--data', secondDir], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const error = await nextMessage(second);
    assert.equal(error.type, 'error');
    if (error.type === 'error') assert.match(error.message, /already in use/);
    assert.equal(await exited(second), 1);
  } finally {
    first.kill();
    second?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(secondDir, { recursive: true, force: true });
  }
});

test('terminal: prints the addresses to share, logs activity, stops cleanly on SIGTERM', async () => {
  const dataDir = makeDataDir();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
      const check = () => {
        const m = /On this machine: 127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', check);
    });
    assert.match(out, new RegExp(`Friends can connect to:\n {2}127\\.0\\.0\\.1:${port}\n`));
    const c = await RawClient.connect(port);
    c.send('{"request":"login","content":"termuser"}');
    await c.response('history');
    c.send('{"request":"logout","content":null}');
    await c.closed;
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
    for (const word of [
      'connect 127.0.0.1',
      'login termuser (guest)',
      'logout termuser',
      'disconnect termuser',
      'stopping (SIGTERM)',
      'server stopped',
    ]) {
      assert.ok(out.includes(word), `log has "${word}":\n${out}`);
    }
  } finally {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Runs the terminal host on dataDir until it prints its banner, then stops it; resolves with its output. */
async function bannerOf(dataDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
      child.stdout.on('data', () => {
        if (out.includes('Ctrl-C stops the room')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
    return out;
  } finally {
    child.kill();
  }
}

test('terminal: warns when the data directory is readable by other users, not when it is private', async () => {
  const dataDir = makeDataDir();
  try {
    chmodSync(dataDir, 0o755);
    assert.match(await bannerOf(dataDir), /warning: the data directory .* has mode 755, so other users/);
    chmodSync(dataDir, 0o700);
    assert.doesNotMatch(await bannerOf(dataDir), /warning: the data directory/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('terminal: an unknown flag is refused with the usage text', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, '--prot', '5555'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  assert.equal(await exited(child), 2);
  assert.match(err, /unknown option "--prot"/);
  assert.match(err, /Usage: npm run server/);
});

test('the addresses to share are the LAN IPv4 addresses with the port, or the bound host itself', () => {
  const lan = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => `${i.address}:5555`);
  assert.deepEqual(shareableAddresses('0.0.0.0', 5555), lan.length > 0 ? lan : ['127.0.0.1:5555']);
  assert.deepEqual(shareableAddresses('192.168.7.7', 6000), ['192.168.7.7:6000']);
});

test('flags: defaults, every option, and bad values', () => {
  assert.deepEqual(parseHostArgs([]), {
    host: '0.0.0.0',
    port: 5555,
    dataDir: './hearth-data',
    allowGuests: true,
    maxFrameBytes: undefined,
    durable: false,
    classicPort: null,
    owner: undefined,
    roomName: undefined,
    maxFileBytes: undefined,
    fileQuotaBytes: undefined,
    fileBudgetBytes: undefined,
    cluster: undefined,
    presenceGraceMs: undefined,
    proxyFrom: [],
  });
  assert.deepEqual(
    parseHostArgs([
      '--port',
      '6000',
      '--data',
      '/tmp/x',
      '--host',
      '127.0.0.1',
      '--no-guests',
      '--max-frame',
      '8192',
      '--durable',
      '--classic-port',
      '6001',
      '--owner',
      'Ann',
      '--room-name',
      'Book club',
      '--max-file',
      '10',
      '--file-quota',
      '0',
      '--file-budget',
      '2048',
      '--cluster',
      'postgres://hearth@db.example/hearth',
      '--presence-grace',
      '3',
      '--proxy-from',
      '10.0.0.5,::1',
    ]),
    {
      host: '127.0.0.1',
      port: 6000,
      dataDir: '/tmp/x',
      allowGuests: false,
      maxFrameBytes: 8192,
      durable: true,
      classicPort: 6001,
      owner: 'Ann',
      roomName: 'Book club',
      maxFileBytes: 10 * 1024 * 1024,
      fileQuotaBytes: 0,
      fileBudgetBytes: 2048 * 1024 * 1024,
      cluster: 'postgres://hearth@db.example/hearth',
      presenceGraceMs: 3000,
      proxyFrom: ['10.0.0.5', '::1'],
    },
  );
  assert.throws(() => parseHostArgs(['--proxy-from', 'lb.example']), /--proxy-from takes IP addresses/);
  assert.throws(() => parseHostArgs(['--cluster', 'mysql://x']), /--cluster must be a postgres:\/\/ URL/);
  assert.throws(() => parseHostArgs(['--max-file', '0']), /--max-file must be an integer/);
  assert.throws(() => parseHostArgs(['--owner', 'not a name']), /--owner must be an account name/);
  assert.throws(() => parseHostArgs(['--room-name', ' ']), /--room-name must be 1-64 characters/);
  assert.throws(() => parseHostArgs(['--port', 'abc']), /--port must be an integer/);
  assert.throws(() => parseHostArgs(['--port', '70000']), /--port must be an integer/);
  assert.throws(() => parseHostArgs(['--data']), /--data needs a value/);
  assert.deepEqual(parseHostArgs(['--help']), { help: true });
});

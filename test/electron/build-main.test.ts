// The bundles `npm start` and `npm run dist` ship: the preload runs where only 'electron' can be required,
// and the compiled room host that the utility process forks really hosts a room (checked in plain Node,
// which is what a utility process is).
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { bundlePaths } from '../../src-main/electron/bundle-paths';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import type { HostToParent } from '../../src-shared/host-messages';
import { INVOKE_METHODS, ipcContract } from '../../src-shared/ipc';
import { RawClient } from '../helpers/raw-client';
import { FakeElectron } from './fake-electron';

const root = join(__dirname, '..', '..');
// Inside the repo, so the bundles resolve node_modules as they do in the app.
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
const work = mkdtempSync(join(root, 'test-artifacts', 'build-main-'));
const out = join(work, 'dist-main');
after(() => rmSync(work, { recursive: true, force: true }));

before(() => {
  const build = spawnSync(process.execPath, ['scripts/build-main.mjs', '--outdir', out], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
});

test('the bundles land where package.json and electron-main expect them', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  const main = join(work, pkg.main);
  assert.ok(existsSync(main), `package.json main ${pkg.main} is built`);
  // The paths electron-main computes from its own directory at run time.
  const { preload, roomEntry } = bundlePaths(dirname(main));
  assert.equal(roomEntry, join(out, 'src-main', 'server', 'headless.js'));
  // The room starts its password threads from the file beside its own bundle (password-pool.ts).
  const passwordWorker = join(dirname(roomEntry), 'password-worker.js');
  for (const file of [preload, roomEntry, passwordWorker]) assert.ok(existsSync(file), file);
});

test('the preload bundle works in a sandbox that can only require electron', async () => {
  const fake = new FakeElectron();
  fake.handlers.set(ipcContract.invoke.getState, async () => 'state');
  const code = readFileSync(join(out, 'src-main', 'electron', 'preload.js'), 'utf8');
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`module not found: ${name}`);
    return fake.module;
  };
  const module = { exports: {} };
  runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
  assert.deepEqual([...new Set(required)], ['electron']);
  const api = fake.exposed.get('hearth') as Record<string, (arg?: unknown) => unknown>;
  assert.deepEqual(Object.keys(api).sort(), [...INVOKE_METHODS, 'on'].sort());
  assert.equal(await api.getState?.(), 'state');
  assert.deepEqual(fake.invoked, [{ channel: ipcContract.invoke.getState, arg: undefined }]);
});

test('the compiled room host starts on loopback, reports ready, and stops when asked', async () => {
  const child = fork(
    join(out, 'src-main', 'server', 'headless.js'),
    ['--port', '0', '--host', '127.0.0.1', '--data', join(work, 'room')],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  const messages: HostToParent[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const ready = await new Promise<HostToParent>((resolve, reject) => {
      child.on('message', (message: HostToParent) => {
        messages.push(message);
        if (message.type === 'ready') resolve(message);
        if (message.type === 'error') reject(new Error(message.message));
      });
      child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
    });
    assert.equal(ready.type, 'ready');
    assert.ok(ready.type === 'ready' && ready.port > 0);
    // Registering hashes the password on the bundled worker thread (password-worker.js).
    const client = await RawClient.connect(ready.port);
    const registered = await client.ask('register', { username: 'bundled', password: 'long enough' }, 10_000);
    assert.equal(registered.response, 'login', JSON.stringify(registered));
    await client.close();
    child.send({ type: 'stop' });
    assert.equal(await exited, 0);
    assert.deepEqual(
      messages.map((m) => m.type),
      ['ready', 'stopped'],
    );
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('an unpackaged app runs the compiled room on the Node that ran npm', async () => {
  const launcher = new NodeHostLauncher({
    bindHost: '127.0.0.1',
    compiled: { entry: join(out, 'src-main', 'server', 'headless.js'), nodePath: process.execPath },
  });
  const started = await launcher.start({
    port: 0,
    allowGuests: true,
    dataDir: join(work, 'unpackaged-room'),
  });
  assert.deepEqual(started.addresses, [`127.0.0.1:${started.port}`]);
  await launcher.stop();
  assert.equal(launcher.pid, null);
});

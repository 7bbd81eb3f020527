// `npm run server` (scripts/server.mjs): the room runs from a bundle in dist-server/, built when missing or
// when a file it was built from changed, and otherwise reused as it is; the room it runs serves clients.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { RawClient } from '../helpers/raw-client';
import { makeDataDir } from '../helpers/server';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'server.mjs');
// Its own build directory, so the dist-server/ of a person's `npm run server` (and of the start-up smoke
// run, test/bench/startup.test.ts) is left alone.
mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
const BUILD_DIR = mkdtempSync(join(ROOT, 'test-artifacts', 'server-script-'));
const BUNDLE = join(BUILD_DIR, 'src-main', 'server', 'headless.js');
const BUILD_RECORD = join(BUILD_DIR, 'build.json');

/** Rooms still running, killed when a test fails midway, so a failure never leaves one holding the run. */
const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(BUILD_DIR, { recursive: true, force: true });
});

/** Runs the script until the room listens; returns its port and a stop that waits for the exit. */
async function startRoom(dataDir: string): Promise<{ port: number; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [SCRIPT, '--host', '127.0.0.1', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, HEARTH_SERVER_BUILD_DIR: BUILD_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 30_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on 127\.0\.0\.1:(\d+) \(TLS/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const early = (code: number | null) => reject(new Error(`ended (${code}) before listening:\n${output}`));
    child.once('exit', early);
  }).finally(() => child.removeAllListeners('exit'));
  child.once('exit', () => running.delete(child));
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { port, stop };
}

test('npm run server builds its bundle once, reuses it, and builds again after a source changes', {
  timeout: 90_000,
}, async () => {
  const dataDir = makeDataDir();
  try {
    const first = await startRoom(dataDir);
    const client = await RawClient.connect(first.port);
    const answer = await client.ask('login', 'guest');
    assert.ok(
      answer.response && answer.response !== 'error',
      `the bundled room lets a guest in: ${answer.code}`,
    );
    assert.equal(await first.stop(), 0, 'SIGTERM stops the room cleanly');
    await client.closed;
    const built = statSync(BUNDLE).mtimeMs;
    const record = JSON.parse(readFileSync(BUILD_RECORD, 'utf8')) as { startedAt: number; inputs: string[] };
    assert.ok(record.inputs.includes('src-main/server/headless.ts'), 'the build names what it read');

    const second = await startRoom(dataDir);
    assert.equal(await second.stop(), 0);
    assert.equal(statSync(BUNDLE).mtimeMs, built, 'nothing changed, so nothing was rebuilt');

    // As if every input had changed after the last build began.
    writeFileSync(BUILD_RECORD, JSON.stringify({ ...record, startedAt: 0 }));
    const third = await startRoom(dataDir);
    assert.equal(await third.stop(), 0);
    assert.ok(statSync(BUNDLE).mtimeMs > built, 'a changed input makes a new bundle');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

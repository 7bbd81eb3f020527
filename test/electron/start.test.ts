// Without the Electron binary, `npm start` and `npm run dev` try Electron's own download once; when that fails
// (no internet, as here) they stop with one clear sentence, not a stack trace and not after a pointless build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = join(__dirname, '..', '..');
// An empty directory as Electron's dist and as its download cache: the binary is missing even where it was
// downloaded before. The download mirror is a closed loopback port, so the attempt fails at once and the
// test never leaves this machine.
const empty = mkdtempSync(join(tmpdir(), 'hearth-no-electron-'));
after(() => rmSync(empty, { recursive: true, force: true }));
const offline = {
  ELECTRON_OVERRIDE_DIST_PATH: empty,
  electron_config_cache: empty,
  ELECTRON_MIRROR: 'http://127.0.0.1:9/',
};

for (const script of ['scripts/start.mjs', 'scripts/dev.mjs']) {
  test(`${script} without the Electron binary fails with one sentence`, () => {
    const run = spawnSync(process.execPath, [script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ...offline },
    });
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      'Downloading Electron for the first run...\n',
      'it tried the download and built nothing',
    );
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] ?? '', /^Hearth cannot start because the Electron binary is not installed .*\.$/);
    assert.equal((lines[0]?.match(/\. /g) ?? []).length, 0, 'one sentence');
    assert.doesNotMatch(run.stderr, /\n\s+at |Error:/);
  });
}

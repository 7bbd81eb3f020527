// Without the Electron binary (as on this machine, or when the download failed), `npm start` and `npm run dev`
// stop at once with one clear sentence, not a stack trace and not after a pointless build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = join(__dirname, '..', '..');
// An empty directory as Electron's dist: the binary is missing even where npm install did download it.
const emptyDist = mkdtempSync(join(tmpdir(), 'hearth-no-electron-'));
after(() => rmSync(emptyDist, { recursive: true, force: true }));

for (const script of ['scripts/start.mjs', 'scripts/dev.mjs']) {
  test(`${script} without the Electron binary fails with one sentence`, () => {
    const run = spawnSync(process.execPath, [script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
    });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '', 'nothing was built');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] ?? '', /^Hearth cannot start because the Electron binary is not installed .*\.$/);
    assert.equal((lines[0]?.match(/\. /g) ?? []).length, 0, 'one sentence');
    assert.doesNotMatch(run.stderr, /\n\s+at |Error:/);
  });
}

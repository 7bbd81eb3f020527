// Runs every check CI must run: types, lint/format, then the test files under test/ with Node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return res.status === 0;
}

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'fixtures' ? [] : findTests(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}

let staticOk = true;
if (only.length === 0) {
  for (const [cmd, args] of [
    ['npx', ['tsc', '-p', 'tsconfig.json']],
    ['npx', ['tsc', '-p', 'tsconfig.renderer.json']],
    ['npx', ['tsc', '-p', 'tsconfig.electron.json']],
    ['npx', ['biome', 'ci', '.']],
  ]) {
    console.log(`\n$ ${cmd} ${args.join(' ')}`);
    if (!run(cmd, args)) staticOk = false;
  }
}

if (!staticOk) console.log('\nstatic checks failed (see above); running the tests anyway');

const files = (only.length ? only : findTests(join(root, 'test'))).sort();
const ok = run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  // A test stuck for 10 minutes fails instead of holding CI to its limit. (Not --test-force-exit: it ends the
  // runner before the summary reporter has written its closing line.)
  '--test-timeout=600000',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/test-summary-reporter.mjs',
  '--test-reporter-destination=stdout',
  ...files,
]);
process.exit(ok && staticOk ? 0 : 1);

// The harness itself: a real PostgreSQL starts from Debian's package, takes a database and a restart, and
// leaves nothing behind. Without the package this says what to install (and fails in CI, which installs it).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { postgresBin, postgresMissing, startPostgres } from './postgres';

const run = promisify(execFile);
const missing = postgresMissing();

async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await run(join(postgresBin() as string, 'psql'), ['-At', '-d', url, '-c', sql]);
  return stdout.trim();
}

test('PostgreSQL is installed where the cluster tests look', {
  skip: process.env.CI ? false : (missing ?? false),
}, () => {
  assert.equal(missing, null, missing ?? '');
});

test('a real PostgreSQL in a temp dir: a database, a restart, then nothing left', {
  skip: missing ?? false,
}, async () => {
  const pg = await startPostgres();
  try {
    const url = await pg.createDatabase('harness');
    await psql(url, 'CREATE TABLE t (v int); INSERT INTO t VALUES (41)');
    await pg.restart();
    assert.equal(await psql(url, 'SELECT v + 1 FROM t'), '42');
  } finally {
    await pg.stop();
  }
  await assert.rejects(psql(pg.url(), 'SELECT 1'), 'the server is gone');
  assert.equal(existsSync(pg.dir), false);
});

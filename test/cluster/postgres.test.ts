// The harness itself: a real PostgreSQL starts from Debian's package, takes a database and a restart, and
// leaves nothing behind. Without the package this says what to install (and fails in CI, which installs it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { postgresMissing, psql, startPostgres } from './postgres';

const missing = postgresMissing();

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

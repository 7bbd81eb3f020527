// The SQLite store on its own: file permissions of the data directory and the database files, and the
// schema's newer tables (blocks, friend-request limits) with their migration from an older database.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { DATABASE_FILE, openSqliteStore } from '../../src-main/server/store/sqlite-store';
import type { NewMessage } from '../../src-main/server/store/store';
import { makeDataDir, startServer } from '../helpers/server';

// The usual umask: without the fix, SQLite's files come out 0644 and new directories 0755 under it.
process.umask(0o022);

const dirs: string[] = [];
function tempRoot(): string {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;
const dbFiles = (dir: string) => ['', '-wal', '-shm'].map((suffix) => join(dir, `${DATABASE_FILE}${suffix}`));

function roomMessage(text: string, cid: string): NewMessage {
  return {
    senderKey: 'ann',
    sender: 'ann',
    recipientKey: null,
    recipient: null,
    text,
    cid,
    timestamp: Date.now(),
    delivered: true,
  };
}

test('a new data directory is 0700 and the database, -wal and -shm files are 0600 from creation', () => {
  const dataDir = join(tempRoot(), 'nested', 'room');
  const store = openSqliteStore(dataDir);
  try {
    store.appendMessages([roomMessage('hello', 'c1')]);
    assert.equal(modeOf(dataDir).toString(8), '700');
    assert.equal(modeOf(join(dataDir, '..')).toString(8), '700', 'parents made for it are private too');
    for (const file of dbFiles(dataDir)) {
      assert.ok(existsSync(file), `${file} exists while the store is open`);
      assert.equal(modeOf(file).toString(8), '600', file);
    }
  } finally {
    store.close();
  }
});

test('database files an older room left readable by everyone are made 0600 when the store opens', () => {
  const dataDir = tempRoot();
  openSqliteStore(dataDir).close();
  for (const file of dbFiles(dataDir)) {
    if (!existsSync(file)) writeFileSync(file, '');
    chmodSync(file, 0o644);
  }
  const store = openSqliteStore(dataDir);
  try {
    store.appendMessages([roomMessage('again', 'c2')]);
    for (const file of dbFiles(dataDir)) assert.equal(modeOf(file).toString(8), '600', file);
  } finally {
    store.close();
  }
});

test('a TLS room makes its data directory 0700 and its key 0600 (the certificate is public)', async () => {
  const dataDir = join(tempRoot(), 'tls-room');
  const t = await startServer({ tls: true }, dataDir);
  try {
    assert.equal(modeOf(dataDir).toString(8), '700');
    assert.equal(modeOf(join(dataDir, PRIVATE_KEY_FILE)).toString(8), '600');
    assert.ok(existsSync(join(dataDir, CERTIFICATE_FILE)));
    for (const file of dbFiles(dataDir).slice(0, 1)) assert.equal(modeOf(file).toString(8), '600');
  } finally {
    await t.stop();
  }
});

test('an existing directory keeps the mode its owner gave it', () => {
  const dataDir = join(tempRoot(), 'shared');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  openSqliteStore(dataDir).close();
  assert.equal(modeOf(dataDir).toString(8), '755');
  assert.equal(modeOf(join(dataDir, DATABASE_FILE)).toString(8), '600');
});

// The SQLite store on its own: file permissions of the data directory and the database files, and the
// schema's newer tables (blocks, friend-request limits) with their migration from an older database.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { MIGRATIONS } from '../../src-main/server/store/migrations';
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

test('a database of schema version 2 is migrated: its accounts and friends stay, blocks and limits work', () => {
  const dataDir = tempRoot();
  const file = join(dataDir, DATABASE_FILE);
  const old = new Database(file);
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  for (const [i, sql] of MIGRATIONS.slice(0, 2).entries()) {
    old.exec(sql);
    old.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(i + 1, Date.now());
  }
  old.exec(`INSERT INTO users VALUES ('ann', 'Ann', 'h', 1), ('bo', 'Bo', 'h', 1), ('cy', 'Cy', 'h', 1);
            INSERT INTO friendships VALUES ('ann', 'bo', 1), ('bo', 'ann', 1);
            INSERT INTO friend_requests VALUES ('cy', 'ann', 1);`);
  old.close();

  const store = openSqliteStore(dataDir);
  try {
    assert.deepEqual(store.friendLists('ann'), {
      friends: ['Bo'],
      incoming: ['Cy'],
      outgoing: [],
      blocked: [],
    });
    assert.equal(store.block('ann', 'bo'), true);
    assert.equal(store.block('ann', 'bo'), false, 'blocking twice changes nothing');
    assert.equal(store.block('ann', 'cy'), true);
    assert.deepEqual(store.friendLists('ann'), {
      friends: [],
      incoming: [],
      outgoing: [],
      blocked: ['Bo', 'Cy'],
    });
    assert.equal(store.friendRelation('bo', 'ann'), 'none', 'the friendship ended both ways');
    assert.equal(store.friendRelation('cy', 'ann'), 'outgoing', "cy's request stays, hidden from ann");
    assert.equal(store.isBlocked('ann', 'bo'), true);
    assert.equal(store.isBlocked('bo', 'ann'), false);
    assert.equal(store.unblock('ann', 'cy'), true);
    assert.equal(store.unblock('ann', 'cy'), false);
    assert.deepEqual(store.friendLists('ann').incoming, ['Cy']);

    store.logFriendRequest('cy', 1000, 0);
    store.logFriendRequest('cy', 2000, 0);
    store.logFriendRequest('cy', 3000, 2500);
    assert.equal(store.friendRequestsSince('cy', 0), 1, 'rows before forgetBefore are gone');
    store.recordDecline('bo', 'cy', 1000, 0);
    store.recordDecline('cy', 'ann', 5000, 0);
    store.recordDecline('cy', 'ann', 6000, 2000);
    assert.equal(store.declinedAt('cy', 'ann'), 6000);
    assert.equal(store.declinedAt('bo', 'cy'), null, 'declines older than forgetBefore are gone');
    store.makeFriends('cy', 'ann');
    assert.equal(store.declinedAt('cy', 'ann'), null, 'a friendship forgets declines');
  } finally {
    store.close();
  }
  const again = openSqliteStore(dataDir);
  try {
    assert.deepEqual(again.friendLists('ann').blocked, ['Bo'], 'blocks survive a restart');
  } finally {
    again.close();
  }
});

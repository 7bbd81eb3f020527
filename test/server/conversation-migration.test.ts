// A rooms-era data directory (schema versions 1-4) upgrades in place to the conversation features: its
// messages, tombstones and notices stay as they were, and edits, replies, reactions and read markers work on
// the old messages, numbered on from the old id sequence.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src-main/server/store/migrations';
import { DATABASE_FILE, openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { makeDataDir } from '../helpers/server';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function roomsDataDir(): string {
  const dataDir = makeDataDir();
  dirs.push(dataDir);
  const old = new Database(join(dataDir, DATABASE_FILE));
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  for (const [i, sql] of MIGRATIONS.slice(0, 4).entries()) {
    old.exec(sql);
    old.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(i + 1, Date.now());
  }
  old.exec(`INSERT INTO users VALUES ('ann', 'Ann', 'x', 1);
            INSERT INTO messages (ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered, deleted, notice)
            VALUES (1000, 'room', 'Ann', 'ann', NULL, NULL, 'old line', 'c1', 1, 0, NULL),
                   (2000, 'room', 'Ann', 'ann', NULL, NULL, '', 'c2', 1, 1, NULL),
                   (3000, 'room', 'server', 'server', NULL, NULL, 'Ann joined', NULL, 1, 0, 'membership');`);
  old.close();
  return dataDir;
}

test('a version-4 database upgrades in place; changes to old messages take numbers after the old ids', () => {
  const store = openSqliteStore(roomsDataDir());
  try {
    const before = store.page({ kind: 'room' }, null, 10).messages;
    assert.deepEqual(
      before.map((m) => [m.id, m.text, m.deleted, m.notice, m.rev, m.editedAt, m.replyTo]),
      [
        [1, 'old line', false, null, 0, null, null],
        [2, '', true, null, 0, null, null],
        [3, 'Ann joined', false, 'membership', 0, null, null],
      ],
    );
    assert.equal(store.lastSequence(), 3);
    const rev = store.editMessage(1, {
      text: 'old line, edited',
      mentions: [],
      mentionsRoom: false,
      at: 4000,
    });
    assert.equal(rev, 4, 'the next number of the one sequence');
    assert.equal(store.editMessage(2, { text: 'x', mentions: [], mentionsRoom: false, at: 4000 }), null);
    assert.equal(store.editMessage(3, { text: 'x', mentions: [], mentionsRoom: false, at: 4000 }), null);
    const reacted = store.react(1, { key: 'ann', username: 'Ann' }, '👍', true, 20, 5000);
    assert.deepEqual(reacted, { ok: true, changed: true, count: 1, rev: 5 });
    const [reply] = store.appendMessages([
      {
        senderKey: 'ann',
        sender: 'Ann',
        recipientKey: null,
        recipient: null,
        text: 'a reply',
        cid: 'c3',
        timestamp: 6000,
        delivered: true,
        replyTo: 1,
      },
    ]);
    assert.equal(reply?.message.id, 6, 'new messages skip the numbers changes took');
    assert.deepEqual(reply?.message.replyTo, {
      id: 1,
      from: 'Ann',
      text: 'old line, edited',
      deleted: false,
    });
    assert.deepEqual(
      store.changedSince('ann', 3, 3, 10).messages.map((m) => [m.id, m.rev]),
      [[1, 5]],
    );
    assert.equal(store.markRead('ann', 'room', 6, 7000), 6);
    assert.equal(store.markRead('ann', 'room', 2, 7001), 6, 'a marker only moves forward');
    assert.equal(store.receiptsOn('ann'), true);
  } finally {
    store.close();
  }
});

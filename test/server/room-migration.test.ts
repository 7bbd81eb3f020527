// An existing data directory upgrades in place: the one-room schema (versions 1-3) to rooms (nothing is lost,
// the default room exists and is owned by the first account, the server serves the old data), and a rooms
// database of version 8 to guests per room and stored invite declines.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src-main/server/store/migrations';
import { DATABASE_FILE, openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { RawClient } from '../helpers/raw-client';
import { makeDataDir, startServer } from '../helpers/server';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A data directory as the one-room version left it: accounts, friends, a block, room and direct messages. */
function oneRoomDataDir(): string {
  const dataDir = makeDataDir();
  dirs.push(dataDir);
  const old = new Database(join(dataDir, DATABASE_FILE));
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  for (const [i, sql] of MIGRATIONS.slice(0, 3).entries()) {
    old.exec(sql);
    old.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(i + 1, Date.now());
  }
  const hash = bcrypt.hashSync('correct horse', 10);
  // Bo registered first (created_at 1), so Bo owns the default room after the upgrade.
  old.prepare('INSERT INTO users VALUES (?, ?, ?, ?)').run('ann', 'Ann', hash, 5);
  old.prepare('INSERT INTO users VALUES (?, ?, ?, ?)').run('bo', 'Bo', hash, 1);
  old.exec(`INSERT INTO friendships VALUES ('ann', 'bo', 1), ('bo', 'ann', 1);
            INSERT INTO blocks VALUES ('ann', 'cy', 1);
            INSERT INTO messages (ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered)
            VALUES (1000, 'room', 'Ann', 'ann', NULL, NULL, 'old room line', 'c1', 1),
                   (2000, 'dm:ann:bo', 'Ann', 'ann', 'Bo', 'bo', 'old direct line', 'c2', 0),
                   (3000, 'room', 'zed', '~zed', NULL, NULL, 'a guest said this', NULL, 1);`);
  old.close();
  return dataDir;
}

test('a one-room database upgrades in place: accounts, friends, blocks and messages stay; room 1 exists', () => {
  const dataDir = oneRoomDataDir();
  const store = openSqliteStore(dataDir);
  try {
    assert.equal(store.findUser('ann')?.username, 'Ann');
    assert.deepEqual(store.friendLists('ann').friends, ['Bo']);
    assert.equal(store.isBlocked('ann', 'cy'), true);
    const room = store.page({ kind: 'room' }, null, 10).messages;
    assert.deepEqual(
      room.map((m) => [m.id, m.text, m.conv, m.deleted, m.notice]),
      [
        [1, 'old room line', 'room', false, null],
        [3, 'a guest said this', 'room', false, null],
      ],
    );
    assert.deepEqual(
      store.undelivered('bo', 10).map((m) => [m.text, m.conv]),
      [['old direct line', 'dm']],
    );
    const main = store.findRoom(1);
    assert.equal(main?.kind, 'default');
    assert.equal(main?.name, null, 'named by the server option until its owner renames it');
    assert.equal(main?.ownerKey, 'bo', 'the first account registered owns the default room');
    assert.equal(store.countRooms(), 0);
    assert.equal(store.lastMessageId(), 3);
    assert.equal(store.lastIdIn(1), 3);
    const ids = store.appendMessages([
      {
        senderKey: 'ann',
        sender: 'Ann',
        recipientKey: null,
        recipient: null,
        text: 'new line',
        cid: 'c3',
        timestamp: 4000,
        delivered: true,
      },
    ]);
    assert.equal(ids[0]?.message.id, 4, 'the one id sequence carries on');
  } finally {
    store.close();
  }
});

test('the server runs on the upgraded directory: old history and DMs arrive, the login lists the default room', async () => {
  const t = await startServer({ tls: false, roomName: 'Old Room' }, oneRoomDataDir());
  try {
    const bo = await RawClient.connect(t.port, { tls: false });
    const login = await bo.ask('login', { username: 'Bo', password: 'correct horse' }, 5000);
    assert.equal(login.response, 'login', JSON.stringify(login));
    const content = login.content as {
      history: { content: string; conv: string }[];
      rooms: { id: string; name: string; kind: string; role: string; lastId: number }[];
      invites: unknown[];
    };
    assert.deepEqual(
      content.history.map((m) => [m.content, m.conv]),
      [
        ['old room line', 'room'],
        ['old direct line', 'dm'],
        ['a guest said this', 'room'],
      ],
    );
    assert.deepEqual(
      content.rooms.map((r) => [r.id, r.name, r.kind, r.role, r.lastId]),
      [['room', 'Old Room', 'default', 'owner', 3]],
    );
    assert.deepEqual(content.invites, []);
    await bo.close();
  } finally {
    await t.dispose();
  }
});

test('a rooms database from before guests per room and stored declines upgrades in place: rooms keep guests off', () => {
  const dataDir = makeDataDir();
  dirs.push(dataDir);
  const old = new Database(join(dataDir, DATABASE_FILE));
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  // Version 8: the schema before this change (accounts and profiles were the last).
  for (const [i, sql] of MIGRATIONS.slice(0, 8).entries()) {
    old.exec(sql);
    old.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(i + 1, Date.now());
  }
  old.exec(`INSERT INTO users VALUES ('ann', 'Ann', 'x', 1), ('bo', 'Bo', 'x', 2);
            INSERT INTO rooms (id, kind, name, topic, owner_key, created_at, created_by)
              VALUES (2, 'public', 'Porch', '', 'ann', 1, 'ann'), (3, 'private', 'Den', '', 'ann', 1, 'ann');
            INSERT INTO room_members (room_id, user_key, role, joined_at) VALUES (2, 'ann', 'owner', 1), (3, 'ann', 'owner', 1);
            INSERT INTO room_invites (room_id, user_key, from_key, at) VALUES (3, 'bo', 'ann', 5);`);
  old.close();
  const store = openSqliteStore(dataDir);
  try {
    assert.deepEqual(
      [2, 3].map((id) => [store.findRoom(id)?.name, store.findRoom(id)?.guests]),
      [
        ['Porch', false],
        ['Den', false],
      ],
    );
    assert.deepEqual(
      store.invitesOf('bo').map((i) => [i.roomId, i.from]),
      [[3, 'Ann']],
    );
    assert.equal(store.declineInvite(3, 'bo', 10), true);
    assert.equal(store.inviteDeclinedAt(3, 'bo'), 10);
    assert.deepEqual(store.invitesOf('bo'), []);
  } finally {
    store.close();
  }
});

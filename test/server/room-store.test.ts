// The rooms store on a real SQLite file: browsing lists public rooms largest first by a member count the
// store keeps (migration 5), which must follow every way a membership row comes and goes, and which an
// upgraded database of schema version 4 gets computed from the rows it already has. Listings read each
// room's count and newest message id in the same query.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src-main/server/store/migrations';
import { DATABASE_FILE, openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { makeDataDir } from '../helpers/server';

const dirs: string[] = [];
function tempRoot(): string {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Store = ReturnType<typeof openSqliteStore>;

function makeRoom(store: Store, name: string, keys: string[], visibility: 'public' | 'private' = 'public') {
  return store.createRoom(
    { kind: visibility, name, topic: '', creatorKey: keys[0] as string, at: 1 },
    keys.map((key, i) => ({ key, role: i === 0 ? 'owner' : 'member' })),
  ).id;
}

const browse = (store: Store) => store.publicRooms(10).map(({ room, members }) => [room.name, members]);

test('listings count members through create, join, a repeated join, role and mute rows, leave, archive', () => {
  const store = openSqliteStore(tempRoot());
  try {
    const small = makeRoom(store, 'small', ['ann']);
    const big = makeRoom(store, 'big', ['bo', 'cy', 'di']);
    makeRoom(store, 'hidden', ['ann', 'bo', 'cy', 'di', 'ed'], 'private');
    assert.deepEqual(browse(store), [
      ['big', 3],
      ['small', 1],
    ]);
    assert.equal(store.addRoomMember(small, 'bo', 'member', 2), true);
    assert.equal(store.addRoomMember(small, 'bo', 'member', 2), false, 'already a member: not counted twice');
    store.setMemberRole(small, 'cy', 'moderator', 3);
    store.setMutedUntil(small, 'di', 99, 3);
    store.setMemberRole(small, 'cy', 'member', 4);
    store.setMutedUntil(small, 'di', null, 4);
    assert.deepEqual(browse(store), [
      ['small', 4],
      ['big', 3],
    ]);
    for (const key of ['bo', 'cy', 'di']) assert.equal(store.removeRoomMember(small, key), true);
    assert.equal(store.removeRoomMember(small, 'bo'), false);
    assert.deepEqual(browse(store), [
      ['big', 3],
      ['small', 1],
    ]);
    assert.deepEqual([store.memberCount(small), store.memberCount(big)], [1, 3], 'the rows agree');
    const [said] = store.appendMessages([
      {
        senderKey: 'bo',
        sender: 'bo',
        recipientKey: null,
        recipient: null,
        text: 'hi',
        cid: null,
        timestamp: 5,
        delivered: true,
        roomId: big,
      },
    ]);
    const listed = store.publicRooms(10).map((r) => [r.room.name, r.members, r.lastId]);
    assert.deepEqual(listed, [
      ['big', 3, said?.message.id],
      ['small', 1, 0],
    ]);
    assert.deepEqual(
      store.roomsOf('bo').map((r) => [r.room.name, r.members, r.lastId]),
      [
        ['big', 3, store.lastIdIn(big)],
        ['hidden', 5, 0],
      ],
      "a member's own list reads the same count and newest id",
    );
    store.updateRoom(big, { archived: true });
    assert.deepEqual(browse(store), [['small', 1]], 'archived rooms are not listed');
    store.updateRoom(small, { kind: 'private' });
    assert.deepEqual(browse(store), []);
  } finally {
    store.close();
  }
});

test('a schema-4 database gets its rooms counted on upgrade', () => {
  const dataDir = tempRoot();
  const old = new Database(join(dataDir, DATABASE_FILE));
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  for (const [i, sql] of MIGRATIONS.slice(0, 4).entries()) {
    old.exec(sql);
    old.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(i + 1, Date.now());
  }
  old.exec(`INSERT INTO rooms (id, kind, name, created_at, created_by) VALUES
              (2, 'public', 'two', 1, 'ann'), (3, 'public', 'three', 1, 'ann'), (4, 'public', 'none', 1, 'ann');
            INSERT INTO room_members (room_id, user_key, role, joined_at) VALUES
              (2, 'ann', 'owner', 1), (2, 'bo', 'member', 1),
              (3, 'ann', 'owner', 1), (3, 'bo', 'member', 1), (3, 'cy', 'member', 1);`);
  old.close();
  const store = openSqliteStore(dataDir);
  try {
    assert.deepEqual(browse(store), [
      ['three', 3],
      ['two', 2],
      ['none', 0],
    ]);
    store.addRoomMember(4, 'ann', 'owner', 2);
    assert.deepEqual(browse(store).at(-1), ['none', 1]);
  } finally {
    store.close();
  }
});

// Reactions over real sockets (docs/protocol.md § Reactions): toggles per user, counts and the first reactors,
// pushes to the audience, emoji validation, the per-message and per-minute limits, and 10,000 reactions on
// one message staying a bounded summary on the wire.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { arrived, historyOf, messageIn, say } from '../helpers/conversation';
import { loginGuest, loginUser, type RawClient } from '../helpers/raw-client';
import { createRoom, errorCode, join } from '../helpers/rooms';
import { makeDataDir, startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0, reactionsPerMinute: 1000 });
});
after(() => t.dispose());

const react = (c: RawClient, id: number, emoji: string, on = true) => c.ask('react', { id, emoji, on });

test('toggling per user: counts, first reactors, `mine`, pushes only on a change', async () => {
  const ann = await loginUser(t.port, 'ann');
  const bob = await loginUser(t.port, 'bob');
  const cy = await loginUser(t.port, 'cy');
  const id = await createRoom(ann, 'Cheers');
  await join(bob, id);
  await join(cy, id);
  const line = await say(ann, 'we shipped', id);
  const answer = await react(bob, line, '🎉');
  assert.equal(answer.response, 'reaction');
  const { rev, ...state } = answer.content as { rev: number };
  assert.deepEqual(state, { id: line, conv: id, emoji: '🎉', username: 'bob', on: true, count: 1 });
  assert.ok(rev > line);
  const pushed = await ann.waitFor((r) => r.response === 'reaction');
  assert.deepEqual(pushed.content, answer.content);
  assert.equal((await react(cy, line, '🎉')).response, 'reaction');
  await react(cy, line, '👍🏽');
  await ann.waitFor((r) => r.response === 'reaction' && (r.content as { count: number }).count === 2);
  await ann.waitFor((r) => r.response === 'reaction' && (r.content as { emoji: string }).emoji === '👍🏽');

  const again = await react(bob, line, '🎉');
  assert.deepEqual(
    [(again.content as { count: number }).count, (again.content as { rev: number }).rev > rev],
    [2, true],
  );
  assert.equal(
    await arrived(ann, (r) => r.response === 'reaction'),
    false,
    'nothing changed: nothing pushed',
  );

  assert.deepEqual(messageIn(await historyOf(bob, id), line).reactions, [
    { emoji: '🎉', count: 2, users: ['bob', 'cy'], mine: true },
    { emoji: '👍🏽', count: 1, users: ['cy'], mine: false },
  ]);
  const off = await react(bob, line, '🎉', false);
  assert.deepEqual(
    [(off.content as { on: boolean }).on, (off.content as { count: number }).count],
    [false, 1],
  );
  assert.deepEqual(messageIn(await historyOf(bob, id), line).reactions?.[0], {
    emoji: '🎉',
    count: 1,
    users: ['cy'],
    mine: false,
  });
  await Promise.all([ann, bob, cy].map((c) => c.close()));
});

test('bad input: text, several emoji, someone unreachable, tombstones, notices, guests', async () => {
  const dan = await loginUser(t.port, 'dan');
  const eve = await loginUser(t.port, 'eve');
  const id = await createRoom(dan, 'Strict');
  await join(eve, id);
  const line = await say(dan, 'react to me', id);
  for (const emoji of [
    'a',
    'lol',
    '1',
    '👍👍',
    '',
    ' 👍',
    '\u200d',
    '😀'.repeat(9),
    `👍${'\ufe0f'.repeat(8)}`,
  ]) {
    assert.equal(errorCode(await react(eve, line, emoji)), 'invalid', JSON.stringify(emoji));
  }
  assert.equal(errorCode(await eve.ask('react', { id: line, emoji: '👍' })), 'invalid', '`on` is required');
  for (const emoji of ['👨‍👩‍👧‍👦', '🇳🇴', '1️⃣', '❤️']) {
    assert.equal((await react(eve, line, emoji)).response, 'reaction', emoji);
  }
  assert.equal(errorCode(await react(eve, 99_999, '👍')), 'not_found');
  const notice = (await historyOf(dan, id)).find((m) => m.sender === 'server');
  assert.ok(notice);
  assert.equal(errorCode(await react(eve, notice.id, '👍')), 'not_allowed');
  const gone = await say(dan, 'soon gone', id);
  await dan.ask('msg_delete', { id: gone });
  assert.equal(errorCode(await react(eve, gone, '👍')), 'not_allowed');
  await eve.ask('room_leave', { room: id });
  assert.equal(
    errorCode(await react(eve, line, '👍')),
    'not_found',
    'a room one left: as if it did not exist',
  );
  const guest = await loginGuest(t.port, 'gus');
  const inDefault = await say(dan, 'in the default room');
  assert.equal(errorCode(await react(guest, inDefault, '👍')), 'not_allowed');
  assert.equal(errorCode(await react(guest, line, '👍')), 'not_found');
  await Promise.all([dan, eve, guest].map((c) => c.close()));
});

test('limits: distinct emoji per message (maxReactionKinds), reactions per account per minute', async () => {
  const limited = await startServer({ requestRate: 0, reactionsPerMinute: 5, maxReactionKinds: 3 });
  try {
    const fay = await loginUser(limited.port, 'fay');
    const line = await say(fay, 'limits');
    for (const emoji of ['😀', '😃', '😄'])
      assert.equal((await react(fay, line, emoji)).response, 'reaction');
    const fourth = await react(fay, line, '😁');
    assert.equal(errorCode(fourth), 'limit_reached');
    assert.match(String(fourth.content), /at most 3 different emoji/);
    assert.equal((await react(fay, line, '😀', false)).response, 'reaction', 'existing emoji still toggle');
    const flood = await react(fay, line, '😀');
    assert.equal(errorCode(flood), 'limit_reached', 'the sixth reaction in a minute');
    assert.match(String(flood.content), /too many reactions/);
    await fay.close();
  } finally {
    await limited.dispose();
  }
});

test('10,000 reactions on one message stay one bounded summary on the wire', async () => {
  const dataDir = makeDataDir();
  const store = openSqliteStore(dataDir);
  const [stored] = store.appendMessages([
    {
      senderKey: 'seed',
      sender: 'seed',
      recipientKey: null,
      recipient: null,
      text: 'the popular one',
      cid: 'p1',
      timestamp: Date.now(),
      delivered: true,
    },
  ]);
  const id = stored?.message.id ?? 0;
  for (let i = 0; i < 10_000; i++) {
    store.react(id, { key: `fan${i}`, username: `fan${i}` }, i % 2 === 0 ? '❤️' : '👍', true, 20, i);
  }
  store.close();
  const big = await startServer({ requestRate: 0 }, dataDir);
  try {
    const gil = await loginUser(big.port, 'gil');
    assert.equal((await react(gil, id, '👍')).response, 'reaction');
    const answer = await gil.ask('history', { conversation: 'room', limit: 10 });
    const line = JSON.stringify(answer);
    const message = messageIn(answer.content as Parameters<typeof messageIn>[0], id);
    assert.deepEqual(
      message.reactions?.map((r) => [r.emoji, r.count, r.users.length, r.mine]),
      [
        ['❤️', 5000, 20, false],
        ['👍', 5001, 20, true],
      ],
    );
    assert.deepEqual(
      message.reactions?.[0]?.users.slice(0, 3),
      ['fan0', 'fan2', 'fan4'],
      'the first to react',
    );
    assert.ok(line.length < 2000, `the whole history answer is ${line.length} characters`);
    await gil.close();
  } finally {
    await big.dispose();
  }
});

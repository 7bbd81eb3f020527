// resume with `changes: true` (docs/protocol.md § resume): a client that was away gets the edits, deletions
// and reactions it missed, page by page from `next`, with nothing lost and nothing from rooms it is not in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { say, type WireMessage } from '../helpers/conversation';
import { loginUser, type RawClient } from '../helpers/raw-client';
import { createRoom, join } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0 });
});
after(() => t.dispose());

interface ResumePage {
  content: WireMessage[];
  changes?: WireMessage[];
  next?: number;
  more: boolean;
}

async function resume(client: RawClient, since: number, limit = 500, changes = true): Promise<ResumePage> {
  const answer = await client.ask('resume', { since, limit, ...(changes ? { changes } : {}) });
  assert.equal(answer.response, 'resume', JSON.stringify(answer));
  return answer as unknown as ResumePage;
}

async function newest(client: RawClient): Promise<number> {
  const page = await resume(client, 0, 1000);
  return page.next ?? 0;
}

test('edits, deletions and reactions made while away come with resume, as the messages are now', async () => {
  const ann = await loginUser(t.port, 'ann');
  let bob = await loginUser(t.port, 'bob');
  const id = await createRoom(ann, 'Away');
  await join(bob, id);
  const [edited, deleted, liked] = [
    await say(ann, 'one', id),
    await say(ann, 'two', id),
    await say(bob, 'three', id),
  ];
  const since = await newest(bob);
  await bob.close();

  await ann.ask('msg_edit', { id: edited, text: 'one, edited' });
  await ann.ask('msg_delete', { id: deleted });
  await ann.ask('react', { id: liked, emoji: '🎉', on: true });
  const fresh = await say(ann, 'four', id);
  await ann.ask('msg_edit', { id: fresh, text: 'four, edited' });

  bob = await loginUser(t.port, 'bob');
  const plain = await resume(bob, since, 500, false);
  assert.deepEqual(
    plain.content.map((m) => [m.id, m.content]),
    [[fresh, 'four, edited']],
    'without `changes`, resume is what it always was: the new messages (as they are now)',
  );
  assert.equal(plain.changes, undefined);

  const page = await resume(bob, since);
  assert.deepEqual(
    page.content.map((m) => m.id),
    [fresh],
  );
  const changes = page.changes ?? [];
  assert.deepEqual(
    changes.map((m) => [m.id, m.content, m.deleted ?? false, m.edited !== undefined]),
    [
      [edited, 'one, edited', false, true],
      [deleted, '', true, false],
      [liked, 'three', false, false],
    ],
    'in the order they changed',
  );
  assert.deepEqual(changes[2]?.reactions, [{ emoji: '🎉', count: 1, users: ['ann'], mine: false }]);
  assert.equal(page.more, false);
  assert.ok((page.next ?? 0) >= Math.max(...changes.map((m) => m.rev ?? 0), fresh));
  const again = await resume(bob, page.next ?? 0);
  assert.deepEqual([again.content, again.changes, again.more], [[], [], false], 'nothing twice from next');
  await Promise.all([ann.close(), bob.close()]);
});

test('paging from `next` delivers every new and changed message, in pages of at most `limit`', async () => {
  const cat = await loginUser(t.port, 'cat');
  const dan = await loginUser(t.port, 'dan');
  const id = await createRoom(cat, 'Pages');
  await join(dan, id);
  const old: number[] = [];
  for (let i = 0; i < 6; i++) old.push(await say(cat, `old ${i}`, id));
  const since = await newest(dan);
  const expected = new Map<number, string>();
  for (const [i, m] of old.entries()) {
    await cat.ask('msg_edit', { id: m, text: `old ${i}, edited` });
    expected.set(m, `old ${i}, edited`);
    if (i % 2 === 0) {
      const n = await say(cat, `new ${i}`, id);
      expected.set(n, `new ${i}`);
    }
  }
  const seen = new Map<number, string>();
  let from = since;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 20, 'paging ends');
    const page = await resume(dan, from, 3);
    const items = [...page.content, ...(page.changes ?? [])];
    assert.ok(items.length <= 3, `a page holds at most the limit, got ${items.length}`);
    for (const m of items) seen.set(m.id, m.content);
    assert.ok((page.next ?? 0) > from || !page.more, 'next moves on');
    from = page.next ?? from;
    if (!page.more) break;
  }
  assert.deepEqual(new Map([...seen].filter(([k]) => expected.has(k))), expected);
  await Promise.all([cat.close(), dan.close()]);
});

test('changes in a room one has left are not resumed', async () => {
  const eve = await loginUser(t.port, 'eve');
  const fay = await loginUser(t.port, 'fay');
  const id = await createRoom(eve, 'Left behind');
  await join(fay, id);
  const line = await say(eve, 'secret later', id);
  const since = await newest(fay);
  await fay.ask('room_leave', { room: id });
  await eve.ask('msg_edit', { id: line, text: 'now with the secret' });
  const page = await resume(fay, since);
  assert.equal(
    [...page.content, ...(page.changes ?? [])].some((m) => m.id === line),
    false,
  );
  await Promise.all([eve.close(), fay.close()]);
});

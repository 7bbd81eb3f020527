// Typing, read markers, receipts and search through the service, against the real room on loopback: who is
// typing (rate-limited on the wire, forgotten after 6 s or when their message comes), unread counts that
// follow the account's marker on the room so two windows agree, "seen" in direct conversations and the
// receipts setting both ways, and search with its filters and the jump into context.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatMessage } from '../../src-shared/ipc';
import { CuttableProxy, roomIdentity, sleep, waitFor } from '../client/support';
import { befriend, failure, sharedRoom, signedIn, type TestService, unwrap } from './support';

const srv = sharedRoom();

const user = (name: string, port = srv.port, login = false) => signedIn(port, name, { login });

async function say(s: TestService, conversation: string, text: string): Promise<ChatMessage> {
  const { cid } = unwrap(await s.service.send({ conversation, text }));
  await waitFor(`"${text}" acked`, () => s.events.message.some((m) => m.cid === cid && !m.pending));
  return s.events.message.find((m) => m.cid === cid && !m.pending) as ChatMessage;
}

const arrived = (s: TestService, id: number | null) =>
  waitFor(`message ${id}`, () => s.events.message.some((m) => m.id === id));
const typingIn = (s: TestService, conversation: string) =>
  s.events.typing.filter((t) => t.conversation === conversation).at(-1)?.usernames ?? [];
const unreadIn = (s: TestService, conversation: string) =>
  s.events.unread.at(-1)?.byConversation[conversation] ?? 0;

describe('typing, read markers, receipts and search through the service', () => {
  test('typing: shown to the others, sent at most once in 3 s, gone when the message comes or after 6 s', async () => {
    const proxy = new CuttableProxy(srv.port, roomIdentity(srv.dataDir));
    const port = await proxy.start();
    try {
      const [ada, bea, cal] = [await user('ada'), await user('bea', port), await user('cal')];
      for (let i = 0; i < 5; i++) unwrap(await bea.service.typing('room'));
      await waitFor('ada to see bea typing', () => typingIn(ada, 'room').includes('bea'));
      const sent = proxy.upstream.join('').match(/"request":"typing"/g) ?? [];
      assert.equal(sent.length, 1, 'five keystrokes, one typing on the wire');
      assert.deepEqual(typingIn(bea, 'room'), [], 'nobody is told about themselves');
      unwrap(await cal.service.typing('room'));
      await waitFor('two typing', () => typingIn(ada, 'room').length === 2);
      assert.deepEqual(typingIn(ada, 'room'), ['bea', 'cal']);
      const said = await say(bea, 'room', 'done typing');
      await arrived(ada, said.id);
      assert.deepEqual(typingIn(ada, 'room'), ['cal'], 'her message ends her typing at once');
      await waitFor('cal forgotten after 6 s', () => typingIn(ada, 'room').length === 0, 15_000);
      assert.equal(failure(await ada.service.typing('nowhere')).code, 'invalid');
    } finally {
      await proxy.close();
    }
  });

  test('unread follows the account marker: two windows of one account agree, and a later login counts from it', async () => {
    const [dan, eli] = [await user('dan'), await user('eli')];
    const eli2 = await user('eli', srv.port, true);
    for (const s of [eli, eli2]) {
      unwrap(await s.service.setActiveConversation('room'));
      s.service.setWindowFocused(false);
    }
    const first = await say(dan, 'room', 'one');
    await say(dan, 'room', 'two');
    await waitFor('both windows count two', () => [eli, eli2].every((s) => unreadIn(s, 'room') === 2));
    eli.service.setWindowFocused(true);
    await waitFor('the other window follows the marker', () => unreadIn(eli2, 'room') === 0);
    assert.equal(unreadIn(eli, 'room'), 0);
    eli.service.setWindowFocused(false);
    const later = await say(dan, 'room', 'three, while eli is away');
    await say(dan, 'room', 'four');
    await arrived(eli2, later.id);
    const eli3 = await user('eli', srv.port, true);
    await waitFor('a new login counts from the marker', () => unreadIn(eli3, 'room') === 2);
    assert.ok((first.id as number) > 0);
    eli2.service.setWindowFocused(true);
    await waitFor('read on one device, read on all', () =>
      [eli, eli3].every((s) => unreadIn(s, 'room') === 0),
    );
  });

  test('"seen" in a direct conversation, and receipts turned off work both ways', async () => {
    const [fin, gia] = [await user('fin'), await user('gia')];
    const gia2 = await user('gia', srv.port, true);
    await befriend(fin, 'fin', gia, 'gia');
    unwrap(await gia.service.setActiveConversation('room'));
    const dm = await say(fin, '@gia', 'did you read this?');
    await arrived(gia, dm.id);
    assert.equal(fin.events.seen.at(-1)?.['@gia'], undefined, 'not read yet');
    unwrap(await gia.service.setActiveConversation('@fin'));
    await waitFor('fin sees it seen', () => fin.events.seen.at(-1)?.['@gia'] === dm.id);
    assert.equal((await fin.service.getState()).seen['@gia'], dm.id);

    unwrap(await gia.service.setReceipts(false));
    assert.equal((await gia.service.getState()).receipts, false);
    await waitFor("gia's other window knows", () => gia2.events.receipts.at(-1) === false);
    unwrap(await gia.service.setActiveConversation('room'));
    const unseen = await say(fin, '@gia', 'and this one?');
    await arrived(gia, unseen.id);
    unwrap(await gia.service.setActiveConversation('@fin'));
    const back = await say(gia, '@fin', 'read it, not telling');
    await arrived(fin, back.id);
    await sleep(200);
    assert.notEqual(fin.events.seen.at(-1)?.['@gia'], unseen.id, 'receipts off: fin is not told');
    unwrap(await fin.service.setActiveConversation('@gia'));
    await sleep(200);
    assert.equal(gia.events.seen.at(-1)?.['@fin'], undefined, 'and gia sees none of his');
    assert.equal(failure(await gia.service.setReceipts('yes' as never)).code, 'invalid');
  });

  test('search: every conversation the user can read, filters by conversation and sender, and the jump into context', async () => {
    const [hana, ian] = [await user('hana'), await user('ian')];
    await befriend(hana, 'hana', ian, 'ian');
    const pie = await say(hana, 'room', 'a pumpkin pie for the party');
    await say(ian, 'room', 'pumpkin soup is better');
    const secret = await say(ian, '@hana', 'the pumpkin secret, only for you');
    await say(hana, 'room', 'unrelated words after the pie');
    await arrived(hana, secret.id);
    const all = unwrap(await hana.service.search({ query: 'pumpkin' }));
    assert.deepEqual(
      all.messages.map((m) => [m.conversation, m.sender, m.text]),
      [
        ['@ian', 'ian', 'the pumpkin secret, only for you'],
        ['room', 'ian', 'pumpkin soup is better'],
        ['room', 'hana', 'a pumpkin pie for the party'],
      ],
      'newest first, the direct message named as hana sees it',
    );
    assert.equal(all.more, false);
    const inDm = unwrap(await hana.service.search({ query: 'pumpkin', conversation: '@ian' }));
    assert.deepEqual(
      inDm.messages.map((m) => m.id),
      [secret.id],
    );
    const byHana = unwrap(await hana.service.search({ query: 'pump*', from: 'hana' }));
    assert.deepEqual(
      byHana.messages.map((m) => m.id),
      [pie.id],
    );
    const paged = unwrap(await hana.service.search({ query: 'pumpkin', limit: 1 }));
    assert.equal(paged.more, true);
    const next = unwrap(
      await hana.service.search({ query: 'pumpkin', limit: 1, before: paged.messages[0]?.id as number }),
    );
    assert.equal(next.messages[0]?.text, 'pumpkin soup is better');

    const context = unwrap(
      await hana.service.loadHistory({ conversation: 'room', before: (pie.id as number) + 1 }),
    );
    assert.equal(context.messages.at(-1)?.id, pie.id, 'the page ends at the result');
    assert.equal(unwrap(await ian.service.search({ query: 'zebra' })).messages.length, 0);
    assert.equal(failure(await hana.service.search({ query: '   ' })).code, 'invalid');
    assert.equal(failure(await hana.service.search({ query: 'x'.repeat(201) })).code, 'invalid');
    assert.equal(
      failure(await hana.service.search({ query: 'pumpkin', conversation: 'nowhere' })).code,
      'invalid',
    );
    assert.equal(failure(await hana.service.search({ query: 'pumpkin', limit: 51 })).code, 'invalid');
    assert.equal(
      failure(await hana.service.search({ query: 'pumpkin', conversation: '#999' })).code,
      'not_found',
    );
  });
});

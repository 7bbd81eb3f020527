// The conversation features through the service, as the window drives them, against the real room on
// loopback: replies and their quotes, edits, deletions, reactions and mentions as ChatMessage fields, the
// `messageChanged` events that keep every window's copy current, the room's refusals as typed errors, and a
// client that was offline getting what changed through `resume`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatMessage } from '../../src-shared/ipc';
import { CuttableProxy, waitFor } from '../client/support';
import { failure, sharedRoom, signedIn, type TestService, unwrap } from './support';

const srv = sharedRoom();

const user = (name: string, port = srv.port) => signedIn(port, name);

/** Send and wait for the ack; the stored message as its sender's window has it. */
async function say(s: TestService, text: string, replyTo?: number): Promise<ChatMessage> {
  const { cid } = unwrap(
    await s.service.send({ conversation: 'room', text, ...(replyTo ? { replyTo } : {}) }),
  );
  await waitFor(`"${text}" acked`, () => s.events.message.some((m) => m.cid === cid && !m.pending));
  const stored = s.events.message.find((m) => m.cid === cid && !m.pending) as ChatMessage;
  assert.equal(stored.failed, null, `"${text}" was refused: ${stored.failed}`);
  return stored;
}

/** The message with this id as the window has it now: as it arrived, then each change in turn. */
function current(s: TestService, id: number | null): ChatMessage | undefined {
  const changed = s.events.messageChanged.filter((m) => m.id === id).at(-1);
  return changed ?? s.events.message.filter((m) => m.id === id).at(-1);
}

async function until(s: TestService, id: number | null, what: string, check: (m: ChatMessage) => boolean) {
  await waitFor(what, () => {
    const m = current(s, id);
    return m !== undefined && check(m);
  });
}

describe('conversation features through the service', () => {
  test('a reply quotes the original as it is now: after an edit its new text, after a deletion a readable tombstone', async () => {
    const [ann, ben] = [await user('ann'), await user('ben')];
    const original = await say(ann, 'the first message');
    await waitFor('ben to have it', () => current(ben, original.id) !== undefined);
    const reply = await say(ben, 'agreed', original.id as number);
    const quote = { id: original.id, sender: 'ann', text: 'the first message', deleted: false };
    assert.deepEqual(reply.replyTo, quote, 'the sender sees the quote as soon as the room has the reply');
    await until(ann, reply.id, 'ann to get the reply', (m) => m.text === 'agreed');
    assert.deepEqual(current(ann, reply.id)?.replyTo, quote);

    unwrap(await ann.service.editMessage({ id: original.id as number, text: 'the first message, fixed' }));
    for (const s of [ann, ben]) {
      await until(s, original.id, 'the edit', (m) => m.text === 'the first message, fixed');
      assert.match(
        current(s, original.id)?.edited ?? '',
        /^\d{4}-\d\d-\d\dT/,
        'an edited mark with its time',
      );
      await until(s, reply.id, 'the quote re-read', (m) => m.replyTo?.text === 'the first message, fixed');
    }

    unwrap(await ann.service.deleteMessage(original.id as number));
    for (const s of [ann, ben]) {
      await until(s, original.id, 'the tombstone', (m) => m.deleted === true);
      assert.equal(current(s, original.id)?.text, '');
      await until(s, reply.id, 'the quote says deleted', (m) => m.replyTo?.deleted === true);
      assert.deepEqual(current(s, reply.id)?.replyTo, { ...quote, text: '', deleted: true });
      assert.equal(current(s, reply.id)?.text, 'agreed', 'the reply itself is untouched');
    }
    const page = unwrap(await ben.service.loadHistory({ conversation: 'room' }));
    const paged = page.messages.find((m) => m.id === reply.id);
    assert.deepEqual(paged?.replyTo, { ...quote, text: '', deleted: true }, 'history quotes it the same');
  });

  test('reactions: on and off, counted with who and whether it is mine, as each window sees it', async () => {
    const [cat, dov, eve] = [await user('cat'), await user('dov'), await user('eve')];
    const said = await say(cat, 'react to this');
    const id = said.id as number;
    await waitFor('both to have it', () => [dov, eve].every((s) => current(s, id) !== undefined));
    unwrap(await dov.service.react({ id, emoji: '👍', on: true }));
    unwrap(await eve.service.react({ id, emoji: '👍', on: true }));
    unwrap(await eve.service.react({ id, emoji: '❤️', on: true }));
    const seen = (s: TestService) => current(s, id)?.reactions;
    await until(cat, id, 'cat to see three reactions', (m) => m.reactions?.length === 2);
    assert.deepEqual(seen(cat), [
      { emoji: '👍', count: 2, mine: false, who: ['dov', 'eve'] },
      { emoji: '❤️', count: 1, mine: false, who: ['eve'] },
    ]);
    await until(dov, id, 'dov to see them', (m) => m.reactions?.length === 2);
    assert.deepEqual(
      seen(dov)?.map((r) => [r.emoji, r.count, r.mine]),
      [
        ['👍', 2, true],
        ['❤️', 1, false],
      ],
    );

    unwrap(await dov.service.react({ id, emoji: '👍', on: false }));
    unwrap(await eve.service.react({ id, emoji: '❤️', on: false }));
    await until(cat, id, 'the reactions taken off', (m) => m.reactions?.length === 1);
    assert.deepEqual(seen(cat), [{ emoji: '👍', count: 1, mine: false, who: ['eve'] }]);
    await until(dov, id, 'dov to see his gone', (m) => m.reactions?.[0]?.count === 1);
    assert.equal(seen(dov)?.[0]?.mine, false);
    unwrap(await eve.service.react({ id, emoji: '👍', on: false }));
    await until(cat, id, 'no reactions left', (m) => m.reactions === undefined);

    const history = unwrap(await dov.service.loadHistory({ conversation: 'room' }));
    assert.equal(history.messages.find((m) => m.id === id)?.reactions, undefined);
    assert.equal(
      failure(await dov.service.react({ id, emoji: 'ok', on: true })).code,
      'invalid',
      'text is no emoji',
    );
    assert.equal(
      failure(await dov.service.react({ id, emoji: '👍👍', on: true })).code,
      'invalid',
      'two emoji',
    );
    assert.equal(
      failure(await dov.service.react({ id, emoji: '👍' } as never)).code,
      'invalid',
      'on or off, unsaid',
    );
    assert.equal(failure(await dov.service.react({ id: 999_999, emoji: '👍', on: true })).code, 'not_found');
  });

  test("editing someone else's message is refused with a typed error, and bad edits never reach the room", async () => {
    const [fay, gil] = [await user('fay'), await user('gil')];
    const said = await say(fay, 'mine to edit');
    const id = said.id as number;
    const refused = await gil.service.editMessage({ id, text: 'not yours' });
    assert.equal(failure(refused).code, 'not_allowed');
    assert.equal(
      failure(await gil.service.editMessage({ id: 999_999, text: 'nothing there' })).code,
      'not_found',
    );
    assert.equal(failure(await fay.service.editMessage({ id, text: '   ' })).code, 'invalid', 'empty text');
    assert.equal(failure(await fay.service.editMessage({ id: -1, text: 'x' })).code, 'invalid', 'a bad id');
    assert.equal(failure(await fay.service.editMessage('garbage' as never)).code, 'invalid');
    unwrap(await fay.service.deleteMessage(id));
    await until(fay, id, 'the tombstone', (m) => m.deleted === true);
    assert.equal(
      failure(await fay.service.editMessage({ id, text: 'back from the dead' })).code,
      'not_allowed',
    );
    assert.equal(
      failure(await gil.service.react({ id, emoji: '👍', on: true })).code,
      'not_allowed',
      'no reacting to a tombstone',
    );
    assert.equal(current(gil, id)?.text, '', 'gil still sees the tombstone only');
  });

  test('a mention marks the message for the person named and counts in their "@" badge', async () => {
    const [hal, ivy] = [await user('hal'), await user('ivy')];
    unwrap(await ivy.service.setActiveConversation('@hal'));
    const plain = await say(hal, 'no one in particular');
    const named = await say(hal, 'hey @IVY, look');
    await until(ivy, named.id, 'ivy to get the mention', (m) => m.mentionsMe === true);
    assert.equal(current(ivy, plain.id)?.mentionsMe, undefined);
    assert.equal(named.mentionsMe, undefined, 'not for the one who wrote it');
    await waitFor('the badge', () => ivy.events.unread.at(-1)?.mentions.room === 1);
    assert.equal(ivy.events.unread.at(-1)?.byConversation.room, 2);
    unwrap(await hal.service.editMessage({ id: plain.id as number, text: 'now for @ivy' }));
    await until(ivy, plain.id, 'an edit that names her', (m) => m.mentionsMe === true);
    unwrap(await ivy.service.setActiveConversation('room'));
    await waitFor('read', () => ivy.events.unread.at(-1)?.mentions.room === undefined);
  });

  test('a client that was offline gets an edit, a deletion and a reaction made meanwhile through resume', async () => {
    const proxy = new CuttableProxy(srv.port);
    const port = await proxy.start();
    try {
      const [jo, kit] = [await user('jo'), await user('kit', port)];
      const [a, b, c] = [await say(jo, 'alpha'), await say(jo, 'bravo'), await say(jo, 'charlie')];
      const reply = await say(jo, 'about alpha', a.id as number);
      await until(kit, reply.id, 'kit to have them all', (m) => m.text === 'about alpha');
      await proxy.refuse();
      await waitFor('kit reconnecting', () => kit.events.connection.at(-1)?.state === 'reconnecting');
      unwrap(await jo.service.editMessage({ id: a.id as number, text: 'alpha, edited offline' }));
      unwrap(await jo.service.deleteMessage(b.id as number));
      unwrap(await jo.service.react({ id: c.id as number, emoji: '🎉', on: true }));
      const after = await say(jo, 'delta');
      await proxy.accept();
      await until(kit, after.id, 'kit to catch up', (m) => m.text === 'delta');
      await until(kit, a.id, 'the edit', (m) => m.text === 'alpha, edited offline' && m.edited !== undefined);
      await until(kit, b.id, 'the deletion', (m) => m.deleted === true && m.text === '');
      await until(kit, c.id, 'the reaction', (m) => m.reactions?.[0]?.emoji === '🎉');
      assert.deepEqual(current(kit, c.id)?.reactions, [{ emoji: '🎉', count: 1, mine: false, who: ['jo'] }]);
      await until(kit, reply.id, 'the reply re-quoted', (m) => m.replyTo?.text === 'alpha, edited offline');
      assert.equal(kit.events.message.filter((m) => m.id === after.id).length, 1, 'the new one once');
      assert.equal(kit.events.session.filter((s) => s === null).length, 0, 'the session went on');
    } finally {
      await proxy.close();
    }
  });
});

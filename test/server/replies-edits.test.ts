// Replies and edits over real sockets (docs/protocol.md § Replies, § Edits): quoted previews that follow the
// original (and say deleted), edits of one's own messages only, pushes to the audience, classic clients.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arrived, historyOf, messageIn, say } from '../helpers/conversation';
import { loginGuest, loginUser, RawClient } from '../helpers/raw-client';
import { befriend, createRoom, errorCode, join } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ requestRate: 0 });
});
after(() => t.dispose());

test('a reply quotes the message it answers, follows its edits, and says deleted once it is gone', async () => {
  const ann = await loginUser(t.port, 'ann');
  const bob = await loginUser(t.port, 'bob');
  const id = await createRoom(ann, 'Replies');
  await join(bob, id);
  const long = `${'x'.repeat(138)}😀 and more`;
  const original = await say(ann, long, id);
  const reply = await say(bob, 'agreed', id, { replyTo: original });
  const pushed = await ann.waitFor((r) => r.response === 'message' && r.id === reply);
  const quoted = pushed.replyTo as { id: number; from: string; text: string };
  assert.deepEqual([quoted.id, quoted.from], [original, 'ann']);
  assert.equal(quoted.text, `${'x'.repeat(138)}…`, 'at most 140 code units, never half a surrogate pair');

  assert.equal((await ann.ask('msg_edit', { id: original, text: 'short now' })).response, 'edited');
  assert.deepEqual(messageIn(await historyOf(bob, id), reply).replyTo, {
    id: original,
    from: 'ann',
    text: 'short now',
  });
  assert.equal((await ann.ask('msg_delete', { id: original })).response, 'info');
  assert.deepEqual(messageIn(await historyOf(bob, id), reply).replyTo, {
    id: original,
    from: 'ann',
    text: '',
    deleted: true,
  });

  assert.equal(
    errorCode(await bob.ask('msg', { text: 'r', cid: 'x1', to: id, replyTo: original })),
    'not_found',
  );
  const elsewhere = await say(ann, 'in the default room');
  assert.equal(
    errorCode(await bob.ask('msg', { text: 'r', cid: 'x2', to: id, replyTo: elsewhere })),
    'not_found',
  );
  assert.equal(
    errorCode(await bob.ask('msg', { text: 'r', cid: 'x3', to: id, replyTo: 99_999 })),
    'not_found',
  );
  assert.equal(errorCode(await bob.ask('msg', { text: 'r', cid: 'x4', to: id, replyTo: 0 })), 'invalid');

  await befriend(ann, bob, 'bob', 'ann');
  const direct = await say(ann, 'just us', '@bob');
  const answer = await say(bob, 'yes', '@ann', { replyTo: direct });
  assert.equal(messageIn(await historyOf(ann, '@bob'), answer).replyTo?.text, 'just us');
  assert.equal(
    errorCode(await bob.ask('msg', { text: 'r', cid: 'x5', to: '@ann', replyTo: elsewhere })),
    'not_found',
  );
  await Promise.all([ann.close(), bob.close()]);
});

test('edits: own messages only, not notices or tombstones; the audience gets `edited`; history has the latest text', async () => {
  const cat = await loginUser(t.port, 'cat');
  const catPhone = await loginUser(t.port, 'cat');
  const dan = await loginUser(t.port, 'dan');
  const eve = await loginUser(t.port, 'eve');
  const id = await createRoom(cat, 'Edits');
  await join(dan, id);
  await join(eve, id);
  const mine = await say(cat, 'teh typo', id);
  const dans = await say(dan, 'mine', id);
  const answer = await cat.ask('msg_edit', { id: mine, text: 'the typo' });
  assert.equal(answer.response, 'edited');
  const edit = answer.content as { id: number; conv: string; text: string; edited: string; rev: number };
  assert.deepEqual([edit.id, edit.conv, edit.text], [mine, id, 'the typo']);
  assert.ok(edit.rev > dans, 'an edit takes the next number of the id sequence');
  for (const c of [dan, eve, catPhone]) {
    const push = await c.waitFor((r) => r.response === 'edited');
    assert.deepEqual(push.content, edit);
  }
  const stored = messageIn(await historyOf(eve, id), mine);
  assert.deepEqual([stored.content, stored.edited, stored.rev], ['the typo', edit.edited, edit.rev]);

  assert.equal(errorCode(await cat.ask('msg_edit', { id: dans, text: 'hijack' })), 'not_allowed');
  assert.equal(errorCode(await cat.ask('msg_edit', { id: mine, text: ' \u200b ' })), 'invalid');
  assert.equal(errorCode(await cat.ask('msg_edit', { id: mine, text: 'x'.repeat(8001) })), 'invalid');
  assert.equal(errorCode(await cat.ask('msg_edit', { id: 99_999, text: 'x' })), 'not_found');
  const notice = messageIn(await historyOf(cat, id), mine - 1);
  assert.equal(notice.sender, 'server', 'the message before is a membership notice');
  assert.equal(errorCode(await cat.ask('msg_edit', { id: notice.id, text: 'x' })), 'not_allowed');
  await dan.ask('msg_delete', { id: dans });
  assert.equal(errorCode(await dan.ask('msg_edit', { id: dans, text: 'back' })), 'not_allowed');

  // Out of the room, its messages are out of reach: as if they did not exist.
  const evesLine = await say(eve, 'before I go', id);
  await eve.ask('room_leave', { room: id });
  assert.equal(errorCode(await eve.ask('msg_edit', { id: evesLine, text: 'after' })), 'not_found');
  await cat.ask('moderate', { room: id, username: 'dan', action: 'ban' });
  assert.equal(errorCode(await dan.ask('msg_edit', { id: dans, text: 'x' })), 'not_found', 'banned');
  await Promise.all([cat, catPhone, dan, eve].map((c) => c.close()));
});

test('a guest cannot edit; a classic client sees an edit as a plain line, never an `edited` or `deleted` object', async () => {
  const classic = await RawClient.connect(t.port);
  classic.send({ request: 'login', content: 'kim' });
  await classic.response('history');
  const guest = await loginGuest(t.port, 'gil');
  const fay = await loginUser(t.port, 'fay');
  const said = await say(guest, 'guest line');
  assert.equal(errorCode(await guest.ask('msg_edit', { id: said, text: 'changed' })), 'not_allowed');
  const line = await say(fay, 'hello classic');
  await classic.waitFor((r) => r.response === 'message' && r.content === 'hello classic');
  assert.equal((await fay.ask('msg_edit', { id: line, text: 'hello, classic' })).response, 'edited');
  const plain = await classic.waitFor(
    (r) => r.response === 'info' && r.content === 'fay edited: hello, classic',
  );
  assert.equal(plain.sender, 'server');
  assert.equal(await arrived(guest, (r) => r.response === 'edited'), true, 'Hearth guests get the object');
  classic.send({ request: 'names', content: null });
  await classic.waitFor((r) => r.response === 'info' && String(r.content).startsWith('Online'));
  await fay.ask('msg_delete', { id: line });
  await guest.waitFor((r) => r.response === 'deleted');
  classic.send({ request: 'names', content: null });
  await classic.waitFor((r) => r.response === 'info' && String(r.content).startsWith('Online'));
  assert.deepEqual(
    classic.all.filter((r) => r.response === 'edited' || r.response === 'deleted'),
    [],
    'no object a classic client does not know',
  );
  await Promise.all([classic.close(), guest.close(), fay.close()]);
});

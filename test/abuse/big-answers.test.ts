// Answers that are big because the messages are: 8,000 × U+0001 is a legal message of 48 KB once JSON-escaped,
// so a full history or resume page of them is megabytes. A reader at full speed must get every page, in
// byte-bounded pieces marked `more`, and offline direct messages must reach their reader exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginGuest, loginUser, RawClient } from '../helpers/raw-client';
import { startServer } from '../helpers/server';
import { printFigures } from './figures';

// One visible character: a message of nothing but control characters is refused as empty.
const HEAVY = `x${'\u0001'.repeat(7999)}`;

/** Send `count` heavy messages (room, or to a friend) and wait for every ack. */
async function sendHeavy(sender: RawClient, count: number, to = 'room'): Promise<void> {
  for (let i = 0; i < count; i++) {
    sender.send({ request: 'msg', content: { text: HEAVY, cid: `h${to}${i}`, to } });
  }
  for (let i = 0; i < count; i++) await sender.response('ack', undefined, 30_000);
}

type Messages = { id: number }[];

/** Ask `resume` from 0 while the answer says `more`: every id received, and each page's size. */
async function resumeAll(client: RawClient): Promise<{ ids: number[]; pages: number[] }> {
  const ids: number[] = [];
  const pages: number[] = [];
  let since = 0;
  for (;;) {
    const page = await client.ask('resume', { since, limit: 500 }, 30_000);
    const messages = page.content as Messages;
    pages.push(messages.length);
    ids.push(...messages.map((m) => m.id));
    if (!page.more || messages.length === 0) return { ids, pages };
    since = messages.at(-1)?.id ?? since;
  }
}

test('history and resume of heavy messages: byte-bounded pages, every message reaches a full-speed reader', {
  timeout: 180_000,
}, async () => {
  const t = await startServer({ requestRate: 0 });
  try {
    const talker = await loginGuest(t.port, 'talker');
    await sendHeavy(talker, 200);
    const reader = await loginGuest(t.port, 'reader');
    reader.drain();

    const historyIds: number[] = [];
    const historyPages: number[] = [];
    let before: number | undefined;
    for (;;) {
      const query =
        before === undefined
          ? { conversation: 'room', limit: 200 }
          : { conversation: 'room', before, limit: 200 };
      const page = await reader.ask('history', query, 30_000);
      assert.equal(page.response, 'history', JSON.stringify(page).slice(0, 200));
      const messages = page.content as Messages;
      historyPages.push(messages.length);
      historyIds.unshift(...messages.map((m) => m.id));
      if (!page.more || messages.length === 0) break;
      before = messages[0]?.id;
    }
    const { ids: resumeIds, pages: resumePages } = await resumeAll(reader);
    printFigures('heavy pages', { messages: 200, historyPages, resumePages });
    assert.ok(!reader.isClosed, 'the reader was not dropped');
    assert.ok(!t.logs.some((l) => l.includes('slow consumer')), 'nobody was taken for a slow consumer');
    assert.equal(new Set(historyIds).size, 200, 'history: every message once');
    assert.equal(new Set(resumeIds).size, 200, 'resume: every message once');
    assert.ok(historyPages.length > 1 && resumePages.length > 1, 'the pages were cut by bytes');
    for (const c of [talker, reader]) c.destroy();
  } finally {
    await t.dispose();
  }
});

test('200 heavy offline direct messages: the login and resume pages carry them all once, then none again', {
  timeout: 180_000,
}, async () => {
  const t = await startServer({ requestRate: 0 });
  try {
    const anna = await loginUser(t.port, 'anna');
    let bob = await loginUser(t.port, 'bob');
    await anna.ask('friend_request', { username: 'bob' });
    await bob.ask('friend_accept', { username: 'anna' });
    await bob.close();
    await sendHeavy(anna, 200, '@bob');

    const received = new Set<number>();
    const dmsIn = (answer: { content?: unknown }) =>
      ((answer.content as { history?: (Messages[number] & { conv: string })[] })?.history ?? []).filter(
        (m) => m.conv === 'dm',
      );
    const logIn = async () => {
      const client = await RawClient.connect(t.port);
      const answer = await client.ask('login', { username: 'bob', password: 'correct horse' }, 30_000);
      assert.equal(answer.response, 'login');
      return { client, dms: dmsIn(answer) };
    };
    const first = await logIn();
    bob = first.client;
    const fromLogin = first.dms;
    for (const m of fromLogin) received.add(m.id);
    const resumed = await resumeAll(bob);
    for (const id of resumed.ids) received.add(id);
    const pages = resumed.pages.length;
    assert.ok(!bob.isClosed, 'bob was not dropped');
    await bob.close();
    const { client: again, dms: dmsAgain } = await logIn();
    printFigures('heavy offline DMs', {
      sent: 200,
      inLoginAnswer: fromLogin.length,
      resumePages: pages,
      received: received.size,
      onNextLogin: dmsAgain.length,
    });
    assert.equal(received.size, 200, 'every direct message arrived');
    assert.equal(dmsAgain.length, 0, 'and none is handed over twice');
    for (const c of [anna, again]) c.destroy();
  } finally {
    await t.dispose();
  }
});

test('the outbound bound counts bytes: a stalled reader of CJK text is dropped at the same bytes as of ASCII', {
  timeout: 180_000,
}, async () => {
  // Only the hard bound (twice maxOutboundBytes) drops here; the grace is longer than the test.
  const t = await startServer({
    requestRate: 0,
    maxOutboundBytes: 1024 * 1024,
    slowConsumerGraceMs: 600_000,
  });
  try {
    const anna = await loginUser(t.port, 'anna');
    const bytesUntilDropped = async (name: string, text: string) => {
      const reader = await loginUser(t.port, name);
      await anna.ask('friend_request', { username: name });
      await reader.ask('friend_accept', { username: 'anna' });
      reader.socket.pause();
      let sent = 0;
      for (let i = 0; i < 6000 && !t.logs.some((l) => l.startsWith(`dropped ${name}@`)); i++) {
        anna.send({ request: 'msg', content: { text, cid: `${name}${i}`, to: `@${name}` } });
        await anna.response('ack', undefined, 30_000);
        sent += Buffer.byteLength(text, 'utf8');
      }
      reader.destroy();
      return sent;
    };
    // About the same bytes per message: 2,666 CJK characters are 7,998 bytes of UTF-8.
    const ascii = await bytesUntilDropped('asciireader', 'a'.repeat(8000));
    const cjk = await bytesUntilDropped('cjkreader', '語'.repeat(2666));
    printFigures('outbound bound in bytes', {
      maxOutboundBytes: 1024 * 1024,
      asciiBytesSent: ascii,
      cjkBytesSent: cjk,
    });
    assert.ok(ascii < 6000 * 8000 && cjk < 6000 * 7998, 'both readers were dropped');
    // Counted as characters, the CJK reader could hold three times the bytes before the bound noticed.
    assert.ok(cjk < 1.5 * ascii, `CJK: ${cjk} bytes sent before the drop, ASCII: ${ascii}`);
    anna.destroy();
  } finally {
    await t.dispose();
  }
});

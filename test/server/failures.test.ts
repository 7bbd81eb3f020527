// When the store fails, the client that asked gets server_error, the failure is logged, and the room goes on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../../src-main/server/store/sqlite-store';
import type { ChatStore } from '../../src-main/server/store/store';
import { loginGuest } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

/** The real store, except that it fails on a message saying "explode" and on older-page queries. */
function sabotaged(dataDir: string): ChatStore {
  const real = openSqliteStore(dataDir);
  return {
    ...real,
    appendMessages(batch) {
      if (batch.some((m) => m.text === 'explode')) throw new Error('disk on fire');
      return real.appendMessages(batch);
    },
    page(conversation, before, limit) {
      if (before !== null) throw new Error('index corrupted');
      return real.page(conversation, before, limit);
    },
  };
}

let t: TestServer;
before(async () => {
  t = await startServer({ openStore: sabotaged });
});
after(() => t.dispose());

test('a failed commit answers server_error to the senders in it, logs, and later messages still flow', async () => {
  const [ann, ben] = await Promise.all([loginGuest(t.port, 'ann'), loginGuest(t.port, 'ben')]);
  const failed = await ann.ask('msg', { text: 'explode', cid: 'boom' });
  assert.equal(failed.response, 'error');
  assert.equal(failed.code, 'server_error');
  assert.match(String(failed.content), /send it again/);
  assert.ok(t.logs.some((l) => l.includes('disk on fire')));
  // In one write, so both land in the same group commit: only the bad one fails.
  ann.send(
    `${JSON.stringify({ request: 'msg', content: { text: 'innocent', cid: 'i1' }, rid: 'i1' })}\n` +
      `${JSON.stringify({ request: 'msg', content: { text: 'explode', cid: 'boom2' }, rid: 'b2' })}\n`,
  );
  assert.equal((await ann.response('ack', 'i1')).response, 'ack');
  assert.equal((await ann.response('error', 'b2')).code, 'server_error');
  const ok = await ann.ask('msg', { text: 'fine now', cid: 'fine' });
  assert.equal(ok.response, 'ack');
  assert.equal((await ben.waitFor((r) => r.response === 'message')).content, 'innocent');
  const got = await ben.waitFor((r) => r.response === 'message');
  assert.equal(got.content, 'fine now', 'the failed messages were never delivered');
  await Promise.all([ann.close(), ben.close()]);
});

test('a handler that throws answers server_error to that request only; the connection keeps working', async () => {
  const cat = await loginGuest(t.port, 'cat');
  const failed = await cat.ask('history', { conversation: 'room', before: 10, limit: 5 });
  assert.equal(failed.code, 'server_error');
  assert.ok(t.logs.some((l) => l.includes('index corrupted') && l.includes('history')));
  const latest = await cat.ask('history', { conversation: 'room', limit: 5 });
  assert.equal(latest.response, 'history');
  assert.equal((await cat.ask('ping')).response, 'pong');
  await cat.close();
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, loginUser, RawClient, type Received } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.dispose());

const isMessage = (text: string) => (r: Received) => r.response === 'message' && r.content === text;

test('several clients chat: the sender gets an ack, everyone else the message with sender and timestamp', async () => {
  const [ann, ben, cat] = await Promise.all([
    loginUser(t.port, 'ann'),
    loginUser(t.port, 'ben'),
    loginGuest(t.port, 'cat'),
  ]);
  ann.send({ request: 'msg', content: { text: 'hello all', cid: 'ann-1' }, rid: 'send1' });
  const ack = await ann.response('ack', 'send1');
  const ackContent = ack.content as { cid: string; id: number; timestamp: string; duplicate: boolean };
  assert.equal(ackContent.cid, 'ann-1');
  assert.equal(ackContent.duplicate, false);
  assert.ok(Number.isInteger(ackContent.id) && ackContent.id > 0);
  for (const other of [ben, cat]) {
    const m = await other.waitFor(isMessage('hello all'));
    assert.equal(m.sender, 'ann');
    assert.equal(m.id, ackContent.id);
    assert.equal(m.conv, 'room');
    assert.equal(m.guest, undefined, "an account's message carries no guest flag");
    assert.equal(m.timestamp, ackContent.timestamp);
    assert.ok(!Number.isNaN(Date.parse(m.timestamp as string)));
  }
  cat.send({ request: 'msg', content: { text: 'meow', cid: 'cat-1' } });
  const catMsg = await ann.waitFor(isMessage('meow'));
  assert.equal(catMsg.sender, 'cat');
  assert.ok((catMsg.id as number) > ackContent.id, 'ids grow');
  // The sender does not get its own message back, only the ack.
  await cat.response('ack');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(cat.pending(isMessage('meow')).length, 0);
  await Promise.all([ann.close(), ben.close(), cat.close()]);
});

test('join, leave and welcome notices; names lists who is online', async () => {
  const dee = await loginUser(t.port, 'dee');
  const welcome = await dee.waitFor((r) => r.response === 'info' && r.event === 'welcome');
  assert.equal(welcome.user, 'dee');
  const eve = await loginGuest(t.port, 'eve');
  const join = await dee.waitFor((r) => r.response === 'info' && r.event === 'join' && r.user === 'eve');
  assert.equal(join.content, 'eve joined');
  const names = await dee.ask('names');
  assert.equal(names.response, 'info');
  assert.deepEqual(names.users, ['dee', 'eve']);
  eve.destroy();
  const leave = await dee.waitFor((r) => r.response === 'info' && r.event === 'leave' && r.user === 'eve');
  assert.equal(leave.content, 'eve left');
  await dee.close();
});

test('join notices are gathered, reach everyone (the newcomer after its welcome) before the newcomer speaks', async () => {
  const host = await loginUser(t.port, 'host');
  const crowd = await Promise.all(['n1', 'n2', 'n3'].map((n) => loginGuest(t.port, n)));
  crowd[0]?.send({ request: 'msg', content: { text: 'n1 here', cid: 'n1-first' } });
  await host.waitFor(isMessage('n1 here'));
  const seen = host.all.filter(
    (r) => (r.event === 'join' && String(r.user).startsWith('n')) || r.content === 'n1 here',
  );
  assert.deepEqual(
    seen
      .slice(0, 3)
      .map((r) => r.user)
      .sort(),
    ['n1', 'n2', 'n3'],
    'all three joins come before the message',
  );
  assert.equal(seen[3]?.content, 'n1 here');
  for (const [i, c] of crowd.entries()) {
    const name = `n${i + 1}`;
    await c.waitFor((r) => r.event === 'join' && r.user === name);
    const welcome = c.all.findIndex((r) => r.event === 'welcome');
    const ownJoin = c.all.findIndex((r) => r.event === 'join' && r.user === name);
    assert.ok(welcome >= 0 && welcome < ownJoin, 'the welcome comes first');
    c.destroy();
  }
  await host.close();
});

test('a burst of messages from several senders reaches everyone complete and in id order', async () => {
  const senders = await Promise.all(['s1', 's2', 's3'].map((n) => loginGuest(t.port, n)));
  const listener = await loginGuest(t.port, 'listener');
  const perSender = 20;
  for (let i = 0; i < perSender; i++) {
    for (const [k, s] of senders.entries())
      s.send({ request: 'msg', content: { text: `m${k}-${i}`, cid: `c${k}-${i}` } });
  }
  const got: Received[] = [];
  for (let n = 0; n < perSender * senders.length; n++) {
    got.push(await listener.waitFor((r) => r.response === 'message' && String(r.content).startsWith('m')));
  }
  const ids = got.map((m) => m.id as number);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a - b),
  );
  assert.equal(new Set(got.map((m) => m.content)).size, perSender * senders.length);
  for (const s of senders) s.destroy();
  await listener.close();
});

test('a retried send with the same cid is stored once and acked with the stored id', async () => {
  const fay = await loginUser(t.port, 'fay');
  const watcher = await loginGuest(t.port, 'watcher');
  fay.send({ request: 'msg', content: { text: 'once only', cid: 'retry-me' }, rid: 'a' });
  fay.send({ request: 'msg', content: { text: 'once only', cid: 'retry-me' }, rid: 'b' });
  const first = (await fay.response('ack', 'a')).content as { id: number; duplicate: boolean };
  const second = (await fay.response('ack', 'b')).content as { id: number; duplicate: boolean };
  assert.equal(first.duplicate, false);
  assert.equal(second.duplicate, true);
  assert.equal(second.id, first.id);
  // A retry after a reconnect (new connection, same account) is recognised too.
  await fay.close();
  const again = await loginUser(t.port, 'fay');
  const third = (await again.ask('msg', { text: 'once only', cid: 'retry-me' })).content as {
    id: number;
    duplicate: boolean;
  };
  assert.equal(third.duplicate, true);
  assert.equal(third.id, first.id);
  const history = await again.ask('history', { conversation: 'room', limit: 200 });
  const copies = (history.content as Received[]).filter((m) => m.content === 'once only');
  assert.equal(copies.length, 1);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(watcher.pending(isMessage('once only')).length, 1, 'broadcast once');
  await Promise.all([again.close(), watcher.close()]);
});

test('history: login carries the latest room messages; older pages on request', async () => {
  const gus = await loginUser(t.port, 'gus');
  for (let i = 0; i < 60; i++) gus.send({ request: 'msg', content: { text: `page-${i}`, cid: `page-${i}` } });
  for (let i = 0; i < 60; i++) await gus.response('ack');
  await gus.close();

  const back = await RawClient.connect(t.port);
  const login = await back.ask('login', { username: 'gus', password: 'correct horse' });
  const content = login.content as { history: Received[]; lastId: number; username: string; guest: boolean };
  assert.equal(content.username, 'gus');
  assert.equal(content.guest, false);
  assert.equal(content.history.length, 50);
  assert.equal(content.history.at(-1)?.content, 'page-59');
  assert.equal(content.lastId, content.history.at(-1)?.id);
  const ids = content.history.map((m) => m.id as number);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a - b),
  );

  const older = await back.ask('history', { conversation: 'room', before: ids[0], limit: 5 });
  assert.equal(older.response, 'history');
  assert.equal(older.conv, 'room');
  assert.equal(older.more, true);
  assert.deepEqual(
    (older.content as Received[]).map((m) => m.content),
    ['page-5', 'page-6', 'page-7', 'page-8', 'page-9'],
  );
  await back.close();
});

test('resume returns exactly what was missed since an id, with more for paging', async () => {
  const hal = await loginUser(t.port, 'hal');
  const mark = ((await hal.ask('msg', { text: 'mark', cid: 'mark' })).content as { id: number }).id;
  hal.destroy();
  const ivy = await loginGuest(t.port, 'ivy');
  for (let i = 0; i < 5; i++) await ivy.ask('msg', { text: `missed-${i}`, cid: `missed-${i}` });
  const hal2 = await loginUser(t.port, 'hal');
  const first = await hal2.ask('resume', { since: mark, limit: 3 });
  assert.equal(first.response, 'resume');
  assert.equal(first.more, true);
  const firstTexts = (first.content as Received[]).map((m) => m.content);
  assert.deepEqual(firstTexts, ['missed-0', 'missed-1', 'missed-2']);
  const lastSeen = (first.content as Received[]).at(-1)?.id as number;
  const rest = await hal2.ask('resume', { since: lastSeen, limit: 3 });
  assert.equal(rest.more, false);
  assert.deepEqual(
    (rest.content as Received[]).map((m) => m.content),
    ['missed-3', 'missed-4'],
  );
  await Promise.all([hal2.close(), ivy.close()]);
});

test('history survives a server restart on the same data directory', async () => {
  const dataDir = t.dataDir;
  const jo = await loginUser(t.port, 'jo');
  const acked = (await jo.ask('msg', { text: 'before restart', cid: 'br' })).content as { id: number };
  await t.stop();
  await jo.closed;
  t = await startServer({}, dataDir);
  const jo2 = await RawClient.connect(t.port);
  const login = await jo2.ask('login', { username: 'jo', password: 'correct horse' });
  assert.equal(login.response, 'login', 'the account survived');
  const history = (login.content as { history: Received[] }).history;
  assert.equal(history.at(-1)?.content, 'before restart');
  assert.equal(history.at(-1)?.id, acked.id);
  const next = (await jo2.ask('msg', { text: 'after restart', cid: 'ar' })).content as { id: number };
  assert.ok(next.id > acked.id, 'ids keep growing after a restart');
  await jo2.close();
});

test('messages keep their text exactly, up to the length limit', async () => {
  const lou = await loginGuest(t.port, 'lou');
  const text = `  emoji 👋🏽, "quotes", \\ backslashes, <b>html</b>, newline\nand ${'long '.repeat(1500)}`;
  const ack = await lou.ask('msg', { text, cid: 'exact' });
  const page = await lou.ask('history', { conversation: 'room', limit: 1 });
  assert.equal((page.content as Received[])[0]?.content, text);
  assert.equal((page.content as Received[])[0]?.id, (ack.content as { id: number }).id);
  const tooLong = await lou.ask('msg', { text: 'x'.repeat(8001), cid: 'long' });
  assert.equal(tooLong.code, 'invalid');
  await lou.close();
});

test('ping gets pong; clients are told goodbye when the server closes', async () => {
  const kim = await loginGuest(t.port, 'kim');
  const pong = await kim.ask('ping');
  assert.equal(pong.response, 'pong');
  await t.stop();
  const bye = await kim.waitFor((r) => r.response === 'info' && String(r.content).includes('shutting down'));
  assert.ok(bye);
  await kim.closed;
  t = await startServer({}, t.dataDir);
});

test('logout leaves the room when the goodbye is sent, even while the client keeps its socket open', async () => {
  const watcher = await loginUser(t.port, 'lo_watcher');
  const account = await RawClient.connect(t.port, { keepOpen: true });
  assert.equal(
    (await account.ask('register', { username: 'lo_account', password: 'long enough' })).response,
    'login',
  );
  await account.ask('friend_request', { username: 'lo_watcher' });
  await watcher.ask('friend_accept', { username: 'lo_account' });
  const hearthGuest = await RawClient.connect(t.port, { keepOpen: true });
  assert.equal((await hearthGuest.ask('login', { username: 'lo_hguest', guest: true })).response, 'login');
  const classicGuest = await RawClient.connect(t.port, { keepOpen: true });
  classicGuest.send(JSON.stringify({ request: 'login', content: 'lo_cguest' }));
  await classicGuest.waitFor((r) => r.event === 'welcome');
  const names = async () => (await watcher.ask('names')).users as string[];
  assert.deepEqual((await names()).filter((n) => n.startsWith('lo_')).sort(), [
    'lo_account',
    'lo_cguest',
    'lo_hguest',
    'lo_watcher',
  ]);

  for (const [client, name] of [
    [account, 'lo_account'],
    [hearthGuest, 'lo_hguest'],
    [classicGuest, 'lo_cguest'],
  ] as const) {
    client.send({ request: 'logout', content: null });
    await client.waitFor((r) => r.content === 'Goodbye!');
    assert.ok(!(await names()).includes(name), `${name} is no longer in names once told goodbye`);
    await watcher.waitFor((r) => r.event === 'leave' && r.user === name, 3000, `${name} left`);
    assert.ok(!client.isClosed, `the leave notice for ${name} did not wait for the socket to close`);
  }
  assert.deepEqual((await watcher.waitFor((r) => r.response === 'presence')).content, {
    username: 'lo_account',
    online: false,
  });
  const dm = await watcher.ask('msg', { text: 'sent after the goodbye', cid: 'lo-dm', to: '@lo_account' });
  assert.equal(dm.response, 'ack');
  const again = await RawClient.connect(t.port);
  const login = await again.ask('login', { username: 'lo_account', password: 'long enough' });
  const history = (login.content as { history: Received[] }).history;
  assert.ok(
    history.some((m) => m.content === 'sent after the goodbye'),
    'a DM sent after the goodbye is handed over at the next login',
  );
  await Promise.all([account, hearthGuest, classicGuest, again, watcher].map((c) => c.close()));
});

test("a guest's client ids are its session's: a later guest of the same name is someone else", async () => {
  const watcher = await loginUser(t.port, 'cid_watcher');
  const first = await loginGuest(t.port, 'cid_guest');
  const a = (await first.ask('msg', { text: 'first guest says', cid: '1' })).content as { id: number };
  // Within one guest session a retried cid is still recognised.
  const retried = (await first.ask('msg', { text: 'first guest says', cid: '1' })).content as {
    id: number;
    duplicate: boolean;
  };
  assert.equal(retried.duplicate, true);
  assert.equal(retried.id, a.id);
  await first.close();
  await watcher.waitFor((r) => r.event === 'leave' && r.user === 'cid_guest');

  const second = await loginGuest(t.port, 'cid_guest');
  const b = (await second.ask('msg', { text: 'second guest says', cid: '1' })).content as {
    id: number;
    duplicate: boolean;
  };
  assert.equal(b.duplicate, false, 'not mistaken for the earlier guest');
  assert.ok(b.id > a.id);
  const got = await watcher.waitFor(isMessage('second guest says'));
  assert.equal(got.id, b.id);
  assert.equal(got.guest, true, 'a guest says so on its messages');
  const history = (await watcher.ask('history', { conversation: 'room', limit: 200 })).content as Received[];
  const stored = history.filter((m) => m.content === 'second guest says');
  assert.equal(stored.length, 1, 'the message was stored');
  assert.equal(stored[0]?.guest, true, 'and says so in history');
  await Promise.all([second.close(), watcher.close()]);
});

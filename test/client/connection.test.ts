// The client core against the real server on loopback: chatting, and above all what happens to messages
// when the link drops, freezes, refuses or the server restarts.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { LinkStatus } from '../../src-main/client/connection';
import { ChatConnection, type ReceivedMessage } from '../../src-main/client/connection';
import { startServer, type TestServer } from '../helpers/server';
import { CuttableProxy, FAST, roomIdentity, sleep, waitFor } from './support';

const PASSWORD = 'correct horse';

interface Client {
  connection: ChatConnection;
  messages: ReceivedMessage[];
  states: LinkStatus['state'][];
}

const clients: ChatConnection[] = [];

async function client(port: number, username: string, options: Partial<typeof FAST> = {}): Promise<Client> {
  const connection = new ChatConnection({ ...FAST, ...options, host: '127.0.0.1', port });
  clients.push(connection);
  const messages: ReceivedMessage[] = [];
  const states: LinkStatus['state'][] = [];
  connection.on('message', (m) => messages.push(m));
  connection.on('status', (s) => states.push(s.state));
  const opened = await connection.connect();
  assert.ok(opened.ok, !opened.ok ? opened.error : '');
  const session = await connection.register(username, PASSWORD);
  assert.ok(session.ok, !session.ok ? session.error : '');
  return { connection, messages, states };
}

/** Send and wait for the ack; returns the stored id. */
async function say(c: Client, text: string, to = 'room'): Promise<number> {
  const sent = c.connection.send(text, to);
  assert.ok(sent.ok);
  const acked = await sent.value.acked;
  assert.ok(acked.ok, !acked.ok ? acked.error : '');
  return acked.value.id;
}

function ids(messages: ReceivedMessage[]): number[] {
  return messages.map((m) => m.id);
}

function assertStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) {
    assert.ok(
      (values[i] as number) > (values[i - 1] as number),
      `ids out of order at ${i}: ${values.join(',')}`,
    );
  }
}

let srv: TestServer;

before(async () => {
  srv = await startServer();
});

after(async () => {
  for (const c of clients) c.close();
  await srv.dispose();
});

describe('chatting', () => {
  test('logs in, sends with an ack, and others receive the message with sender and timestamp', async () => {
    const ann = await client(srv.port, 'ann');
    const ben = await client(srv.port, 'ben');
    const id = await say(ann, 'hello, ben');
    await waitFor('ben to receive', () => ben.messages.some((m) => m.id === id));
    const got = ben.messages.find((m) => m.id === id) as ReceivedMessage;
    assert.equal(got.sender, 'ann');
    assert.equal(got.content, 'hello, ben');
    assert.ok(!Number.isNaN(Date.parse(got.timestamp)));
    // The sender sees its own message once, carrying its client id, from the ack.
    const own = ann.messages.filter((m) => m.id === id);
    assert.equal(own.length, 1);
    assert.ok(own[0]?.cid);
  });

  test('errors come back as values: wrong password, taken name, unreachable host', async () => {
    const c = new ChatConnection({ ...FAST, host: '127.0.0.1', port: srv.port });
    clients.push(c);
    assert.ok((await c.connect()).ok);
    const wrong = await c.login('ann', 'not the password');
    assert.deepEqual([wrong.ok, !wrong.ok && wrong.code], [false, 'bad_credentials']);
    const taken = await c.register('ANN', 'another password');
    assert.deepEqual([taken.ok, !taken.ok && taken.code], [false, 'name_taken']);

    const proxy = new CuttableProxy(srv.port);
    const port = await proxy.start();
    await proxy.refuse();
    const nowhere = new ChatConnection({ ...FAST, host: '127.0.0.1', port });
    const unreachable = await nowhere.connect();
    assert.equal(unreachable.ok, false);
    assert.match(
      !unreachable.ok ? unreachable.error : '',
      new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port} \\(connection refused`),
    );
    assert.equal(nowhere.state.state, 'disconnected');
  });

  test('something that is not a Hearth room is recognised before anyone logs in to it', async () => {
    const impostor = createServer((socket) => {
      socket.on('error', () => {});
      socket.write('SSH-2.0-OpenSSH_9.2\r\n');
    });
    const hangUp = createServer((socket) => socket.destroy());
    const listen = (server: Server) =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
      );
    try {
      for (const port of [await listen(impostor), await listen(hangUp)]) {
        const c = new ChatConnection({ ...FAST, connectTimeoutMs: 300, host: '127.0.0.1', port });
        const outcome = await c.connect();
        assert.equal(outcome.ok, false);
        assert.match(
          !outcome.ok ? outcome.error : '',
          new RegExp(`^127\\.0\\.0\\.1:${port} answered, but not like a Hearth room`),
        );
        assert.equal(c.state.state, 'disconnected');
      }
    } finally {
      impostor.close();
      hangUp.close();
    }
  });

  test('a friend request, accept and direct messages', async () => {
    const cat = await client(srv.port, 'cat');
    const dan = await client(srv.port, 'dan');
    const request = await cat.connection.friendRequest('dan');
    assert.ok(request.ok);
    assert.deepEqual(request.value.outgoing, ['dan']);
    const accepted = await dan.connection.friendAccept('cat');
    assert.ok(accepted.ok);
    assert.deepEqual(accepted.value.friends, [{ username: 'cat', online: true }]);
    const id = await say(dan, 'psst', '@cat');
    await waitFor('the DM', () => cat.messages.some((m) => m.id === id));
    const dm = cat.messages.find((m) => m.id === id) as ReceivedMessage;
    assert.deepEqual([dm.conv, dm.to, dm.sender], ['dm', 'cat', 'dan']);
    const history = await cat.connection.history({ conversation: '@dan' });
    assert.ok(history.ok);
    assert.deepEqual(ids(history.value.messages), [id]);
  });
});

describe('dropped links', () => {
  test('a link cut mid-stream is repaired: nothing lost or duplicated, in order, while another client keeps sending', async () => {
    const proxy = new CuttableProxy(srv.port);
    const proxyPort = await proxy.start();
    const eve = await client(proxyPort, 'eve');
    const fay = await client(srv.port, 'fay');
    const sent: number[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending || i < 60; i++) {
        sent.push(await say(fay, `tick ${i}`));
        await sleep(2);
      }
    })();
    await waitFor('some messages to flow', () => eve.messages.length >= 10);
    proxy.cut();
    await waitFor('eve to notice the drop', () => eve.states.includes('reconnecting'));
    await sleep(100);
    proxy.cut(); // and again, during or just after the recovery
    await waitFor('eve to reconnect', () => eve.connection.state.state === 'connected');
    await sleep(100);
    sending = false;
    await sender;
    await waitFor('eve to have every message', () => eve.messages.length >= sent.length, 10_000);
    await sleep(100);
    const fromFay = eve.messages.filter((m) => m.sender === 'fay').map((m) => m.id);
    assert.deepEqual(fromFay, sent, 'eve has every message of fay exactly once, in order');
    assertStrictlyIncreasing(ids(eve.messages));
    await proxy.close();
  });

  test('sends made while disconnected are queued and delivered once, in order, after the reconnect', async () => {
    const proxy = new CuttableProxy(srv.port);
    const proxyPort = await proxy.start();
    const gus = await client(proxyPort, 'gus');
    const hal = await client(srv.port, 'hal');
    await proxy.refuse();
    await waitFor('gus to notice', () => gus.connection.state.state === 'reconnecting');
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const acks = texts.map((text) => {
      const sent = gus.connection.send(text);
      assert.ok(sent.ok);
      return sent.value.acked;
    });
    assert.equal(gus.connection.unsent.length, 5);
    await sleep(300); // several failed attempts while refused
    await proxy.accept();
    const outcomes = await Promise.all(acks);
    const stored = outcomes.map((o) => (o.ok ? o.value.id : -1));
    assertStrictlyIncreasing(stored);
    await waitFor('hal to receive them', () => hal.messages.filter((m) => m.sender === 'gus').length >= 5);
    await sleep(100);
    assert.deepEqual(
      hal.messages.filter((m) => m.sender === 'gus').map((m) => m.content),
      texts,
    );
    assert.deepEqual(
      gus.messages.filter((m) => m.sender === 'gus').map((m) => [m.id, m.content]),
      stored.map((id, i) => [id, texts[i]]),
    );
    assert.equal(gus.connection.unsent.length, 0);
    await proxy.close();
  });

  test('a send stored but whose ack was lost is retried with the same client id and stored once', async () => {
    const proxy = new CuttableProxy(srv.port, roomIdentity(srv.dataDir));
    const proxyPort = await proxy.start();
    const ivy = await client(proxyPort, 'ivy');
    proxy.cutAfterUpstream = /"request":"msg"/;
    const sent = ivy.connection.send('only once, please');
    assert.ok(sent.ok);
    const outcome = await sent.value.acked;
    assert.ok(outcome.ok);
    assert.ok(proxy.connections >= 2, 'the ack came over a second connection');
    const history = await ivy.connection.history({ conversation: 'room', limit: 200 });
    assert.ok(history.ok);
    const copies = history.value.messages.filter((m) => m.content === 'only once, please');
    assert.equal(copies.length, 1, 'stored once');
    assert.equal(copies[0]?.id, outcome.value.id);
    const shown = ivy.messages.filter((m) => m.content === 'only once, please');
    assert.deepEqual(
      shown.map((m) => [m.id, m.cid]),
      [[outcome.value.id, sent.value.message.cid]],
    );
    await proxy.close();
  });

  test('a guest session is restored after a drop too', async () => {
    const proxy = new CuttableProxy(srv.port);
    const proxyPort = await proxy.start();
    const wanderer = new ChatConnection({ ...FAST, host: '127.0.0.1', port: proxyPort });
    clients.push(wanderer);
    const got: ReceivedMessage[] = [];
    wanderer.on('message', (m) => got.push(m));
    assert.ok((await wanderer.connect()).ok);
    const session = await wanderer.loginGuest('wanderer');
    assert.deepEqual(session.ok && [session.value.username, session.value.guest], ['wanderer', true]);
    const uma = await client(srv.port, 'uma');
    proxy.cut();
    const id = await say(uma, 'welcome back, wanderer');
    await waitFor('the guest to catch up', () => got.some((m) => m.id === id));
    assert.equal(wanderer.session?.guest, true);
    const sent = wanderer.send('glad to be back');
    assert.ok(sent.ok);
    assert.ok((await sent.value.acked).ok);
    await proxy.close();
  });

  test('a frozen (half-open) link is detected by the heartbeat and replaced', async () => {
    const proxy = new CuttableProxy(srv.port);
    const proxyPort = await proxy.start();
    // 2.5 s, not 0.6: the register before the freeze must survive a loaded CI box (one lost it at 0.6 s).
    const jo = await client(proxyPort, 'jo', { heartbeatIntervalMs: 250, deadAfterMs: 2_500 });
    const kim = await client(srv.port, 'kim');
    proxy.freeze();
    const id = await say(kim, 'are you there?');
    await sleep(200);
    assert.ok(!jo.messages.some((m) => m.id === id), 'nothing gets through a frozen link');
    await waitFor(
      'jo to notice the silence and reconnect',
      () => jo.messages.some((m) => m.id === id),
      20_000,
    );
    assert.ok(jo.states.includes('reconnecting'));
    assert.equal(jo.messages.filter((m) => m.id === id).length, 1);
    await proxy.close();
  });

  test('a queue longer than the server allows at once gets through its rate limit, each message once', async () => {
    const strict = await startServer({ requestRate: 10, requestBurst: 20 });
    try {
      const proxy = new CuttableProxy(strict.port);
      const proxyPort = await proxy.start();
      const lou = await client(proxyPort, 'lou');
      const mo = await client(strict.port, 'mo');
      let refusals = 0;
      lou.connection.on('serverError', (e) => {
        if (e.code === 'rate_limited') refusals++;
      });
      await proxy.refuse();
      await waitFor('lou to notice', () => lou.connection.state.state === 'reconnecting');
      const acks = Array.from({ length: 25 }, (_, i) => {
        const sent = lou.connection.send(`queued ${i}`);
        assert.ok(sent.ok);
        return sent.value.acked;
      });
      await proxy.accept();
      const outcomes = await Promise.all(acks);
      assert.ok(outcomes.every((o) => o.ok));
      await waitFor('mo to get all 25', () => mo.messages.length >= 25, 10_000);
      await sleep(100);
      assert.equal(mo.messages.length, 25);
      assert.equal(new Set(mo.messages.map((m) => m.content)).size, 25);
      assert.equal(lou.messages.length, 25);
      assertStrictlyIncreasing(ids(lou.messages));
      assert.ok(refusals > 0, 'the server did refuse some sends for going too fast');
      await proxy.close();
    } finally {
      await strict.dispose();
    }
  });
});

describe('resume paging', () => {
  test('a long absence is caught up page by page, each message once and in order', async () => {
    const proxy = new CuttableProxy(srv.port);
    const proxyPort = await proxy.start();
    const ria = await client(proxyPort, 'ria', { resumePageSize: 7 });
    const sid = await client(srv.port, 'sid');
    await proxy.refuse();
    await waitFor('ria to notice', () => ria.connection.state.state === 'reconnecting');
    const missed: number[] = [];
    for (let i = 0; i < 40; i++) missed.push(await say(sid, `while ria was away ${i}`));
    await proxy.accept();
    await waitFor('ria to catch up', () => ria.messages.filter((m) => m.sender === 'sid').length >= 40);
    await sleep(100);
    assert.deepEqual(
      ria.messages.filter((m) => m.sender === 'sid').map((m) => m.id),
      missed,
    );
    await proxy.close();
  });
});

describe('server restarts', () => {
  test('after a restart on the same data dir the client reconnects, resumes, and the history is intact', async () => {
    const first = await startServer();
    const port = first.port;
    try {
      const nia = await client(port, 'nia');
      const oz = await client(port, 'oz');
      const before = [await say(oz, 'before 1'), await say(oz, 'before 2')];
      await waitFor('nia to have them', () => before.every((id) => nia.messages.some((m) => m.id === id)));
      await first.stop();
      await waitFor('nia to be reconnecting', () => nia.connection.state.state === 'reconnecting');
      const second = await startServer({ port }, first.dataDir);
      try {
        // Someone else says something the moment the room is back, possibly before nia returns.
        const pia = await client(port, 'pia');
        const during = await say(pia, 'during');
        await waitFor('nia to reconnect', () => nia.connection.state.state === 'connected');
        const afterwards = await say(pia, 'after');
        await waitFor('nia to catch up', () => nia.messages.some((m) => m.id === afterwards));
        assert.deepEqual(
          nia.messages.filter((m) => m.sender !== 'nia').map((m) => m.id),
          [...before, during, afterwards],
        );
        const history = await nia.connection.history({ conversation: 'room' });
        assert.ok(history.ok);
        assert.deepEqual(
          history.value.messages.map((m) => m.content),
          ['before 1', 'before 2', 'during', 'after'],
        );
        await waitFor('oz too', () => oz.connection.state.state === 'connected');
      } finally {
        await second.stop();
      }
    } finally {
      await first.dispose();
    }
  });

  test('Reconnect after the host closed the room: retryNow tries at once instead of waiting out the backoff', async () => {
    const first = await startServer();
    const port = first.port;
    try {
      // A backoff far longer than the test may take: only retryNow can bring the link back in time.
      const slow = { backoff: { initialMs: 60_000, maxMs: 60_000, factor: 1, jitter: 0 } };
      const rex = await client(port, 'rex', slow);
      await first.stop();
      await waitFor('rex to be waiting to reconnect', () => rex.connection.state.state === 'reconnecting');
      const second = await startServer({ port }, first.dataDir);
      try {
        const asked = Date.now();
        rex.connection.retryNow();
        rex.connection.retryNow();
        await waitFor('rex to be back', () => rex.connection.state.state === 'connected');
        assert.ok(Date.now() - asked < 30_000, 'back long before the 60 s backoff');
        assert.equal(rex.connection.session?.username, 'rex', 'the session came back with the link');
      } finally {
        await second.stop();
      }
    } finally {
      await first.dispose();
    }
  });

  test('a logout ends the session; logging in again right away opens a fresh link', async () => {
    const quinn = await client(srv.port, 'quinn');
    const out = await quinn.connection.logout();
    assert.ok(out.ok);
    assert.equal(quinn.connection.session, null);
    const notSent = quinn.connection.send('after logout');
    assert.equal(notSent.ok, false);
    const again = await quinn.connection.login('quinn', PASSWORD);
    assert.ok(again.ok, !again.ok ? again.error : '');
    assert.equal(quinn.connection.state.state, 'connected');
    assert.ok(!quinn.states.includes('reconnecting'), 'no reconnect banner for an expected close');
  });
});

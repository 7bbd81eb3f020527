// Connections that hold a slot without chatting: many from one address, never logging in, or never finishing
// the TLS handshake. Each is cut off by a limit; the figures are printed for docs/security.md.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { loginGuest, RawClient } from '../helpers/raw-client';
import { startServer } from '../helpers/server';
import { printFigures, sleep } from './figures';

interface Tcp {
  socket: Socket;
  /** When the server closed it (ms since epoch), once it has. */
  closedAt: number | null;
  closed: Promise<void>;
}

/** A plain TCP socket to the port (no TLS, nothing sent), watched from the start for the server closing it. */
function tcp(port: number): Promise<Tcp> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const entry: Tcp = { socket, closedAt: null, closed: Promise.resolve() };
    entry.closed = new Promise((done) =>
      socket.once('close', () => {
        entry.closedAt = Date.now();
        done();
      }),
    );
    socket.resume();
    socket.once('connect', () => {
      socket.on('error', () => {});
      resolve(entry);
    });
    socket.once('error', reject);
  });
}

test('per-address cap: N connections are served, the next is told too_many_connections; loopback is exempt by default', async () => {
  const cap = 8;
  const t = await startServer({ maxConnectionsPerAddress: cap, loopbackExemptFromAddressCap: false });
  const exempt = await startServer({ maxConnectionsPerAddress: cap });
  try {
    // Half log in, half just sit there: both hold a slot.
    const held: RawClient[] = [];
    for (let i = 0; i < cap; i++) {
      held.push(i % 2 === 0 ? await loginGuest(t.port, `house${i}`) : await RawClient.connect(t.port));
    }
    const extra = await RawClient.connect(t.port);
    const refused = await extra.response('error');
    assert.equal(refused.code, 'too_many_connections');
    assert.match(String(refused.content), /at most 8/);
    await extra.closed;
    // Let the server see it close too, so it no longer counts.
    await sleep(100);
    assert.ok(
      held.every((c) => !c.isClosed),
      'the first N are untouched',
    );
    // A TLS handshake stalled by the same address counts too: the slot is not free for another one.
    const stalled = await tcp(t.port);
    // Past twice the cap, sockets are cut before any handshake is spent on them: 8 + 1 + 10 = 19 open, 16 allowed.
    const started = Date.now();
    const flood = await Promise.all(Array.from({ length: cap + 2 }, () => tcp(t.port)));
    await new Promise((r) => setTimeout(r, 300));
    const cut = flood.filter((s) => s.closedAt !== null);
    assert.equal(cut.length, 3, 'exactly the sockets past twice the cap are cut');
    assert.equal(stalled.closedAt, null, 'a stalled handshake within the cap waits for its timeout');
    const cutWithinMs = Math.max(...cut.map((s) => (s.closedAt ?? 0) - started));
    for (const s of [stalled, ...flood]) s.socket.destroy();
    // One leaves: a slot frees up.
    await held[0]?.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await loginGuest(t.port, 'again');
    assert.ok(!again.isClosed);
    held.push(again);

    const local = await Promise.all(Array.from({ length: cap + 4 }, () => RawClient.connect(exempt.port)));
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(
      local.every((c) => !c.isClosed && c.all.length === 0),
      'loopback peers are not capped by default',
    );
    for (const c of [...held, ...local]) c.destroy();
    printFigures('per-address cap', {
      cap,
      accepted: cap,
      refusedCode: refused.code,
      cutPastTwiceTheCap: cut.length,
      cutWithinMs,
      loopbackExemptAccepted: local.length,
    });
    assert.ok(t.logs.some((l) => l.includes('connections from that address')));
  } finally {
    await Promise.all([t.dispose(), exempt.dispose()]);
  }
});

test('slowloris: connections that never log in are closed after the login timeout', async () => {
  const loginTimeoutMs = 600;
  const t = await startServer({ loginTimeoutMs, sweepIntervalMs: 100 });
  try {
    const started = Date.now();
    const lurkers = await Promise.all(Array.from({ length: 20 }, () => RawClient.connect(t.port)));
    // One sends half a request and stops: a partial frame does not keep it alive.
    lurkers[0]?.send('{"request":"login","content":{"username":"sl', true);
    const closedAt = await Promise.all(
      lurkers.map(async (c) => {
        await c.closed;
        return Date.now() - started;
      }),
    );
    assert.ok(lurkers.every((c) => c.all.some((r) => r.code === 'timeout')));
    const slowest = Math.max(...closedAt);
    const fastest = Math.min(...closedAt);
    printFigures('login timeout', {
      loginTimeoutMs,
      sweepIntervalMs: 100,
      connections: 20,
      fastest,
      slowest,
    });
    assert.ok(fastest >= loginTimeoutMs, `none closed early (${fastest} ms)`);
    assert.ok(
      slowest <= loginTimeoutMs + 700,
      `all closed within timeout + sweep + connect time (${slowest} ms)`,
    );
  } finally {
    await t.dispose();
  }
});

test('TLS: a connection that never finishes the handshake (silent, or half a ClientHello) is closed', async () => {
  const tlsHandshakeTimeoutMs = 500;
  const t = await startServer({ tlsHandshakeTimeoutMs });
  try {
    const started = Date.now();
    const silent = await tcp(t.port);
    const half = await tcp(t.port);
    // The first bytes of a TLS 1.2/1.3 ClientHello record: a handshake record announcing 512 bytes that never come.
    half.socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]));
    await Promise.all([silent.closed, half.closed]);
    const silentMs = (silent.closedAt ?? 0) - started;
    const halfMs = (half.closedAt ?? 0) - started;
    printFigures('tls handshake timeout', { tlsHandshakeTimeoutMs, silentMs, halfClientHelloMs: halfMs });
    for (const ms of [silentMs, halfMs]) {
      assert.ok(
        ms >= tlsHandshakeTimeoutMs - 50 && ms <= tlsHandshakeTimeoutMs + 500,
        `closed after ${ms} ms`,
      );
    }
    // Meanwhile a real client is served normally.
    const ok = await loginGuest(t.port, 'patient');
    await ok.close();
  } finally {
    await t.dispose();
  }
});

test('idle bound for everyone: classic logins over TLS included; bytes trickled into a frame keep nothing alive', async () => {
  const idleTimeoutMs = 600;
  const classicIdleTimeoutMs = 1500;
  const t = await startServer({ idleTimeoutMs, classicIdleTimeoutMs, sweepIntervalMs: 50 });
  try {
    // Before any login: no connection's last request can be older than this.
    const since = Date.now();
    const classic = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const c = await RawClient.connect(t.port);
        c.send({ request: 'login', content: `oldtimer${i}` });
        await c.response('history');
        return c;
      }),
    );
    const hearth = await loginGuest(t.port, 'trickler');
    // One classic and one Hearth client keep sending a byte of a frame they never finish.
    const trickled = [classic[0], hearth].map((c) => {
      c?.send('{"request":"msg","content":"', true);
      return setInterval(() => c?.send('a', true), 100);
    });
    const closedAfter = async (c: RawClient) => {
      const done = await Promise.race([
        c.closed.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(resolve, 10_000, false)),
      ]);
      return done ? Date.now() - since : null;
    };
    const [hearthMs, ...classicMs] = await Promise.all([hearth, ...classic].map(closedAfter));
    for (const timer of trickled) clearInterval(timer);
    printFigures('idle bounds', { idleTimeoutMs, classicIdleTimeoutMs, hearthMs, classicMs });
    assert.ok(
      hearthMs != null && hearthMs >= idleTimeoutMs - 50,
      `Hearth trickler closed after ${hearthMs} ms`,
    );
    for (const ms of classicMs) {
      // Before: classic logins over the TLS port were never closed for idleness.
      assert.ok(ms !== null, 'a silent classic login over TLS is closed');
      assert.ok(ms >= classicIdleTimeoutMs - 50, `not before its bound (${ms} ms)`);
    }
    for (const c of [hearth, ...classic]) {
      assert.ok(
        c.all.some((r) => r.code === 'timeout'),
        'told why',
      );
    }
  } finally {
    await t.dispose();
  }
});

// Offered load above what the readers can take: senders writing far faster than the room can fan out, every
// reader reading (and parsing) all it gets, at its own pace. The room must refuse the excess (`rate_limited`)
// rather than drop the readers or queue the excess, and lose nothing it acked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatConnection } from '../../src-main/client/connection';
import { FAST } from '../client/support';
import { loginGuest, RawClient } from '../helpers/raw-client';
import { startServer } from '../helpers/server';
import { mib, printFigures, sleep } from './figures';

/** Calls `onLine` with each line the server sends, instead of the raw client keeping them all. */
function onLines(client: RawClient, onLine: (line: string) => void): void {
  let partial = '';
  const socket = client.socket;
  socket.removeAllListeners('data');
  socket.on('data', (chunk: string | Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
}

/** The cid a test message's text starts with (found without parsing the whole 1–4 KB line). */
const MESSAGE_CID = /"response":"message","content":"([^ "]+) /;

/**
 * A reader that takes about `bytesPerS` (it pauses after each read) and counts each message by the cid its
 * text starts with, so a message delivered twice shows.
 */
function paceReader(reader: RawClient, bytesPerS: number): Map<string, number> {
  const seen = new Map<string, number>();
  onLines(reader, (line) => {
    const cid = MESSAGE_CID.exec(line)?.[1];
    if (cid !== undefined) seen.set(cid, (seen.get(cid) ?? 0) + 1);
  });
  const socket = reader.socket;
  socket.on('data', (chunk: string | Buffer) => {
    socket.pause();
    setTimeout(() => socket.resume(), (chunk.length / bytesPerS) * 1000);
  });
  return seen;
}

interface SenderLog {
  acked: Set<string>;
  refused: Set<string>;
}

/** Every send of `sender` is a msg whose rid is its cid; records which the room acked and which it refused. */
function watchSends(sender: RawClient, onAnswer?: (cid: string, acked: boolean) => void): SenderLog {
  const log: SenderLog = { acked: new Set(), refused: new Set() };
  onLines(sender, (line) => {
    if (!line.includes('"re":')) return;
    const value = JSON.parse(line) as Record<string, unknown>;
    const re = value.re;
    if (typeof re !== 'string') return;
    if (value.response === 'ack') {
      log.acked.add(re);
      log.refused.delete(re);
      onAnswer?.(re, true);
    } else if (value.response === 'error' && value.code === 'rate_limited') {
      log.refused.add(re);
      onAnswer?.(re, false);
    }
  });
  return log;
}

/**
 * Sends `count` messages the way the client core does: at most WINDOW unanswered, a refused one sent again
 * after RETRY_MS with the same cid.
 */
function sendLikeTheClientCore(sender: RawClient, prefix: string, count: number, text: string) {
  let next = 0;
  let retries = 0;
  const sendNext = () => {
    if (next < count) sender.socket.write(msgFrame(`${prefix}.${next++}`, text));
  };
  const log = watchSends(sender, (cid, acked) => {
    if (acked) return sendNext();
    retries++;
    setTimeout(() => sender.socket.write(msgFrame(cid, text)), RETRY_MS);
  });
  for (let i = 0; i < WINDOW; i++) sendNext();
  return { log, retries: () => retries };
}

const msgFrame = (cid: string, text: string) =>
  `${JSON.stringify({ request: 'msg', content: { text: `${cid} ${text}`, cid }, rid: cid })}\n`;

const READERS = 20;
const SENDERS = 4;
const PER_SENDER = 1500;
const TEXT = 'o'.repeat(4000);
/** Each reader takes about this many bytes per second: it reads all the time, slower than the room offers. */
const READ_BYTES_PER_S = 3_000_000;
/** A sender sends a refused message again after this pause, with the same cid (the client core waits 1 s). */
const RETRY_MS = 100;
/** Sends unanswered at once per sender, as in the client core (send-window.ts). */
const WINDOW = 10;

test('overload: senders are refused and retry, readers that read are all kept and get everything once', {
  timeout: 240_000,
}, async () => {
  const t = await startServer({ requestRate: 0 });
  try {
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, (_, i) => loginGuest(t.port, `blaster${i}`)),
    );
    const readers = await Promise.all(
      Array.from({ length: READERS }, (_, i) => loginGuest(t.port, `reader${i}`)),
    );
    const seen = readers.map((r) => paceReader(r, READ_BYTES_PER_S));
    const started = Date.now();
    const sends = senders.map((sender, i) => sendLikeTheClientCore(sender, `o${i}`, PER_SENDER, TEXT));
    const expected = SENDERS * PER_SENDER;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && !readers.some((r) => r.isClosed)) {
      if (seen.every((s) => s.size >= expected)) break;
      await sleep(100);
    }
    const elapsedMs = Date.now() - started;
    await sleep(300);
    const dropped = t.logs.filter((l) => /^dropped (reader|blaster)\d+@/.test(l)).length;
    const received = seen.map((s) => s.size);
    const twice = seen.reduce((n, s) => n + [...s.values()].filter((c) => c > 1).length, 0);
    const acked = sends.reduce((n, l) => n + l.log.acked.size, 0);
    const retries = sends.reduce((n, l) => n + l.retries(), 0);
    printFigures('overload', {
      readers: READERS,
      senders: SENDERS,
      messagesOf4KB: expected,
      offeredMiB: mib(expected * TEXT.length),
      elapsedMs,
      droppedClients: dropped,
      refusalsRetried: retries,
      receivedMin: Math.min(...received),
      deliveredTwice: twice,
    });
    assert.equal(dropped, 0, 'no client that reads was dropped');
    assert.ok(retries > 0, 'past its capacity the room refused sends');
    assert.equal(acked, expected, 'every send was acked in the end');
    assert.ok(
      received.every((n) => n === expected),
      `every reader got all ${expected} (least: ${Math.min(...received)})`,
    );
    assert.equal(twice, 0, 'no message reached a reader twice');
    for (const c of [...senders, ...readers]) c.destroy();
  } finally {
    await t.dispose();
  }
});

/** Each flooder message is 1 KB; the flood is written at once, far more than the readers take (nothing). */
const FLOOD_TEXT = 'f'.repeat(1000);
const FLOOD_COUNT = 5000;
/**
 * Catastrophe bounds (the room's own figures are in docs/performance.md § Overload). Held rather than
 * refused, the flood is not answered until the readers read again: never, while they do not.
 */
const FLOOD_ANSWERED_BOUND_MS = 15_000;
const AFTER_FLOOD_BOUND_MS = 15_000;

/** An account on the real client core, which retries sends the room refuses with `rate_limited`. */
async function honestClient(port: number): Promise<ChatConnection> {
  const connection = new ChatConnection({ ...FAST, host: '127.0.0.1', port, rateLimitRetryMs: 300 });
  const opened = await connection.connect();
  assert.ok(opened.ok, !opened.ok ? opened.error : '');
  const session = await connection.register('honest', 'correct horse');
  assert.ok(session.ok, !session.ok ? session.error : '');
  return connection;
}

function send(connection: ChatConnection, text: string) {
  const sent = connection.send(text, 'room');
  assert.ok(sent.ok);
  return sent.value.acked;
}

test('overload: a flood far past capacity is refused, not queued, so a message right after it gets through soon', {
  timeout: 120_000,
}, async () => {
  // Two readers that stop reading for a while are half the room behind: past its capacity.
  const t = await startServer({ requestRate: 0, slowConsumerGraceMs: 30_000 });
  const honest = await honestClient(t.port);
  try {
    const readers = await Promise.all([loginGuest(t.port, 'keeper0'), loginGuest(t.port, 'keeper1')]);
    const seen = readers.map((r) => paceReader(r, 100_000_000));
    for (const r of readers) r.socket.pause();
    const flooder = await loginGuest(t.port, 'flooder');
    const log = watchSends(flooder);
    const started = Date.now();
    let frames = '';
    for (let i = 0; i < FLOOD_COUNT; i++) frames += msgFrame(`f${i}`, FLOOD_TEXT);
    flooder.socket.write(frames);
    const answered = () => log.acked.size + log.refused.size;
    while (answered() < FLOOD_COUNT && Date.now() - started < FLOOD_ANSWERED_BOUND_MS) await sleep(20);
    const floodAnsweredMs = Date.now() - started;
    const floodAnswered = answered();
    for (const r of readers) r.socket.resume();
    const sentAt = Date.now();
    const outcome = send(honest, 'honest after the flood');
    const reached = () => seen.every((s) => s.has('honest'));
    while (!reached() && Date.now() - sentAt < AFTER_FLOOD_BOUND_MS) await sleep(20);
    const reachedAfterMs = Date.now() - sentAt;
    await sleep(500);
    const acked = new Set([...log.acked, 'honest']);
    const lost = seen.map((s) => [...acked].filter((cid) => !s.has(cid)).length);
    const stray = seen.map((s) => [...s.keys()].filter((cid) => !acked.has(cid)).length);
    const twice = seen.reduce((n, s) => n + [...s.values()].filter((c) => c > 1).length, 0);
    const dropped = t.logs.filter((l) => /^dropped /.test(l)).length;
    printFigures('overload-flood', {
      offered: FLOOD_COUNT,
      acked: log.acked.size,
      refused: log.refused.size,
      floodAnsweredMs,
      honestReachedEveryReaderAfterMs: reachedAfterMs,
      droppedClients: dropped,
    });
    assert.equal(
      floodAnswered,
      FLOOD_COUNT,
      `every send of the flood answered within ${FLOOD_ANSWERED_BOUND_MS} ms`,
    );
    assert.ok(log.refused.size > 0, 'the flood was refused (rate_limited), not queued');
    assert.ok(reached(), `the readers got the next message within ${AFTER_FLOOD_BOUND_MS} ms`);
    assert.ok((await outcome).ok, 'the client core got its send acked (sent again if refused)');
    assert.equal(dropped, 0, 'no client was dropped');
    assert.deepEqual(lost, [0, 0], 'every acked message reached every reader');
    assert.deepEqual(stray, [0, 0], 'no reader got a message that was not acked');
    assert.equal(twice, 0, 'no message reached a reader twice');
    for (const c of [...readers, flooder]) c.destroy();
  } finally {
    honest.close();
    await t.dispose();
  }
});

test('overload: a classic client (string msg) past capacity is told in words that its message was not sent', async () => {
  // Two readers that stopped reading are half the room behind: past its capacity until they are dropped.
  const t = await startServer({ requestRate: 0, maxOutboundBytes: 256 * 1024, slowConsumerGraceMs: 10_000 });
  try {
    const stalled = await Promise.all([loginGuest(t.port, 'away1'), loginGuest(t.port, 'away2')]);
    for (const s of stalled) s.socket.pause();
    const talker = await loginGuest(t.port, 'talker');
    const overloaded = () => t.logs.some((l) => l.startsWith('overloaded:'));
    for (let i = 0; i < 2000 && !overloaded(); i++) {
      talker.send({ request: 'msg', content: { text: 't'.repeat(4000), cid: `t${i}` } });
      await sleep(1);
    }
    assert.ok(overloaded(), 'the room is past its capacity');
    // Logged in now, so that its paced output holds nothing of the talker's before the answer.
    const classic = await RawClient.connect(t.port);
    classic.send({ request: 'login', content: 'oldtimer' });
    await classic.response('history');
    classic.send({ request: 'msg', content: 'hello, anyone?' });
    const refusal = await classic.waitFor((r) => r.response === 'error', 5000, 'a refusal');
    assert.equal(refusal.code, 'rate_limited');
    assert.match(String(refusal.content), /past its capacity: this message was not sent; send it again/);
    assert.ok(!classic.isClosed, 'the classic client stays connected');
    for (const c of [...stalled, talker, classic]) c.destroy();
  } finally {
    await t.dispose();
  }
});

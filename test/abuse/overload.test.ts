// Offered load above what the readers can take: senders writing as fast as their sockets allow, every reader
// reading (and parsing) all it gets. The room must slow its senders down rather than drop the readers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginGuest, type RawClient } from '../helpers/raw-client';
import { startServer } from '../helpers/server';
import { mib, printFigures, sleep } from './figures';

const READERS = 20;
const SENDERS = 4;
const PER_SENDER = 1500;
const TEXT = 'o'.repeat(4000);

/** Each reader takes about this many bytes per second: it reads all the time, slower than the room offers. */
const READ_BYTES_PER_S = 3_000_000;

/** A reader that parses every line it gets at its own pace, and counts the messages among them. */
function countMessages(reader: RawClient): { count: () => number } {
  let count = 0;
  let partial = '';
  const socket = reader.socket;
  socket.removeAllListeners('data');
  socket.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (JSON.parse(line).response === 'message') count++;
    socket.pause();
    setTimeout(() => socket.resume(), (chunk.length / READ_BYTES_PER_S) * 1000);
  });
  return { count: () => count };
}

test('overload: senders are slowed, readers that read are all kept and get everything', {
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
    const counters = readers.map(countMessages);
    const started = Date.now();
    for (const [s, sender] of senders.entries()) {
      for (let i = 0; i < PER_SENDER; i++) {
        sender.send({ request: 'msg', content: { text: TEXT, cid: `o${s}.${i}` } });
      }
    }
    const expected = SENDERS * PER_SENDER;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && !readers.some((r) => r.isClosed)) {
      if (counters.every((c) => c.count() >= expected)) break;
      await sleep(100);
    }
    const elapsedMs = Date.now() - started;
    const dropped = t.logs.filter((l) => /^dropped reader\d+@/.test(l)).length;
    const holds = t.logs.filter((l) => l.startsWith('overloaded:')).length;
    const received = counters.map((c) => c.count());
    printFigures('overload', {
      readers: READERS,
      senders: SENDERS,
      messagesOf4KB: expected,
      offeredMiB: mib(expected * TEXT.length),
      elapsedMs,
      droppedReaders: dropped,
      timesSendersHeld: holds,
      receivedMin: Math.min(...received),
    });
    assert.equal(dropped, 0, 'no reader that reads was dropped');
    assert.ok(
      received.every((n) => n === expected),
      `every reader got all ${expected} (least: ${Math.min(...received)})`,
    );
    for (const c of [...senders, ...readers]) c.destroy();
  } finally {
    await t.dispose();
  }
});

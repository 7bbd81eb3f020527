import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { writeJoined } from '../../src-main/server/joined-write';

/** A loopback pair: the server's end (written to) and the client's end (read, or not yet). */
async function pair(): Promise<{ server: Socket; client: Socket; close: () => void }> {
  const listener = createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const client = connect({ host: '127.0.0.1', port: (listener.address() as AddressInfo).port });
  const [server] = (await once(listener, 'connection')) as [Socket];
  await once(client, 'connect');
  return {
    server,
    client,
    close: () => {
      server.destroy();
      client.destroy();
      listener.close();
    },
  };
}

function received(socket: Socket): () => string {
  const parts: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => parts.push(chunk));
  return () => Buffer.concat(parts).toString('latin1');
}

test('joined writes reach every reader byte for byte while another reader stalls and keeps the scratch', async () => {
  const stalled = await pair();
  const reading = await pair();
  try {
    await exchange(stalled, reading);
  } finally {
    stalled.close();
    reading.close();
  }
});

async function exchange(
  stalled: Awaited<ReturnType<typeof pair>>,
  reading: Awaited<ReturnType<typeof pair>>,
): Promise<void> {
  stalled.client.pause();
  const got = received(reading.client);
  // 40 KB a flush: a few hundred fill the stalled reader's kernel buffers (several MB on loopback).
  const shared = Buffer.from(`{"response":"message","content":"${'m'.repeat(20_000)}"}\n`);
  let expectedStalled = '';
  let expectedReading = '';
  let surrendered = 0;
  // Each flush goes to the stalled socket first: once its kernel buffers are full it keeps the scratch, and
  // the reading socket's next flush must not overwrite what the stalled one still holds.
  for (let flush = 0; flush < 1000; flush++) {
    const own = `{"response":"ack","content":{"cid":"${flush}"}}\n`;
    const chunks = [own, shared, shared];
    const text = `${own}${shared.toString('latin1').repeat(2)}`;
    if (stalled.server.writableLength === 0) {
      writeJoined(stalled.server, chunks);
      expectedStalled += text;
      if (stalled.server.writableLength > 0) surrendered++;
    }
    writeJoined(reading.server, chunks);
    expectedReading += text;
  }
  assert.ok(surrendered >= 1, 'the stalled socket kept a joined write: the case this test is about');
  await new Promise<void>((resolve) => {
    const poll = () => (got().length >= expectedReading.length ? resolve() : setTimeout(poll, 10));
    poll();
  });
  assert.equal(got(), expectedReading);
  const gotStalled = received(stalled.client);
  stalled.client.resume();
  await new Promise<void>((resolve) => {
    const poll = () => (gotStalled().length >= expectedStalled.length ? resolve() : setTimeout(poll, 10));
    poll();
  });
  assert.equal(gotStalled(), expectedStalled, 'what the stalled socket held was not overwritten');
}

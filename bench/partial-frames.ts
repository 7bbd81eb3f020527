// Issue 9 item 1 at full size: CONNECTIONS unauthenticated TLS connections, each trickling an unfinished login
// frame as one-byte TLS records (up to 60,000, or until the room closes it), against a room in its own process
// (so /proc shows its memory alone), while an honest guest pings every 50 ms. Prints one line of figures.
// usage: npx tsx bench/partial-frames.ts [connections=300]
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { createChatServer } from '../src-main/server/server';

const RECORDS = 60_000;
const PING_EVERY_MS = 50;
const SETTLE_AFTER_CLOSE_MS = 20_000;

const rssMiB = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const p99 = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[Math.max(0, Math.ceil(samples.length * 0.99) - 1)]?.toFixed(1);

function open(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** One TLS record per byte: each write waits for the previous one, so the TLS layer cannot merge them. */
async function trickle(socket: TLSSocket): Promise<{ records: number; closedByRoom: boolean }> {
  let closed = false;
  const over = () => {
    closed = true;
  };
  socket.on('close', over).on('end', over).on('error', over);
  socket.write('{"request":"login","content":{"username":"');
  let records = 0;
  while (records < RECORDS && !closed) {
    const ok = await new Promise<boolean>((resolve) => socket.write('x', (error) => resolve(!error)));
    if (ok && !closed) records++;
  }
  return { records, closedByRoom: closed };
}

/** An honest guest's ping round trips, in ms, until stopped. */
function pinger(socket: TLSSocket): { take: () => number[]; stop: () => void } {
  let samples: number[] = [];
  let sentAt = 0;
  let running = true;
  socket.on('data', (data: Buffer) => {
    if (data.includes('"pong"')) samples.push(performance.now() - sentAt);
  });
  void (async () => {
    while (running) {
      sentAt = performance.now();
      socket.write('{"request":"ping"}\n');
      await sleep(PING_EVERY_MS);
    }
  })();
  return {
    take: () => {
      const taken = samples;
      samples = [];
      return taken;
    },
    stop: () => {
      running = false;
    },
  };
}

async function measure(connections: number): Promise<void> {
  const room = fork(__filename, ['room'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) =>
    room.once('message', (m: { port: number }) => resolve(m.port)),
  );
  const pid = room.pid as number;
  const honest = await open(port);
  honest.write('{"request":"login","content":{"username":"honest","guest":true}}\n');
  await sleep(500);
  const pings = pinger(honest);
  await sleep(2000);
  const quiet = pings.take();
  const start = rssMiB(pid);
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 100);
  const began = Date.now();
  const peers = await Promise.all(Array.from({ length: connections }, () => open(port)));
  const results = await Promise.all(peers.map(trickle));
  const during = pings.take();
  const seconds = (Date.now() - began) / 1000;
  for (const peer of peers) peer.destroy();
  await sleep(SETTLE_AFTER_CLOSE_MS);
  clearInterval(sampler);
  pings.stop();
  const figures = {
    connections,
    recordsOfOneByte: results.reduce((a, r) => a + r.records, 0),
    closedByRoom: results.filter((r) => r.closedByRoom).length,
    seconds,
    rssStartMiB: Math.round(start),
    rssPeakMiB: Math.round(peak),
    rssAfterCloseMiB: Math.round(rssMiB(pid)),
    honestPingP99QuietMs: p99(quiet),
    honestPingP99DuringMs: p99(during),
  };
  console.log(`partial frames: ${JSON.stringify(figures)}`);
  honest.destroy();
  room.kill();
}

if (process.argv[2] === 'room') {
  const server = createChatServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'hearth-partial-frames-')),
    log: () => {},
  });
  server.listen().then(({ port }) => process.send?.({ port }));
} else {
  measure(Number(process.argv[2] ?? 300)).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}

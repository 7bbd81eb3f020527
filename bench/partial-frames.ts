// Issue 9 item 1 at full size: CONNECTIONS unauthenticated TLS connections, each trickling an unfinished login
// frame as one-byte TLS records (up to 60,000, or until the room closes it), against a room in its own process
// (so /proc shows its memory alone), while an honest guest in a third process pings every 50 ms (so its round
// trips are the room's latency, not the loaded event loop of the process driving the tricklers).
// After the close, the room's RSS is sampled every second for 60 s with no GC forced; only then is the room
// (started with --expose-gc for this bench alone) asked over the bench's IPC channel to collect garbage, and
// process.memoryUsage() is reported before and after, to tell V8's heap from what the allocator keeps.
// The room's CPU seconds from connect to the last close are reported too: on a shared machine the honest
// round trips mostly measure the load, the room's CPU time measures its own work.
// With --pin (Linux, needs taskset from util-linux), the room and the honest guest run on core 0 and this
// process, whose 300 tricklers encrypt one record per write, on core 1: the attacker's CPU is then another
// machine's, as it would be, and what remains is the room's own cost. They also run at niceness -20, each in a
// session of its own so that the niceness holds against the other sessions on a shared machine (see
// setNiceness in bench/proc-stats.ts), as `npm run bench` runs its servers.
// usage: npx tsx bench/partial-frames.ts [connections=300] [--pin]
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { createChatServer } from '../src-main/server/server';
import { setNiceness } from './proc-stats';

const RECORDS = 60_000;
const PING_EVERY_MS = 50;
const QUIET_MS = 3_000;
const SETTLE_AFTER_CLOSE_S = 60;
const pinned = process.argv.includes('--pin');
const PINNED_NICE = -20;

type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };

const rssMiB = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]) / 1024;
/** CPU seconds (user + system) the process has used: the room's own work, however loaded the machine is. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.max(0, Math.ceil(samples.length * q) - 1)]?.toFixed(1);
const latency = (samples: number[]) => ({
  n: samples.length,
  p50: percentile(samples, 0.5),
  p99: percentile(samples, 0.99),
  max: percentile(samples, 1),
});
const mib = (memory: Memory) =>
  Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, Math.round((v / 2 ** 20) * 10) / 10]));

function open(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `message` to a child and resolves with its first answer (the children answer in order). */
function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(message);
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

/** The honest guest's process: one ping in flight at a time, one every 50 ms; `take` returns the round trips. */
async function honest(port: number): Promise<void> {
  const socket = await open(port);
  let samples: number[] = [];
  let answered: (() => void) | undefined;
  socket.on('data', (data: Buffer) => {
    if (data.includes('"pong"')) answered?.();
  });
  socket.write('{"request":"login","content":{"username":"honest","guest":true}}\n');
  await sleep(500);
  process.on('message', () => {
    process.send?.(samples);
    samples = [];
  });
  process.send?.('ready');
  for (;;) {
    const sentAt = performance.now();
    await new Promise<void>((resolve) => {
      answered = resolve;
      socket.write('{"request":"ping"}\n');
    });
    samples.push(performance.now() - sentAt);
    await sleep(Math.max(0, PING_EVERY_MS - (performance.now() - sentAt)));
  }
}

async function room(): Promise<void> {
  const server = createChatServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'hearth-partial-frames-')),
    log: () => {},
  });
  process.on('message', (message: { gc?: boolean }) => {
    if (message.gc) (globalThis as { gc?: () => void }).gc?.();
    process.send?.(process.memoryUsage());
  });
  const { port } = await server.listen();
  process.send?.({ port });
}

async function measure(connections: number): Promise<void> {
  const roomProcess = fork(__filename, ['room'], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    detached: pinned,
  });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    roomProcess.once('message', (m) => resolve(m as { port: number })),
  );
  const pid = roomProcess.pid as number;
  const honestProcess = fork(__filename, ['honest', String(port)], {
    execArgv: ['--import', 'tsx'],
    detached: pinned,
  });
  await new Promise((resolve) => honestProcess.once('message', resolve));
  if (pinned) {
    for (const [core, who] of [
      ['0', pid],
      ['0', honestProcess.pid as number],
      ['1', process.pid],
    ] as const) {
      execFileSync('taskset', ['-a', '-p', '-c', core, String(who)], { stdio: 'ignore' });
    }
    setNiceness(pid, PINNED_NICE);
    setNiceness(honestProcess.pid as number, PINNED_NICE);
  }
  await sleep(QUIET_MS);
  const before = await ask<number[]>(honestProcess, {});
  const start = rssMiB(pid);
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 100);
  const cpuBefore = cpuSeconds(pid);
  const began = Date.now();
  const peers = await Promise.all(Array.from({ length: connections }, () => open(port)));
  const handshakes = await ask<number[]>(honestProcess, {});
  const results = await Promise.all(peers.map(trickle));
  const trickling = await ask<number[]>(honestProcess, {});
  const seconds = (Date.now() - began) / 1000;
  const roomCpuSeconds = Math.round((cpuSeconds(pid) - cpuBefore) * 100) / 100;
  clearInterval(sampler);
  for (const peer of peers) peer.destroy();
  const curve: number[] = [];
  for (let s = 1; s <= SETTLE_AFTER_CLOSE_S; s++) {
    await sleep(1000);
    curve.push(Math.round(rssMiB(pid)));
  }
  const after = await ask<number[]>(honestProcess, {});
  const beforeGc = await ask<Memory>(roomProcess, {});
  await ask<Memory>(roomProcess, { gc: true });
  await sleep(2000);
  const afterGc = await ask<Memory>(roomProcess, { gc: true });
  const figures = {
    connections,
    pinned,
    recordsOfOneByte: results.reduce((a, r) => a + r.records, 0),
    closedByRoom: results.filter((r) => r.closedByRoom).length,
    seconds,
    roomCpuSeconds,
    rssStartMiB: Math.round(start),
    rssPeakMiB: Math.round(peak),
    rssEverySecondAfterCloseMiB: curve.join(' '),
    memoryAt60sNoGcMiB: mib(beforeGc),
    memoryAfterForcedGcMiB: mib(afterGc),
    honestPingMs: {
      before: latency(before),
      duringHandshakes: latency(handshakes),
      duringTrickle: latency(trickling),
      during: latency([...handshakes, ...trickling]),
      after: latency(after),
    },
  };
  console.log(`partial frames: ${JSON.stringify(figures)}`);
  honestProcess.kill();
  roomProcess.kill();
}

const exitOnError = (error: Error) => {
  console.error(error.message);
  process.exit(1);
};
// The room and the honest guest may run in sessions of their own (--pin): they go when this process goes.
if (process.argv[2] === 'room' || process.argv[2] === 'honest')
  process.on('disconnect', () => process.exit(0));
if (process.argv[2] === 'room') room().catch(exitOnError);
else if (process.argv[2] === 'honest') honest(Number(process.argv[3])).catch(exitOnError);
else
  measure(Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 300)).then(
    () => process.exit(0),
    exitOnError,
  );

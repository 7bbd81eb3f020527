// The live fuzz run: a real server in its own process, several hostile connections pouring random and
// mutated frames into it, and two honest clients chatting alongside. The report lists every broken promise
// (crash, stall, unbounded memory, a lost or doubled message) as a sentence; an empty list means it held.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUZZ_ACCOUNTS, FUZZ_PASSWORD, HONEST_USERS, PROBE_NAME } from './cast';
import { dial, type Endpoint } from './dial';
import { createFrameSource } from './frames';
import { emptyTally, type FuzzTally, fuzzUntilBudgetSpent } from './fuzz-connection';
import { HonestClient } from './honest-client';
import { type RssFigures, RssSampler } from './process-memory';
import { createRandom } from './random';
import { readServerLines } from './response-reader';
import { type FuzzedServer, startFuzzedServer } from './server-process';

export interface LiveFuzzOptions {
  frames: number;
  /** Fuzzing lanes, each opening one connection after another; at most three times as many are open at once. */
  connections: number;
  seed: number;
  /** Each honest client sends one message this often. */
  honestIntervalMs: number;
  /** Largest tolerated growth of the server's RSS over its level at the start of the run. */
  maxRssGrowthBytes: number;
  /** Largest tolerated growth of the server's heap, measured after a full GC at start and end. */
  maxHeapGrowthBytes: number;
  /** Called with a line now and then, so a long run shows that it is alive. */
  progress?: (line: string) => void;
}

export const DEFAULT_LIVE_FUZZ: LiveFuzzOptions = {
  frames: 100_000,
  connections: 10,
  seed: 1,
  honestIntervalMs: 100,
  maxRssGrowthBytes: 256 * 1024 * 1024,
  maxHeapGrowthBytes: 32 * 1024 * 1024,
};

export interface HonestFigures {
  username: string;
  sent: number;
  acked: number;
  peerSent: number;
  peerReceivedOnce: number;
  peerMissing: number;
  peerDuplicated: number;
  ackLatencyMs: { p50: number; p99: number; max: number };
  errors: string[];
  droppedByServer: boolean;
}

export interface LiveFuzzReport {
  seed: number;
  frames: number;
  seconds: number;
  framesPerSecond: number;
  tally: FuzzTally;
  rss: RssFigures;
  heapAfterGcStartBytes: number;
  heapAfterGcEndBytes: number;
  serverCrashes: number;
  stillAccepting: boolean;
  honest: HonestFigures[];
  /** Every broken promise, as a sentence. Empty when the server held. */
  problems: string[];
}

/** Without an ack for this long, the server counts as hung. */
const STALL_MS = 30_000;
const SETTLE_MS = 40_000;
const PROBE_TIMEOUT_MS = 10_000;
const HONEST_PASSWORD = 'correct horse battery staple';
/** One lane in this many fuzzes the plaintext classic port; the others fuzz the TLS port. */
const LANES_PER_CLASSIC_LANE = 5;

export async function runLiveFuzz(options: LiveFuzzOptions): Promise<LiveFuzzReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-fuzz-'));
  const problems: string[] = [];
  const server = await startFuzzedServer(dataDir);
  try {
    return await fuzzServer(server, options, problems);
  } finally {
    if (!server.exit) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function fuzzServer(
  server: FuzzedServer,
  options: LiveFuzzOptions,
  problems: string[],
): Promise<LiveFuzzReport> {
  const progress = options.progress ?? (() => {});
  const [aliceName, bobName] = HONEST_USERS;
  const alice = await HonestClient.registerAndLogin(server.tls, aliceName, HONEST_PASSWORD);
  const bob = await HonestClient.registerAndLogin(server.tls, bobName, HONEST_PASSWORD);
  for (const name of FUZZ_ACCOUNTS) await HonestClient.register(server.tls, name, FUZZ_PASSWORD);
  alice.chatWith(bob.username);
  bob.chatWith(alice.username);

  const heapAfterGcStartBytes = await server.heapAfterGc();
  const rss = new RssSampler(server.pid, 100);
  const quarters: number[] = [];
  const tally = emptyTally();
  let claimed = 0;
  let stalled = false;
  const aborted = () => stalled || server.exit !== undefined;
  const claimFrame = () => {
    if (claimed >= options.frames) return false;
    claimed += 1;
    if (claimed % Math.max(1, Math.floor(options.frames / 4)) === 0) quarters.push(rss.sample());
    return true;
  };

  const chatter = setInterval(() => {
    alice.sendNext();
    bob.sendNext();
  }, options.honestIntervalMs);

  // Progress means the server answering: the kernel keeps accepting connections and bytes for a hung server,
  // so frames sent would go on counting. The honest clients' acks alone arrive ten times a second.
  const acks = () => alice.books.acked + bob.books.acked;
  let lastAcks = -1;
  let lastProgressAt = Date.now();
  let onStall = () => {};
  const stall = new Promise<void>((resolve) => {
    onStall = resolve;
  });
  const watchdog = setInterval(() => {
    progress(
      `${tally.framesSent} frames, ${tally.connections} connections, rss ${mib(rss.sample())} MiB, ` +
        `acks ${acks()}/${alice.books.sent + bob.books.sent}`,
    );
    if (acks() !== lastAcks) {
      lastAcks = acks();
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt > STALL_MS) {
      stalled = true;
      onStall();
    }
  }, 1000);

  const started = process.hrtime.bigint();
  const lanes = Promise.all(
    Array.from({ length: options.connections }, (_, i) => {
      const rng = createRandom(options.seed * 1000 + i);
      return fuzzUntilBudgetSpent({
        endpoint: i < Math.floor(options.connections / LANES_PER_CLASSIC_LANE) ? server.classic : server.tls,
        rng,
        nextFrame: createFrameSource(rng, server.maxFrameBytes),
        claimFrame,
        tally,
        maxFrameBytes: server.maxFrameBytes,
        maxOpenSockets: options.connections * 3,
        aborted,
      });
    }),
  );
  // A hung server leaves writers waiting for 'drain' for ever: the stall ends the run instead.
  await Promise.race([lanes, stall]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(chatter);
  clearInterval(watchdog);
  if (stalled)
    problems.push(`the server acked nothing for ${STALL_MS / 1000} s (after ${tally.framesSent} frames)`);

  await settle(alice, bob, tally);
  const probeFailure = server.exit === undefined ? await probeFreshClient(server.tls) : 'the server is gone';
  const stillAccepting = probeFailure === null;
  const heapAfterGcEndBytes = await server.heapAfterGc().catch(() => Number.NaN);
  const rssFigures = rss.stop(quarters);
  const honest = [books(alice, bob), books(bob, alice)];
  await Promise.all([alice.close(), bob.close()]);
  const diedDuringRun = server.exit;
  const exit = await server.stop();
  if (diedDuringRun) {
    problems.push(
      `the server process died (code ${exit.code}, signal ${exit.signal}); stderr: ${server.stderrTail()}`,
    );
  } else if (exit.code !== 0) {
    problems.push(`the server did not shut down cleanly (code ${exit.code}, signal ${exit.signal})`);
  }
  if (tally.oversizeLeftOpen) {
    problems.push(`the server left ${tally.oversizeLeftOpen} connections open after an oversized frame`);
  }
  if (probeFailure) problems.push(`after the run a fresh client could not log in and ping: ${probeFailure}`);
  if (tally.brokenLines.length)
    problems.push(`the server sent lines that are not JSON objects: ${tally.brokenLines[0]}`);
  if (tally.framesSent < options.frames && !diedDuringRun) {
    problems.push(`only ${tally.framesSent} of ${options.frames} frames were sent`);
  }
  const rssGrowth = rssFigures.peakBytes - rssFigures.startBytes;
  if (rssGrowth > options.maxRssGrowthBytes) {
    problems.push(`server RSS grew by ${mib(rssGrowth)} MiB (bound ${mib(options.maxRssGrowthBytes)} MiB)`);
  }
  const heapGrowth = heapAfterGcEndBytes - heapAfterGcStartBytes;
  if (heapGrowth > options.maxHeapGrowthBytes) {
    problems.push(
      `server heap after GC grew by ${mib(heapGrowth)} MiB (bound ${mib(options.maxHeapGrowthBytes)} MiB)`,
    );
  }
  for (const h of honest) problems.push(...honestProblems(h));

  return {
    seed: options.seed,
    frames: tally.framesSent,
    seconds,
    framesPerSecond: tally.framesSent / seconds,
    tally,
    rss: rssFigures,
    heapAfterGcStartBytes,
    heapAfterGcEndBytes,
    serverCrashes: diedDuringRun ? 1 : 0,
    stillAccepting,
    honest,
    problems,
  };
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * Waits until every honest send is acked, every message reached the peer, and every connection that sent an
 * oversized frame was closed (or its check timed out), or the settle time is up.
 */
async function settle(a: HonestClient, b: HonestClient, tally: FuzzTally): Promise<void> {
  const done = () =>
    tally.oversizePending === 0 &&
    a.pendingAcks === 0 &&
    b.pendingAcks === 0 &&
    a.books.fromPeer.size >= b.books.sent &&
    b.books.fromPeer.size >= a.books.sent;
  const until = Date.now() + SETTLE_MS;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

function books(me: HonestClient, peer: HonestClient): HonestFigures {
  let once = 0;
  let missing = 0;
  let duplicated = 0;
  for (let n = 1; n <= peer.books.sent; n++) {
    const count = me.books.fromPeer.get(`hello from ${peer.username}-${n}`) ?? 0;
    if (count === 1) once += 1;
    else if (count === 0) missing += 1;
    else duplicated += 1;
  }
  return {
    username: me.username,
    sent: me.books.sent,
    acked: me.books.acked,
    peerSent: peer.books.sent,
    peerReceivedOnce: once,
    peerMissing: missing,
    peerDuplicated: duplicated,
    ackLatencyMs: percentiles(me.books.ackLatenciesMs),
    errors: me.books.errors,
    droppedByServer: me.books.droppedByServer,
  };
}

function percentiles(samples: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

function honestProblems(h: HonestFigures): string[] {
  const out: string[] = [];
  if (h.sent === 0) out.push(`${h.username} sent nothing`);
  if (h.acked !== h.sent) out.push(`${h.username} got ${h.acked} acks for ${h.sent} sends`);
  if (h.peerMissing)
    out.push(`${h.username} never received ${h.peerMissing} of ${h.peerSent} messages of its peer`);
  if (h.peerDuplicated)
    out.push(`${h.username} received ${h.peerDuplicated} messages of its peer more than once`);
  if (h.droppedByServer) out.push(`the server dropped ${h.username}'s connection`);
  if (h.errors.length) out.push(`${h.username} got ${h.errors.length} errors, first: ${h.errors[0]}`);
  return out;
}

/**
 * A new client can still log in as a guest and get a pong: the server accepts and serves. Returns null when it
 * does, else what went wrong. The guest name is one that fuzz frames never produce, so no fuzz account or
 * fuzz guest can hold it.
 */
function probeFreshClient(endpoint: Endpoint): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = dial(endpoint, () => {
      socket.write(
        `${JSON.stringify({ request: 'login', content: { username: PROBE_NAME, guest: true } })}\n`,
      );
    });
    const finish = (failure: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(failure);
    };
    const timer = setTimeout(() => finish(`no pong within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
    socket.on('error', (err) => finish(`socket error: ${err.message}`));
    readServerLines(
      socket,
      (object) => {
        if (object.response === 'login') socket.write('{"request":"ping","content":null}\n');
        else if (object.response === 'pong') finish(null);
        else if (object.response === 'error') finish(`answered ${JSON.stringify(object)}`);
      },
      (line) => finish(`sent a line that is not a JSON object: ${line.slice(0, 200)}`),
    );
  });
}

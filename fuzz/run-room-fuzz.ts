// The live fuzz run in the other direction, room → client: a scripted TLS room in this process serves a
// real client core (ChatConnection) valid, mutated, truncated and random frames. The client must never throw
// out of its socket handlers, must deliver what it does deliver once and in id order, and must stay bounded
// in memory; when it closes a link over garbage it reconnects, and the run goes on over the new link.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';
import { ChatConnection } from '../src-main/client/connection';
import { loadOrCreateCertificate } from '../src-main/server/certificate';
import { type RssFigures, RssSampler } from './process-memory';
import { createRandom } from './random';
import { roomFrame } from './room-frames';
import { writeDrained } from './write-drained';

export interface RoomFuzzOptions {
  frames: number;
  seed: number;
  /** Largest tolerated growth of this process's RSS over its level at the start of the run. */
  maxRssGrowthBytes: number;
  progress?: (line: string) => void;
}

export const DEFAULT_ROOM_FUZZ: RoomFuzzOptions = {
  frames: 100_000,
  seed: 1,
  maxRssGrowthBytes: 256 * 1024 * 1024,
};

export interface RoomFuzzReport {
  seed: number;
  frames: number;
  seconds: number;
  framesPerSecond: number;
  uncaught: number;
  links: number;
  logins: number;
  delivered: number;
  /** Pushes that passed the schemas and reached the client's user as an event (messages, notices, presence, friends). */
  accepted: number;
  rss: RssFigures;
  problems: string[];
}

const CLIENT = {
  requestTimeoutMs: 2_000,
  connectTimeoutMs: 2_000,
  heartbeatIntervalMs: 500,
  deadAfterMs: 5_000,
  backoff: { initialMs: 5, maxMs: 50, factor: 2, jitter: 0.3 },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runRoomFuzz(options: RoomFuzzOptions): Promise<RoomFuzzReport> {
  const random = createRandom(options.seed);
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-room-fuzz-'));
  const identity = await loadOrCreateCertificate(dir);
  let sent = 0;
  let id = 0;
  let links = 0;
  let logins = 0;
  const nextId = () => ++id;
  const problems: string[] = [];

  const pour = async (socket: TLSSocket) => {
    while (sent < options.frames && !socket.destroyed) {
      sent++;
      await writeDrained(socket, roomFrame(random, nextId));
    }
  };
  const server = createServer({ cert: identity.cert, key: identity.key }, (socket) => {
    links++;
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const request = JSON.parse(buffered.slice(0, newline)) as {
          request: string;
          rid?: string;
          content?: unknown;
        };
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        answer(socket, request);
      }
    });
  });
  const answer = (socket: TLSSocket, request: { request: string; rid?: string }) => {
    const base = { timestamp: new Date().toISOString(), sender: 'server', re: request.rid };
    const write = (frame: object) => socket.write(`${JSON.stringify({ ...base, ...frame })}\n`);
    if (request.request === 'ping' && request.rid) write({ response: 'pong', content: null });
    if (request.request === 'resume') write({ response: 'resume', content: [], more: false });
    if (request.request === 'login') {
      logins++;
      const friends = { friends: [], incoming: [], outgoing: [] };
      write({
        response: 'login',
        content: { username: 'ann', guest: false, lastId: id, history: [], friends },
      });
      void pour(socket);
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const client = new ChatConnection({ ...CLIENT, host: '127.0.0.1', port });
  let delivered = 0;
  let accepted = 0;
  let lastDelivered = 0;
  for (const event of ['notice', 'presence', 'friends'] as const) client.on(event, () => accepted++);
  client.on('message', (m) => {
    delivered++;
    accepted++;
    if (m.id <= lastDelivered) problems.push(`message ${m.id} delivered after ${lastDelivered}`);
    lastDelivered = m.id;
  });
  const sampler = new RssSampler(process.pid, 100);
  const quarters: number[] = [];
  const started = Date.now();
  const opened = await client.connect();
  if (!opened.ok) problems.push(`could not connect: ${opened.error}`);
  while (sent < options.frames && problems.length === 0) {
    // A hostile answer can end the session (a refused re-login); log in again and go on.
    if (client.state.state === 'connected' && !client.session) await client.login('ann', 'correct horse');
    await sleep(20);
    const quarter = Math.floor((4 * sent) / options.frames);
    if (quarter > quarters.length && quarters.length < 4) {
      quarters.push(sampler.sample());
      options.progress?.(`${sent} frames, ${links} links, ${delivered} delivered`);
    }
  }
  while (quarters.length < 4) quarters.push(sampler.sample());
  const seconds = (Date.now() - started) / 1000;
  const rss = sampler.stop(quarters);
  // After the storm the room is honest: the client must still work.
  await sleep(200);
  const ping = await client.request({ request: 'ping', content: null }, ['pong']);
  if (!ping.ok) problems.push(`the client does not work after the run: ${ping.error}`);
  client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  rmSync(dir, { recursive: true, force: true });
  for (const error of uncaught.slice(0, 5)) problems.push(`uncaught: ${String(error)}`);
  const growth = rss.peakBytes - rss.startBytes;
  if (growth > options.maxRssGrowthBytes) problems.push(`RSS grew by ${growth} bytes`);
  return {
    seed: options.seed,
    frames: sent,
    seconds,
    framesPerSecond: Math.round(sent / seconds),
    uncaught: uncaught.length,
    links,
    logins,
    delivered,
    accepted,
    rss,
    problems,
  };
}

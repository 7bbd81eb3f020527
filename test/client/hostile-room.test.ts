// A hostile room (docs/security.md § the client against a hostile room): the real client core and the real
// service against a scripted TLS room that sends wrong types in every field, unknown responses, stray acks,
// ids going backwards, a 100 MB line, a million pushes, silence, and a certificate that changes. The app must
// survive every one (no uncaught exception), stay bounded in memory, and say what happened.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, afterEach, test } from 'node:test';
import { MAX_CLIENT_PAGE, MAX_MESSAGE_LINE_BYTES, MAX_ROOM_FRAME_BYTES } from '../../src-main/client/bounds';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import type { ConnectionStatus, RoomsState } from '../../src-shared/ipc';
import { MAX_ROOMS_LISTED } from '../../src-shared/response-schemas';
import { collectGarbage, mib, printFigures } from '../abuse/figures';
import { makeDataDir } from '../helpers/server';
import { honest, makeIdentity, message, now, type Peer, type Script, ScriptedRoom } from './scripted-room';
import { FAST, waitFor } from './support';
import { mutants, unknownFrames, validExamples } from './wrong-responses';

const uncaught: unknown[] = [];
process.on('uncaughtException', (error) => uncaught.push(error));
process.on('unhandledRejection', (error) => uncaught.push(error));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(() => assert.deepEqual(uncaught, [], 'an exception escaped'));
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface App {
  service: HearthService;
  ids: number[];
  count: () => number;
  statuses: ConnectionStatus[];
  friendsEvents: () => number;
  /** Events about rooms: the rooms list, members, tombstones, removals. */
  roomEvents: () => number;
  rooms: RoomsState;
}

function app(): App {
  const service = new HearthService({
    dataDir: makeDataDir(),
    hostLauncher: new NodeHostLauncher({ bindHost: '127.0.0.1' }),
    connection: FAST,
  });
  cleanups.push(() => service.dispose());
  const ids: number[] = [];
  let count = 0;
  let friends = 0;
  const statuses: ConnectionStatus[] = [];
  service.on('message', (m) => {
    count++;
    if (ids.length < 10_000 && m.id !== null) ids.push(m.id);
  });
  service.on('connection', (s) => statuses.push(s));
  service.on('friends', () => friends++);
  let roomEvents = 0;
  const rooms: RoomsState = { rooms: [], invites: [] };
  service.on('rooms', (snapshot) => {
    roomEvents++;
    Object.assign(rooms, snapshot);
  });
  for (const event of ['member', 'messageDeleted', 'roomRemoved'] as const)
    service.on(event, () => roomEvents++);
  return {
    service,
    ids,
    count: () => count,
    statuses,
    friendsEvents: () => friends,
    roomEvents: () => roomEvents,
    rooms,
  };
}

async function room(script: Script = honest): Promise<ScriptedRoom> {
  const r = new ScriptedRoom(await makeIdentity(), script);
  await r.start();
  cleanups.push(() => r.close());
  return r;
}

async function joined(r: ScriptedRoom): Promise<App> {
  const a = app();
  const connected = await a.service.connect({ host: '127.0.0.1', port: r.port });
  assert.ok(connected.ok, !connected.ok ? connected.error : '');
  const login = await a.service.login({ username: 'ann', password: 'correct horse', remember: false });
  assert.ok(login.ok, !login.ok ? login.error : '');
  return a;
}

const lastStatus = (a: App) => a.statuses.at(-1);

/** Heap and off-heap bytes in use after a full collection. */
function retained(): number {
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function rssPeak(): { stop: () => number } {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) - start;
    },
  };
}

test('the bounds fit together: a full page of the longest messages fits in the frame limit', () => {
  assert.ok(MAX_CLIENT_PAGE * MAX_MESSAGE_LINE_BYTES <= MAX_ROOM_FRAME_BYTES);
});

test('wrong types in every field of every response, unknown responses and stray acks are dropped; the session carries on', async () => {
  const all = mutants(validExamples());
  assert.ok(all.length > 60, `only ${all.length} mutants`);
  const r = await room(async (peer, request) => {
    await honest(peer, request);
    if (request.request === 'login') await pushAll(peer);
  });
  async function pushAll(peer: Peer) {
    for (const frame of [...all, ...unknownFrames()]) {
      await peer.send(typeof frame === 'string' ? `${frame}\n` : frame);
      // A valid frame between bad ones, so the link is not closed as a stream of garbage.
      await peer.send({ timestamp: now(), sender: 'server', response: 'pong', content: null });
    }
    for (let i = 0; i < 20; i++) {
      const ack = { cid: `stranger-${i}`, id: 500 + i, timestamp: now(), duplicate: false };
      await peer.send({
        timestamp: now(),
        sender: 'server',
        response: 'ack',
        content: ack,
        re: `r${900 + i}`,
      });
    }
    await peer.send(message(777, 'marker'));
  }
  const a = await joined(r);
  const friendsBefore = a.friendsEvents();
  const roomsBefore = a.roomEvents();
  await waitFor('the marker after the garbage', () => a.ids.includes(777), 30_000);
  assert.deepEqual(a.ids, [777], 'a malformed push reached the user');
  assert.equal(a.friendsEvents(), friendsBefore, 'a malformed friends list reached the user');
  assert.equal(a.roomEvents(), roomsBefore, 'a malformed room push reached the user');
  const sent = await a.service.send({ conversation: 'room', text: 'still here' });
  assert.ok(sent.ok, !sent.ok ? sent.error : '');
  await waitFor('our own message acked', () => a.ids.some((id) => id >= 1_000_000));
  assert.equal(lastStatus(a)?.state, 'connected');
});

test('a flood of room invites and rooms keeps at most as many as one user can have, the newest invites', async () => {
  const FLOOD = 3 * MAX_ROOMS_LISTED;
  const r = await room(async (peer, request) => {
    await honest(peer, request);
    if (request.request !== 'login') return;
    const base = { timestamp: now(), sender: 'server' };
    for (let id = 2; id < FLOOD + 2; id++) {
      const invited = { ...roomView(`#${id}`), role: null };
      await peer.send({ ...base, response: 'room_invite', content: invited, from: 'mallory' });
      await peer.send({ ...base, response: 'room', content: roomView(`#${FLOOD + id}`) });
    }
    await peer.send(message(778, 'marker'));
  });
  const a = await joined(r);
  await waitFor('the marker after the flood', () => a.ids.includes(778), 30_000);
  const { rooms, invites } = a.rooms;
  assert.deepEqual([rooms.length, invites.length], [MAX_ROOMS_LISTED, MAX_ROOMS_LISTED]);
  assert.equal(invites.at(-1)?.id, `#${FLOOD + 1}`, 'the newest invite is kept');
  assert.equal(invites[0]?.id, `#${FLOOD + 2 - MAX_ROOMS_LISTED}`, 'the oldest went first');
});

function roomView(id: string) {
  const room = { id, name: `Room ${id}`, topic: '', kind: 'public', role: 'member', members: 1 };
  return { ...room, readOnly: false, archived: false, guests: false, lastId: 0, mutedUntil: null };
}

test('an answer with a wrong type fails its request at once with "protocol", not after a timeout', async () => {
  const wrong = mutants(validExamples()).filter((m) => !Array.isArray(m) && m.response === 'history');
  let next = 0;
  const r = await room((peer, request) =>
    request.request === 'history'
      ? peer.answer(request, wrong[next++ % wrong.length] as object)
      : honest(peer, request),
  );
  const a = await joined(r);
  for (let i = 0; i < wrong.length; i++) {
    const started = Date.now();
    const page = await a.service.loadHistory({ conversation: 'room' });
    assert.ok(!page.ok && page.code === 'protocol', `mutant ${i}: ${JSON.stringify(page)}`);
    assert.ok(Date.now() - started < 4_000, 'it waited for the timeout');
  }
  assert.equal(lastStatus(a)?.state, 'connected');
});

test('ids going backwards and repeated are shown once, in order', async () => {
  const r = await room(async (peer, request) => {
    await honest(peer, request);
    if (request.request !== 'login') return;
    for (const id of [100, 99, 50, 101, 101, 100, 102]) await peer.send(message(id));
  });
  const a = await joined(r);
  await waitFor('id 102', () => a.ids.includes(102));
  assert.deepEqual(a.ids, [100, 101, 102]);
});

test('a 100 MB line closes the link with an error and costs a bounded amount of memory', {
  timeout: 120_000,
}, async () => {
  let attempts = 0;
  let written = 0;
  const r = await room(async (peer, request) => {
    await honest(peer, request);
    // The first heartbeat (a ping without rid) sets it off, so memory is measured with the session up.
    if (request.request !== 'ping' || request.rid !== undefined || attempts++ > 0) return;
    const chunk = 'a'.repeat(64 * 1024);
    while (written < 100 * 1024 * 1024 && !peer.socket.destroyed) {
      await peer.send(chunk);
      written += chunk.length;
    }
  });
  const a = await joined(r);
  const before = retained();
  const peak = rssPeak();
  await waitFor(
    'the oversized line to close the link',
    () => a.statuses.some((s) => s.error?.includes(`over ${MAX_ROOM_FRAME_BYTES} bytes`)),
    60_000,
  );
  // The session is restored on a fresh link; the room behaves this time.
  await waitFor('back in', () => lastStatus(a)?.state === 'connected' && r.connections >= 2, 30_000);
  const rssGrowth = peak.stop();
  // Let the closed links' sockets finish closing (both ends are in this process) before counting.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const heapGrowth = retained() - before;
  printFigures('hostile-100MB-line', {
    writtenMiB: mib(written),
    rssPeakGrowthMiB: mib(rssGrowth),
    retainedGrowthMiB: mib(heapGrowth),
  });
  assert.ok(written < 40 * 1024 * 1024, `the client read ${mib(written)} MiB before closing`);
  assert.ok(heapGrowth < 16 * 1024 * 1024, `retained ${mib(heapGrowth)} MiB`);
  assert.ok(rssGrowth < 200 * 1024 * 1024, `RSS grew by ${mib(rssGrowth)} MiB`);
});

test('a million pushes reach the user one by one in bounded memory', { timeout: 600_000 }, async () => {
  const PUSHES = 1_000_000;
  const r = await room(async (peer, request) => {
    await honest(peer, request);
    if (request.request !== 'login') return;
    for (let id = 1; id <= PUSHES; id += 100) {
      let lines = '';
      for (let k = id; k < id + 100; k++) lines += `${JSON.stringify(message(k))}\n`;
      await peer.send(lines);
    }
  });
  const before = retained();
  const peak = rssPeak();
  const started = Date.now();
  const a = await joined(r);
  await waitFor('every push', () => a.count() >= PUSHES, 540_000, 100);
  const seconds = (Date.now() - started) / 1000;
  const rssGrowth = peak.stop();
  const heapGrowth = retained() - before;
  printFigures('hostile-1M-pushes', {
    pushes: a.count(),
    seconds,
    rssPeakGrowthMiB: mib(rssGrowth),
    retainedGrowthMiB: mib(heapGrowth),
  });
  assert.equal(a.count(), PUSHES);
  assert.ok(heapGrowth < 32 * 1024 * 1024, `retained ${mib(heapGrowth)} MiB`);
  assert.ok(rssGrowth < 400 * 1024 * 1024, `RSS grew by ${mib(rssGrowth)} MiB`);
});

test('pushes without end while catching up close the link instead of piling up', {
  timeout: 120_000,
}, async () => {
  let logins = 0;
  const r = await room(async (peer, request) => {
    if (request.request === 'login') logins++;
    // The second link: logged in again, resume never answered, pushes instead.
    if (request.request === 'resume' && logins === 2) {
      for (let id = 1; id <= 30_000 && !peer.socket.destroyed; id++) await peer.send(message(id));
      return;
    }
    await honest(peer, request);
  });
  const a = await joined(r);
  r.cutAll();
  await waitFor(
    'the overflow to close the link',
    () => a.statuses.some((s) => s.error?.includes('while the client caught up') ?? false),
    60_000,
  );
  await waitFor('back in on a third link', () => lastStatus(a)?.state === 'connected' && logins >= 3, 30_000);
});

test('a handshake that never ends, a room that never answers, and a login never answered: each a clear error', async () => {
  const held = new Set<Socket>();
  const silent = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const socket of held) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const mute = await room(() => {});
  const noLogin = await room((peer, request) =>
    request.request === 'login' ? undefined : honest(peer, request),
  );

  const a = app();
  const handshake = await a.service.connect({
    host: '127.0.0.1',
    port: (silent.address() as { port: number }).port,
  });
  assert.ok(
    !handshake.ok && handshake.code === 'not_hearth' && /handshake/.test(handshake.error),
    JSON.stringify(handshake),
  );
  const b = app();
  const unanswered = await b.service.connect({ host: '127.0.0.1', port: mute.port });
  assert.ok(!unanswered.ok && unanswered.code === 'not_hearth', JSON.stringify(unanswered));
  const c = app();
  assert.ok((await c.service.connect({ host: '127.0.0.1', port: noLogin.port })).ok);
  const login = await c.service.login({ username: 'ann', password: 'correct horse', remember: false });
  assert.ok(!login.ok && login.code === 'timeout', JSON.stringify(login));
});

test('a certificate that changes between reconnects is refused and nothing is sent to it', async () => {
  const r = await room();
  const a = await joined(r);
  const before = r.received.length;
  await r.restartWith(await makeIdentity());
  await waitFor('the refusal', () => lastStatus(a)?.state === 'disconnected', 30_000);
  assert.match(lastStatus(a)?.error ?? '', /different certificate/);
  assert.equal(r.received.length, before, 'the client talked to the impostor');
});

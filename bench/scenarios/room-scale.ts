// Scenario 9 (`room-scale`, Hearth only): a server with many rooms and accounts (issue 11: 1,000 rooms and
// 10,000 accounts, joining and listing < 5 ms). The rooms are seeded into the store; then one logged-in
// client times, over a real socket, `rooms` (its own list), `rooms {browse}` (the largest public rooms) and
// `room_join` of rooms it is not in yet, one request at a time. The store calls behind list and browse are
// also timed in-process on the seeded file, which separates the server's query time from the round trip.
import { openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { Probe } from '../adapters/probe';
import type { BenchOptions } from '../options';
import { cpuTimeUs } from '../proc-stats';
import { BENCH_PASSWORD, benchUsername } from '../seed';
import { FIRST_ROOM_ID, type RoomSeed, seedRooms } from '../seed-rooms';
import { type HearthTemplate, startHearth } from '../servers/hearth';
import { summarise, type Timing } from '../stats';

export interface RoomScalePlan {
  rooms: number;
  accounts: number;
  /** Rooms each account is a member of (so every room has accounts × this ÷ rooms members). */
  roomsPerAccount: number;
  /** Rooms the timing client (account 0) is in: what its `rooms` list holds, besides the default room. */
  probeRooms: number;
  /** Calls of each request timed. */
  rounds: number;
  messagesPerRoom: number;
}

const ROOM_SCALE: RoomScalePlan = {
  rooms: 1000,
  accounts: 10_000,
  roomsPerAccount: 5,
  probeRooms: 50,
  rounds: 300,
  messagesPerRoom: 20,
};
const ROOM_SCALE_QUICK: RoomScalePlan = {
  rooms: 50,
  accounts: 500,
  roomsPerAccount: 5,
  probeRooms: 10,
  rounds: 20,
  messagesPerRoom: 2,
};

export function roomScalePlanFor(options: Pick<BenchOptions, 'quick'>): RoomScalePlan {
  return options.quick ? ROOM_SCALE_QUICK : ROOM_SCALE;
}

/** Round trips of one request, and the server's CPU time per call (utime + stime over all the calls). */
export type RequestTiming = Timing & { serverCpuMs: number };

/** Requests timed over the socket, and in-process store calls on the same file. */
export interface RoomScaleResult {
  plan: RoomScalePlan;
  memberships: number;
  seedSeconds: number;
  list: RequestTiming;
  listed: number;
  browse: RequestTiming;
  browsed: number;
  join: RequestTiming;
  storeList: Timing;
  storeBrowse: Timing;
}

const PROBE = 0;
const BROWSE_LIMIT = 200;
const isPrivate = (room: number) => room % 10 === 9;

/** Account i is in rooms 5i, 5i+1, … (mod R); the timing account also in the first `probeRooms` rooms. */
export function scaleSeeds(plan: RoomScalePlan): RoomSeed[] {
  const members: number[][] = Array.from({ length: plan.rooms }, () => []);
  for (let i = 0; i < plan.accounts; i++) {
    for (let j = 0; j < plan.roomsPerAccount; j++)
      members[(i * plan.roomsPerAccount + j) % plan.rooms]?.push(i);
  }
  for (let r = 0; r < plan.probeRooms; r++) if (!members[r]?.includes(PROBE)) members[r]?.unshift(PROBE);
  return members.map((m, r) => ({
    name: `room ${r + 1}`,
    visibility: isPrivate(r) ? 'private' : 'public',
    members: [...new Set(m)],
  }));
}

function timeStore(dataDir: string, rounds: number): { list: Timing; browse: Timing } {
  const store = openSqliteStore(dataDir, { synchronous: 'normal' });
  const time = (call: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = process.hrtime.bigint();
      call();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return summarise(samples);
  };
  try {
    return {
      list: time(() => store.roomsOf(benchUsername(PROBE))),
      browse: time(() => store.publicRooms(BROWSE_LIMIT)),
    };
  } finally {
    store.close();
  }
}

type Answer = { response: string; content?: unknown };

async function timeRequests(
  probe: Probe,
  serverPid: number,
  rounds: number,
  body: (i: number) => object,
  check: (r: Answer, i: number) => string | null,
): Promise<RequestTiming> {
  const samples: number[] = [];
  const cpuBefore = cpuTimeUs(serverPid);
  for (let i = 0; i < rounds; i++) {
    const rid = `s${i}`;
    const { response, ms } = await probe.request({ ...body(i), rid }, (r) => r.re === rid);
    const problem = check(response, i);
    if (problem) throw new Error(`${problem}: ${JSON.stringify(response).slice(0, 200)}`);
    samples.push(ms);
  }
  return { ...summarise(samples), serverCpuMs: (cpuTimeUs(serverPid) - cpuBefore) / 1000 / rounds };
}

const listOf = (r: Answer) => (r.response === 'rooms' && Array.isArray(r.content) ? r.content : null);

export async function runRoomScale(
  template: HearthTemplate,
  options: BenchOptions,
  serverCore: number | undefined,
  log: (line: string) => void,
): Promise<RoomScaleResult> {
  const plan = roomScalePlanFor(options);
  if (template.accounts < plan.accounts)
    throw new Error(`template has ${template.accounts} accounts, room-scale needs ${plan.accounts}`);
  const seeds = scaleSeeds(plan);
  const memberships = seeds.reduce((a, s) => a + s.members.length, 0);
  log(
    `room-scale: hearth, seeding ${plan.rooms} rooms (${memberships} memberships), ${plan.accounts} accounts`,
  );
  let seedSeconds = 0;
  let store: ReturnType<typeof timeStore> | undefined;
  const server = await startHearth(
    template,
    { core: serverCore, maxClients: 2, hearthSync: options.hearthSync, nice: options.nice },
    (dataDir) => {
      const started = Date.now();
      seedRooms(dataDir, seeds, plan.messagesPerRoom);
      seedSeconds = (Date.now() - started) / 1000;
      store = timeStore(dataDir, plan.rounds);
    },
  );
  const probe = await Probe.open(server.port);
  try {
    const login = await probe.request(
      { request: 'login', content: { username: benchUsername(PROBE), password: BENCH_PASSWORD } },
      (r) => r.response === 'login',
    );
    if (login.response.response !== 'login')
      throw new Error(`probe login failed: ${JSON.stringify(login.response).slice(0, 200)}`);
    const mine = plan.probeRooms + 1;
    const list = await timeRequests(
      probe,
      server.pid,
      plan.rounds,
      () => ({ request: 'rooms', content: {} }),
      (r) => (listOf(r)?.length === mine ? null : `the rooms list was not ${mine} rooms`),
    );
    const publicRooms = seeds.filter((s) => s.visibility === 'public').length;
    const browsed = Math.min(BROWSE_LIMIT, publicRooms);
    const browse = await timeRequests(
      probe,
      server.pid,
      plan.rounds,
      () => ({ request: 'rooms', content: { browse: true } }),
      (r) => (listOf(r)?.length === browsed ? null : `browsing did not list ${browsed} rooms`),
    );
    const targets = seeds
      .map((s, r) => ({ s, id: FIRST_ROOM_ID + r }))
      .filter(({ s }) => s.visibility === 'public' && !s.members.includes(PROBE))
      .map(({ id }) => `#${id}`);
    if (targets.length < plan.rounds) throw new Error(`only ${targets.length} rooms to join`);
    const join = await timeRequests(
      probe,
      server.pid,
      plan.rounds,
      (i) => ({ request: 'room_join', content: { room: targets[i] } }),
      (r, i) =>
        r.response === 'room' && (r.content as { id?: string }).id === targets[i]
          ? null
          : `room_join ${targets[i]} was not answered with the room`,
    );
    const timed = store as ReturnType<typeof timeStore>;
    return {
      plan,
      memberships,
      seedSeconds,
      list,
      listed: mine,
      browse,
      browsed,
      join,
      storeList: timed.list,
      storeBrowse: timed.browse,
    };
  } finally {
    probe.close();
    await server.stop();
  }
}

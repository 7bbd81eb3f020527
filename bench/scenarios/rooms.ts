// Scenario 8 (`rooms`): many rooms on one server, few of them busy. R rooms of M members each (every client in
// exactly one room: Hearth's seeded public rooms #2…, IRC channels #r1…), the first A rooms with S senders
// each, the others idle. Besides the usual figures it checks that a room's messages reach exactly its members:
// every client's own count of deliveries against what its room's other members sent.

import type { LoadGenerator, Measurement } from '../generator';
import type { BenchOptions } from '../options';
import { cpuTimeUs } from '../proc-stats';
import { blockRooms, FIRST_ROOM_ID, type RoomSeed } from '../seed-rooms';
import type { RunningServer } from '../servers/types';
import type { ClientCount } from '../worker-protocol';

export interface RoomsPlan {
  rooms: number;
  members: number;
  activeRooms: number;
  sendersPerRoom: number;
  ratePerSender: number;
  durationMs: number;
  warmupMs: number;
}

/** Many rooms, few busy: 10 rooms of 50 get 10 msg/s each, 100 msg/s in as in `light` and `fanout`. */
const ROOMS = { members: 50, activeRooms: 10, sendersPerRoom: 2, ratePerSender: 5 };
const ROOMS_QUICK = { rooms: 4, members: 10, activeRooms: 2, sendersPerRoom: 1, ratePerSender: 10 };

export function roomsPlanFor(options: BenchOptions): RoomsPlan {
  const timing = { durationMs: options.durationS * 1000, warmupMs: options.quick ? 300 : 2000 };
  return options.quick ? { ...ROOMS_QUICK, ...timing } : { ...ROOMS, rooms: options.rooms, ...timing };
}

export interface RoomIsolation {
  /** Clients in idle rooms, and the deliveries they received in all (must be 0). */
  idleClients: number;
  idleReceived: number;
  activeClients: number;
  /** Active-room clients that received exactly what the other members of their room sent. */
  activeExact: number;
  /** Deliveries beyond what a client's own room sent it: messages that leaked from another room. */
  strays: number;
}

export interface RoomsResult {
  plan: RoomsPlan;
  clients: number;
  /** Wall time to log every client in (and, for IRC, join its channel). */
  connectSeconds: number;
  /** Wall time after that until the server was quiet (done sending the join notices of the logins). */
  settleSeconds: number;
  measurement: Measurement;
  isolation: RoomIsolation;
}

/** The rooms the Hearth server is seeded with before it starts (ngIRCd's channels are made by JOIN). */
export function roomSeeds(plan: Pick<RoomsPlan, 'rooms' | 'members'>): RoomSeed[] {
  return blockRooms(plan.rooms, plan.members);
}

/** Room k (from 0) as the server's protocol names it. */
function roomName(server: RunningServer, k: number): string {
  return server.kind === 'hearth' ? `#${FIRST_ROOM_ID + k}` : `#r${k + 1}`;
}

export function isolationOf(counts: ClientCount[], plan: RoomsPlan): RoomIsolation {
  const roomOf = (id: number) => Math.floor(id / plan.members);
  const sentIn = new Map<number, number>();
  for (const c of counts) sentIn.set(roomOf(c.id), (sentIn.get(roomOf(c.id)) ?? 0) + c.sent);
  const out: RoomIsolation = { idleClients: 0, idleReceived: 0, activeClients: 0, activeExact: 0, strays: 0 };
  for (const c of counts) {
    const owed = (sentIn.get(roomOf(c.id)) ?? 0) - c.sent;
    out.strays += Math.max(0, c.received - owed);
    if (roomOf(c.id) < plan.activeRooms) {
      out.activeClients++;
      if (c.received === owed) out.activeExact++;
    } else {
      out.idleClients++;
      out.idleReceived += c.received;
    }
  }
  return out;
}

/** The server is quiet when it used under this share of a core over one sample. */
const QUIET_SHARE = 0.05;
const QUIET_SAMPLE_MS = 500;
const QUIET_MAX_MS = 120_000;

/**
 * Waits until the server is (nearly) idle: every Hearth login is announced to the whole default room, so
 * after C logins the server still has O(C²) notice lines to write, and the measurement must not start while
 * it does. Returns the seconds waited.
 */
async function settle(pid: number): Promise<number> {
  const started = Date.now();
  let before = cpuTimeUs(pid);
  while (Date.now() - started < QUIET_MAX_MS) {
    await new Promise((r) => setTimeout(r, QUIET_SAMPLE_MS));
    const now = cpuTimeUs(pid);
    if (now - before < QUIET_SHARE * QUIET_SAMPLE_MS * 1000) break;
    before = now;
  }
  return (Date.now() - started) / 1000;
}

/** ngIRCd listens with a backlog of 10: more connections in flight overflow its accept queue. */
const IRC_CONNECTS_PER_WORKER = 3;

export async function runRooms(
  generator: LoadGenerator,
  server: RunningServer,
  plan: RoomsPlan,
): Promise<RoomsResult> {
  const clients = plan.rooms * plan.members;
  const specs = server
    .clients(0, clients)
    .map((spec, i) => ({ ...spec, room: roomName(server, Math.floor(i / plan.members)) }));
  const started = Date.now();
  const result = await generator.connect(
    server,
    specs,
    server.kind === 'irc' ? IRC_CONNECTS_PER_WORKER : undefined,
  );
  if (result.failed > 0) {
    throw new Error(
      `${result.failed} of ${clients} ${server.name} clients could not log in: ${result.firstError}`,
    );
  }
  const connectSeconds = (Date.now() - started) / 1000;
  const settleSeconds = await settle(server.pid);
  const senders: number[] = [];
  for (let k = 0; k < plan.activeRooms; k++)
    for (let s = 0; s < plan.sendersPerRoom; s++) senders.push(k * plan.members + s);
  if (plan.warmupMs > 0)
    await generator.measure(senders, plan.ratePerSender, plan.warmupMs, server.pid, 0, plan.members);
  const measurement = await generator.measure(
    senders,
    plan.ratePerSender,
    plan.durationMs,
    server.pid,
    0,
    plan.members,
  );
  const isolation = isolationOf(await generator.clientCounts(), plan);
  return { plan, clients, connectSeconds, settleSeconds, measurement, isolation };
}

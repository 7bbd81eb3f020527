// Runs the selected scenarios against each selected server, back to back, scenario by scenario, on a fresh
// server process each time: the server pinned to core 0, the load generator's workers to core 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadGenerator, type Measurement } from './generator';
import type { BenchOptions } from './options';
import { hasTaskset, pinToCore, setNiceness } from './proc-stats';
import { type ProfileSummary, summariseProfile } from './profile';
import { joinRoom, runFanout } from './scenarios/fanout';
import { type FilesResult, runFiles } from './scenarios/files';
import { type HistoryResult, runHistory } from './scenarios/history';
import { type IdleResult, runIdle } from './scenarios/idle';
import { describeOverload, type OverloadResult, runOverload } from './scenarios/overload';
import { type RoomScaleResult, roomScalePlanFor, runRoomScale } from './scenarios/room-scale';
import { type RoomsResult, roomSeeds, roomsPlanFor, runRooms } from './scenarios/rooms';
import { runSaturation, type SaturationResult } from './scenarios/saturation';
import { runSearch, type SearchResult } from './scenarios/search';
import { runSlowConsumer, type SlowConsumerResult } from './scenarios/slow-consumer';
import { seedRooms } from './seed-rooms';
import { HearthTemplate, startHearth } from './servers/hearth';
import { ngircdVersion, startNgircd } from './servers/ngircd';
import type { RunningServer, ServerName } from './servers/types';

export const SERVER_CORE = 0;
export const GENERATOR_CORE = 1;

export type PerServer<T> = Partial<Record<ServerName, T>>;

export interface BenchResults {
  date: string;
  machine: { cpu: string; cores: number; kernel: string; node: string; pinned: boolean; nice: number };
  options: BenchOptions;
  labels: PerServer<string>;
  light: PerServer<Measurement>;
  fanout: PerServer<Measurement>;
  saturation: PerServer<SaturationResult>;
  slow: PerServer<SlowConsumerResult>;
  overload: PerServer<OverloadResult>;
  idle: PerServer<IdleResult>;
  rooms: PerServer<RoomsResult>;
  history?: HistoryResult;
  search?: SearchResult;
  roomScale?: RoomScaleResult;
  files?: FilesResult;
  profile?: ProfileSummary;
  notes: string[];
}

const LIGHT = { clients: 50, senders: 10, totalRate: 100 };
const FANOUT = { clients: 500, senders: 10, totalRate: 100 };
const SATURATION = { clients: 200, senders: 20 };
/**
 * A room at 2,000 msg/s in where 10 of 100 clients stop reading: each stalled client is owed ≈ 0.4 MB/s,
 * so within the run its unsent output passes what the kernel's socket buffers absorb (several MB on
 * loopback) plus the server's bound (4 MiB by default), and the slow-consumer policy has to act.
 */
const SLOW = { clients: 100, stalled: 10, senders: 20, ratePerSender: 100 };
const SLOW_QUICK = { clients: 20, stalled: 2, senders: 4, ratePerSender: 20 };
/** Seconds the stalled clients stay stalled: long enough to fill their buffers and outlast the grace. */
const SLOW_STALL_S = 40;
/** Past saturation: 20 senders at 540 msg/s each (issue 9 § 14), then a light load to see latency recover. */
const OVERLOAD = {
  clients: 200,
  senders: 20,
  ratePerSender: 540,
  durationMs: 10_000,
  afterRatePerSender: 5,
  afterMs: 2000,
};
const OVERLOAD_QUICK = { ...OVERLOAD, clients: 40, senders: 4, durationMs: 1000, afterMs: 1000 };
/** The profiled run sends this many times the fan-out scenario's rate, so the server is busy. */
const PROFILE_RATE_FACTOR = 4;
/** Wall-clock seconds the idle scenario may spend logging connections in, per server. */
const IDLE_BUDGET_S = 150;

export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchResults> {
  const cores = cpus();
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpu: cores[0]?.model ?? 'unknown',
      cores: cores.length,
      kernel: release(),
      node: process.version,
      pinned: hasTaskset() && cores.length >= 2,
      nice: options.nice,
    },
    options,
    labels: {},
    light: {},
    fanout: {},
    saturation: {},
    slow: {},
    overload: {},
    idle: {},
    rooms: {},
    notes: [],
  };
  const servers = options.servers.filter((name) => {
    if (name === 'ngircd' && !ngircdVersion()) {
      results.notes.push('ngircd is not installed (apt-get install ngircd); its columns are empty.');
      return false;
    }
    return true;
  });
  const pinned = results.machine.pinned;
  const serverCore = pinned ? SERVER_CORE : undefined;
  if (pinned) pinToCore(process.pid, GENERATOR_CORE);
  else
    results.notes.push(
      'Server and load generator were not pinned to separate cores (no taskset or < 2 cores).',
    );

  const roomsPlan = roomsPlanFor(options);
  const maxClients = Math.max(
    options.scenarios.includes('idle') ? options.idleConnections : 0,
    options.scenarios.includes('rooms') ? roomsPlan.rooms * roomsPlan.members : 0,
    options.scenarios.includes('room-scale') ? roomScalePlanFor(options).accounts : 0,
    options.scenarios.includes('fanout') || options.profile ? FANOUT.clients : 0,
    SLOW.clients,
    LIGHT.clients,
    SATURATION.clients,
    2,
  );
  const template = servers.includes('hearth') ? new HearthTemplate(maxClients) : undefined;
  if (!setNiceness(process.pid, options.nice)) {
    results.machine.nice = 0;
    results.notes.push(
      `Could not set niceness ${options.nice} (needs root); processes ran at the default priority.`,
    );
  }
  const generator = await LoadGenerator.start(
    options.workers,
    pinned ? GENERATOR_CORE : undefined,
    results.machine.nice,
  );
  const durationMs = options.durationS * 1000;
  const warmupMs = options.quick ? 300 : 2000;

  const start = async (
    name: ServerName,
    clients: number,
    prepare?: (dataDir: string) => void,
  ): Promise<RunningServer> => {
    const common = { core: serverCore, maxClients: clients, nice: results.machine.nice, tls: options.tls };
    const server =
      name === 'hearth'
        ? await startHearth(
            template as HearthTemplate,
            { ...common, hearthSync: options.hearthSync },
            prepare,
          )
        : await startNgircd(common);
    results.labels[name] = server.label;
    return server;
  };
  /** Runs one scenario on a fresh server; a failure is recorded as a note and the run goes on. */
  const withServer = async <T>(
    name: ServerName,
    clients: number,
    body: (s: RunningServer) => Promise<T>,
    prepare?: (dataDir: string) => void,
  ): Promise<T | undefined> => {
    let server: RunningServer | undefined;
    try {
      server = await start(name, clients, prepare);
      const result = await body(server);
      if (server.tls && generator.cipher) results.labels[name] = `${server.label} over ${generator.cipher}`;
      return result;
    } catch (error) {
      const note = `${name}: a scenario failed: ${(error as Error).message}`;
      results.notes.push(note);
      log(`  ${note}`);
      return undefined;
    } finally {
      await generator.disconnectAll();
      await server?.stop();
    }
  };

  try {
    for (const scenario of options.scenarios) {
      for (const name of servers) {
        if (scenario === 'light' || scenario === 'fanout') {
          const plan = scenario === 'light' ? LIGHT : FANOUT;
          log(
            `${scenario}: ${name}, ${plan.clients} clients, ${plan.totalRate} msg/s in, ${options.durationS} s`,
          );
          results[scenario][name] = await withServer(name, plan.clients, (s) =>
            runFanout(generator, s, { ...plan, durationMs, warmupMs }),
          );
        } else if (scenario === 'saturation') {
          log(`saturation: ${name}, ${SATURATION.clients} clients, ${SATURATION.senders} senders`);
          results.saturation[name] = await withServer(name, SATURATION.clients, (s) =>
            runSaturation(
              generator,
              s,
              {
                ...SATURATION,
                startRate: 5,
                factor: 1.5,
                maxSteps: options.quick ? 2 : 14,
                stepMs: Math.max(1000, durationMs / 2),
              },
              log,
            ),
          );
        } else if (scenario === 'slow') {
          const plan = options.quick ? SLOW_QUICK : SLOW;
          log(
            `slow: ${name}, ${plan.clients} clients, ${plan.stalled} stop reading, ${plan.senders} senders × ${plan.ratePerSender} msg/s`,
          );
          results.slow[name] = await withServer(name, plan.clients, (s) =>
            runSlowConsumer(generator, s, {
              ...plan,
              baselineMs: durationMs / 2,
              durationMs: options.quick ? durationMs : SLOW_STALL_S * 1000,
            }),
          );
        } else if (scenario === 'overload') {
          const plan = options.quick ? OVERLOAD_QUICK : OVERLOAD;
          log(
            `overload: ${name}, ${plan.clients} clients, ${plan.senders} senders × ${plan.ratePerSender} msg/s`,
          );
          const result = await withServer(name, plan.clients, (s) => runOverload(generator, s, plan));
          results.overload[name] = result;
          if (result) log(describeOverload(name, result));
        } else if (scenario === 'idle') {
          log(`idle: ${name}, ${options.idleConnections} connections`);
          results.idle[name] = await withServer(name, options.idleConnections, (s) =>
            runIdle(
              generator,
              s,
              options.idleConnections,
              options.quick ? 60 : IDLE_BUDGET_S,
              options.quick ? 300 : 2000,
            ),
          );
        } else if (scenario === 'rooms') {
          const plan = roomsPlan;
          log(
            `rooms: ${name}, ${plan.rooms} rooms × ${plan.members} members, ${plan.activeRooms} active × ${plan.sendersPerRoom * plan.ratePerSender} msg/s`,
          );
          results.rooms[name] = await withServer(
            name,
            plan.rooms * plan.members,
            (s) => runRooms(generator, s, plan),
            (dataDir) => seedRooms(dataDir, roomSeeds(plan)),
          );
        } else if (scenario === 'room-scale' && name === 'hearth') {
          results.roomScale = await runRoomScale(template as HearthTemplate, options, serverCore, log).catch(
            (error: Error) =>
              void results.notes.push(`hearth: the room-scale scenario failed: ${error.message}`),
          );
        } else if (scenario === 'search' && name === 'hearth') {
          results.search = await runSearch(template as HearthTemplate, options, serverCore, log).catch(
            (error: Error) => void results.notes.push(`hearth: the search scenario failed: ${error.message}`),
          );
        } else if (scenario === 'files' && name === 'hearth') {
          results.files = await runFiles(template as HearthTemplate, options, serverCore, log).catch(
            (error: Error) => void results.notes.push(`hearth: the files scenario failed: ${error.message}`),
          );
        } else if (scenario === 'history' && name === 'hearth') {
          results.history = await runHistory(template as HearthTemplate, options, serverCore, log).catch(
            (error: Error) => {
              results.notes.push(`hearth: the history scenario failed: ${error.message}`);
              return undefined;
            },
          );
        }
      }
    }
    if (options.profile && template) {
      results.profile = await profileHearth(template, generator, serverCore, options, log).catch(
        (error: Error) => {
          results.notes.push(`hearth: the profiled run failed: ${error.message}`);
          return undefined;
        },
      );
    }
  } finally {
    await generator.stop();
    template?.dispose();
  }
  return results;
}

/** A separate, profiled run (profiling slows the server, so no figure in the table comes from it). */
async function profileHearth(
  template: HearthTemplate,
  generator: LoadGenerator,
  serverCore: number | undefined,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-profile-'));
  const file = join(dir, 'hearth.cpuprofile');
  const rate = FANOUT.totalRate * PROFILE_RATE_FACTOR;
  log(`profile: hearth, ${FANOUT.clients} clients, ${rate} msg/s in, V8 CPU profiler over the measured span`);
  try {
    const server = await startHearth(template, {
      core: serverCore,
      maxClients: FANOUT.clients,
      cpuProfileFile: file,
      hearthSync: options.hearthSync,
      nice: options.nice,
    });
    try {
      const ids = await joinRoom(generator, server, FANOUT.clients);
      const senders = ids.slice(0, FANOUT.senders);
      await generator.measure(senders, rate / FANOUT.senders, 1000, server.pid);
      await server.profile?.();
      await generator.measure(senders, rate / FANOUT.senders, options.durationS * 1000, server.pid);
    } finally {
      await generator.disconnectAll();
      await server.stop();
    }
    return summariseProfile(file, 15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

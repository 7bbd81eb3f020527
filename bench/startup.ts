// `npm run bench -- --only=startup`: how long a room takes from spawn to listening (issue 14 item 4), for
// `npm run server` and for the app's room process (bench/startup-subjects.ts), each a first start (empty data
// directory: the certificate is made and the database created) and a later start (the same directory again),
// with ngIRCd and bare Node as peers in the same run. Runs are interleaved subject by subject, so a busy
// moment of this shared machine lands on all of them alike. See docs/performance.md § Start-up.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuTimeUs, setNiceness } from './proc-stats';
import {
  appRoomProcess,
  bareNode,
  type Launch,
  ngircd,
  npmRunServer,
  type Subject,
  serverScript,
  tsxSources,
} from './startup-subjects';

const REPO = join(__dirname, '..');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartupOptions {
  runs: number;
  /** Another checkout (of main before a change, say) measured in the same run, its rows marked "before:". */
  baseline?: string;
  /** Also measure the sources under tsx (slow: over a second a start). */
  tsx: boolean;
  /** Niceness of this process, which every process it starts inherits (as `npm run bench`'s --nice). */
  nice: number;
}

export interface StartTiming {
  wallMs: number[];
  /** user + system CPU of every process of the launch, read at the moment it was ready. */
  cpuMs: number[];
}

export interface SubjectResult {
  name: string;
  command: string;
  first?: StartTiming;
  later: StartTiming;
}

export interface StartupResult {
  date: string;
  runs: number;
  /** The niceness the processes ran at; 0 if it could not be set. */
  nice: number;
  loadBefore: number[];
  loadAfter: number[];
  subjects: SubjectResult[];
}

/** user + system CPU of every live process in the group led by pid. */
function groupCpuMs(pgid: number): number {
  let us = 0;
  for (const pid of groupMembers(pgid)) {
    try {
      us += cpuTimeUs(pid);
    } catch {
      // It ended between the listing and the read.
    }
  }
  return us / 1000;
}

function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 5 (pgrp), counted after the command name, which may hold spaces.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) members.push(Number(entry));
    } catch {
      // Gone already.
    }
  }
  return members;
}

function untilReady(name: string, launch: Launch): Promise<number> {
  const { child, ready } = launch;
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`${name}: not ready in ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const done = () => {
      clearTimeout(timer);
      resolve(performance.now() - launch.t0);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-4096);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4096);
      if ('line' in ready && ready.line.test(output)) done();
    });
    if ('ipc' in ready)
      child.on('message', (message: { type?: string }) => {
        if (message.type === ready.ipc) done();
        else reject(new Error(`${name}: ${JSON.stringify(message)} ${errors}`));
      });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} ended (${code ?? signal}) before it was ready:\n${output}\n${errors}`));
    });
  });
}

/** SIGTERM to the whole group (the room closes its database cleanly); waits until every member is gone. */
async function stopGroup(pgid: number): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  let signal: NodeJS.Signals = 'SIGTERM';
  for (;;) {
    if (groupMembers(pgid).length === 0) return;
    try {
      process.kill(-pgid, signal);
    } catch {
      return;
    }
    if (Date.now() > deadline) signal = 'SIGKILL';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function timeOneStart(subject: Subject, dataDir: string, into: StartTiming): Promise<void> {
  const launch = await subject.launch(dataDir);
  const pid = launch.child.pid;
  if (pid === undefined) throw new Error(`${subject.name} did not start`);
  try {
    into.wallMs.push(await untilReady(subject.name, launch));
    into.cpuMs.push(groupCpuMs(pid));
  } finally {
    launch.child.removeAllListeners('exit');
    await stopGroup(pid);
    launch.cleanup?.();
  }
}

const emptyTiming = (): StartTiming => ({ wallMs: [], cpuMs: [] });

export async function runStartup(
  options: StartupOptions,
  log: (line: string) => void,
): Promise<StartupResult> {
  const nice = setNiceness(process.pid, options.nice) ? options.nice : 0;
  if (nice !== options.nice) log(`could not set niceness ${options.nice} (needs root): ran at 0`);
  const removals: (() => void)[] = [];
  const subjects: Subject[] = [bareNode()];
  const peer = ngircd();
  if (peer) subjects.push(peer);
  else log('ngIRCd is not installed (apt-get install ngircd): its row stays empty.');
  const checkouts: [string, string][] = [[REPO, '']];
  if (options.baseline) checkouts.unshift([options.baseline, 'before: ']);
  for (const [repo, label] of checkouts) {
    const app = appRoomProcess(repo, label);
    removals.push(app.remove);
    subjects.push(app.subject, npmRunServer(repo, label));
  }
  const script = serverScript(REPO);
  if (script) subjects.push(script);
  if (options.tsx) subjects.push(tsxSources(REPO));

  const results: SubjectResult[] = subjects.map((s) => ({
    name: s.name,
    command: s.command,
    ...(s.stateless ? {} : { first: emptyTiming() }),
    later: emptyTiming(),
  }));
  const loadBefore = loadavg();
  try {
    // One unmeasured start of each, so that whatever it builds or caches on its first ever run (the
    // bundle of `npm run server`, the page cache) is not counted as a first start.
    for (const subject of subjects) await timeOneStart(subject, scratchDir(), emptyTiming());
    for (let run = 1; run <= options.runs; run++) {
      for (const [i, subject] of subjects.entries()) {
        const result = results[i] as SubjectResult;
        const dataDir = scratchDir();
        try {
          if (result.first) await timeOneStart(subject, dataDir, result.first);
          await timeOneStart(subject, dataDir, result.later);
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
      log(
        `run ${run}/${options.runs} done (load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')})`,
      );
    }
  } finally {
    for (const remove of removals) remove();
    if (scratchRoot) rmSync(scratchRoot, { recursive: true, force: true });
    scratchRoot = undefined;
  }
  return {
    date: new Date().toISOString(),
    runs: options.runs,
    nice,
    loadBefore,
    loadAfter: loadavg(),
    subjects: results,
  };
}

let scratchRoot: string | undefined;
function scratchDir(): string {
  scratchRoot ??= mkdtempSync(join(tmpdir(), 'hearth-startup-'));
  return mkdtempSync(join(scratchRoot, 'room-'));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function cell(timing: StartTiming | undefined): string {
  if (!timing || timing.wallMs.length === 0) return '—';
  const min = Math.min(...timing.wallMs);
  const max = Math.max(...timing.wallMs);
  return `${median(timing.wallMs).toFixed(0)} ms (${min.toFixed(0)}–${max.toFixed(0)}), CPU ${median(timing.cpuMs).toFixed(0)} ms`;
}

/** The figures as a markdown table: median wall time (min–max) and median CPU, first and later start. */
export function startupTable(result: StartupResult): string {
  const floor = result.subjects[0];
  const floorMs = floor ? median(floor.later.wallMs) : Number.NaN;
  const rows = result.subjects.map(
    (s) =>
      `| ${s.name} | ${cell(s.first)} | ${cell(s.later)} | ${(median(s.later.wallMs) / floorMs).toFixed(1)}× |`,
  );
  return [
    `| what starts | first start (empty data directory) | later start | later ÷ bare Node |`,
    `|---|---|---|---|`,
    ...rows,
    '',
    `Median of ${result.runs} runs, spawn → listening, at niceness ${result.nice}. Load average before ${result.loadBefore
      .map((l) => l.toFixed(2))
      .join(' ')}, after ${result.loadAfter.map((l) => l.toFixed(2)).join(' ')}.`,
  ].join('\n');
}

export async function startupCli(argv: string[]): Promise<void> {
  const flags = new Map(
    argv
      .map((a) => /^--([a-z-]+)(?:=(.*))?$/.exec(a))
      .map((m, i) => {
        if (!m) throw new Error(`unknown argument ${argv[i]}`);
        return [m[1] as string, m[2] ?? 'true'] as const;
      }),
  );
  for (const key of flags.keys())
    if (!['quick', 'runs', 'baseline', 'tsx', 'json', 'nice'].includes(key))
      throw new Error(
        `unknown option --${key}\nusage: npm run bench -- --only=startup [--quick] [--runs=N] [--baseline=<checkout>] [--tsx] [--nice=<n>] [--json=<file>]`,
      );
  const runs = Number(flags.get('runs') ?? (flags.has('quick') ? 1 : 11));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');
  const options: StartupOptions = {
    runs,
    baseline: flags.get('baseline'),
    tsx: flags.has('tsx'),
    // Ahead of the rest of this shared machine, as the other scenarios run; a quick (CI) run is not.
    nice: Number(flags.get('nice') ?? (flags.has('quick') ? 0 : -20)),
  };
  const result = await runStartup(options, (line) => console.log(line));
  console.log(`\n${startupTable(result)}`);
  const json = flags.get('json');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
}

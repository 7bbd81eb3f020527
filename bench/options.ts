// Command-line options of `npm run bench`.
import type { ServerName } from './servers/types';

export const SCENARIOS = [
  'light',
  'fanout',
  'saturation',
  'slow',
  'idle',
  'history',
  'overload',
  'rooms',
  'room-scale',
  'search',
  'files',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  scenarios: ScenarioName[];
  servers: ServerName[];
  /** Seconds each timed send lasts (the saturation search uses half of it per step). */
  durationS: number;
  workers: number;
  idleConnections: number;
  historyMessages: number;
  /** Rooms of 50 members in the `rooms` scenario (the 100 × 50 shape by default; fewer on a smaller box). */
  rooms: number;
  /** Rewrite the results section of docs/performance.md. */
  writeDoc: boolean;
  /** Profile the Hearth server (node --cpu-prof) and print its hottest functions. */
  profile: boolean;
  /** SQLite synchronous mode of the Hearth server: its own default unless a run asks for full or normal. */
  hearthSync: HearthSync;
  /** Niceness of the server and generator processes (negative = ahead of other work on the machine). */
  nice: number;
  /** The chat scenarios over TLS (both servers' own TLS), instead of plaintext. */
  tls: boolean;
  /** Also write the raw results as JSON here. */
  jsonOut?: string;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only=${SCENARIOS.join(',')}] [--servers=hearth,ngircd]
  [--tls] [--duration=<s>] [--workers=<n>] [--idle=<connections>] [--history=<messages>] [--rooms=<rooms>] [--profile]
  [--write | --no-write] [--json=<file>] [--hearth-sync=default|full|normal] [--nice=<-20..19>]`;

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg}\n${USAGE}`);
    flags.set(match[1] as string, match[2] ?? 'true');
  }
  const known = [
    'quick',
    'only',
    'servers',
    'duration',
    'workers',
    'idle',
    'history',
    'rooms',
    'profile',
    'write',
    'no-write',
    'json',
    'hearth-sync',
    'tls',
    'help',
  ];
  for (const key of flags.keys())
    if (!known.includes(key)) throw new Error(`unknown option --${key}\n${USAGE}`);
  const quick = flags.has('quick');
  const list = (key: string) =>
    flags
      .get(key)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const scenarios = (list('only') ?? [...SCENARIOS]) as ScenarioName[];
  for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}\n${USAGE}`);
  const servers = (list('servers') ?? ['hearth', 'ngircd']) as ServerName[];
  for (const s of servers)
    if (s !== 'hearth' && s !== 'ngircd') throw new Error(`unknown server ${s}\n${USAGE}`);
  const number = (key: string, fallback: number) => {
    const value = flags.get(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} needs a positive number\n${USAGE}`);
    return n;
  };
  return {
    quick,
    scenarios,
    servers,
    durationS: number('duration', quick ? 1 : 10),
    workers: Math.round(number('workers', 2)),
    idleConnections: Math.round(number('idle', quick ? 100 : 10_000)),
    historyMessages: Math.round(number('history', quick ? 5_000 : 1_000_000)),
    rooms: parseRooms(number('rooms', 100)),
    writeDoc: flags.has('write') || (!quick && !flags.has('no-write') && !flags.has('only')),
    profile: flags.has('profile'),
    tls: flags.has('tls'),
    jsonOut: flags.get('json'),
    hearthSync: parseSync(flags.get('hearth-sync')),
    nice: parseNice(flags.get('nice'), quick ? 0 : -20),
  };
}

export type HearthSync = 'default' | 'full' | 'normal';

function parseSync(value: string | undefined): HearthSync {
  if (value === undefined) return 'default';
  if (value === 'default' || value === 'full' || value === 'normal') return value;
  throw new Error(`--hearth-sync must be default, full or normal\n${USAGE}`);
}

/** The `rooms` scenario keeps 10 rooms busy, so it needs at least 10. */
function parseRooms(n: number): number {
  if (!Number.isInteger(n) || n < 10) throw new Error(`--rooms must be an integer of at least 10\n${USAGE}`);
  return n;
}

function parseNice(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < -20 || n > 19)
    throw new Error(`--nice must be an integer from -20 to 19\n${USAGE}`);
  return n;
}

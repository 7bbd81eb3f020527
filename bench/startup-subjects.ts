// What the `startup` scenario starts (bench/startup.ts), each as its own process, and how it tells that it is
// up: Hearth's ways of starting a room, and two peers in the same run: ngIRCd (a chat server in C) and bare
// Node listening on a TCP port (the floor under any Node server).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ngircdConfig, ngircdVersion } from './servers/ngircd';
import { freePort } from './servers/process';

/** How a started process says it is up: a line on its stdout, or the room's `ready` message over IPC. */
export type Readiness = { line: RegExp } | { ipc: 'ready' };

export interface Launch {
  /** performance.now() just before the spawn: the start of the measured time. */
  t0: number;
  child: ChildProcess;
  ready: Readiness;
  /** Removes what the launch created besides the data directory. */
  cleanup?: () => void;
}

export interface Subject {
  name: string;
  /** What runs, for the report. */
  command: string;
  /** dataDir: a room's data directory, empty on a first start; peers keep nothing in it. */
  launch(dataDir: string): Launch | Promise<Launch>;
  /** True for peers that keep no state: they have no first start to tell from a later one. */
  stateless?: boolean;
}

const ROOM_FLAGS = (dataDir: string) => ['--host', '127.0.0.1', '--port', '0', '--data', dataDir];
/** The log line server.ts writes once the TLS port is bound (the terminal's banner follows it). */
const LISTENING = /\blistening on 127\.0\.0\.1:\d+ \(TLS/;

// Each process leads its own process group (detached), so the scenario can read and stop everything it
// started (npm, the shell npm runs, the room) and nothing else.
function spawnGroup(command: string, args: string[], cwd: string, ready: Readiness): Launch {
  const t0 = performance.now();
  const ipc = 'ipc' in ready;
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  });
  return { t0, child, ready };
}

/** `npm run server` in repo: what a person running a room in a terminal types. */
export function npmRunServer(repo: string, label: string): Subject {
  return {
    name: `${label}npm run server`,
    command: 'npm run server -- --host 127.0.0.1 --port 0 --data <dir>',
    launch: (dataDir) =>
      spawnGroup('npm', ['run', '-s', 'server', '--', ...ROOM_FLAGS(dataDir)], repo, { line: LISTENING }),
  };
}

/** What `npm run server` runs, without npm's own start-up. */
export function serverScript(repo: string): Subject | null {
  const script = join(repo, 'scripts', 'server.mjs');
  if (!existsSync(script)) return null;
  return {
    name: 'node scripts/server.mjs',
    command: 'node scripts/server.mjs --host 127.0.0.1 --port 0 --data <dir> (the bundle current)',
    launch: (dataDir) =>
      spawnGroup(process.execPath, [script, ...ROOM_FLAGS(dataDir)], repo, { line: LISTENING }),
  };
}

/** The sources under tsx: what `npm run server` ran before it ran a bundle (and what the tests still fork). */
export function tsxSources(repo: string): Subject {
  const tsx = createRequire(join(repo, 'package.json')).resolve('tsx/cli');
  return {
    name: 'tsx src-main/server/headless.ts',
    command: 'node <tsx cli> src-main/server/headless.ts --host 127.0.0.1 --port 0 --data <dir>',
    launch: (dataDir) =>
      spawnGroup(process.execPath, [tsx, 'src-main/server/headless.ts', ...ROOM_FLAGS(dataDir)], repo, {
        line: LISTENING,
      }),
  };
}

/**
 * The app's room process: the bundle scripts/build-main.mjs ships (dist-main/src-main/server/headless.js),
 * forked with an IPC channel and no exec arguments, as Electron's utilityProcess runs it, until its `ready`
 * message. Built once into test-artifacts/ inside repo, so it resolves node_modules as the app does.
 */
export function appRoomProcess(repo: string, label: string): { subject: Subject; remove: () => void } {
  mkdirSync(join(repo, 'test-artifacts'), { recursive: true });
  const work = mkdtempSync(join(repo, 'test-artifacts', 'startup-'));
  const outdir = join(work, 'dist-main');
  const build = spawnSync(process.execPath, ['scripts/build-main.mjs', '--outdir', outdir], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build-main failed in ${repo}: ${build.stderr}`);
  const entry = join(outdir, 'src-main', 'server', 'headless.js');
  return {
    subject: {
      name: `${label}app room process`,
      command: 'fork(dist-main/src-main/server/headless.js, flags, {execArgv: []}) until {type: ready}',
      launch: (dataDir) =>
        spawnGroup(process.execPath, [entry, ...ROOM_FLAGS(dataDir)], repo, { ipc: 'ready' }),
    },
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** ngIRCd in the foreground with the bench's configuration, until it says it listens; null if missing. */
export function ngircd(): Subject | null {
  const version = ngircdVersion();
  if (!version) return null;
  return {
    name: version,
    command: 'ngircd -n -f <bench config> until "Now listening on"',
    stateless: true,
    launch: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hearth-startup-ngircd-'));
      const conf = join(dir, 'ngircd.conf');
      writeFileSync(conf, ngircdConfig(await freePort(), dir));
      return {
        ...spawnGroup('/usr/sbin/ngircd', ['-n', '-f', conf], dir, { line: /Now listening on/ }),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  };
}

const BARE_NODE = `require('node:net').createServer().listen(0, '127.0.0.1', () => console.log('listening'))`;

/** Node itself: start, bind a TCP port, say so. No Node server can start faster on this machine. */
export function bareNode(): Subject {
  return {
    name: 'bare Node (net.listen)',
    command: `node -e "${BARE_NODE}"`,
    stateless: true,
    launch: () => spawnGroup(process.execPath, ['-e', BARE_NODE], process.cwd(), { line: /^listening$/m }),
  };
}

// A real PostgreSQL for the cluster tests: Debian's `postgresql` package, initdb + pg_ctl into a fresh temp
// directory on a free loopback port, trust authentication for one user, stopped and deleted by stop().
// PostgreSQL refuses to run as root, so when the tests run as root (CI containers) the server runs as
// `nobody`, which then owns the data directory.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = '/usr/lib/postgresql';
/** The one role the tests connect as. */
const USER = 'hearth';

/** The newest installed server's bin directory, or null when the package is missing. */
export function postgresBin(): string | null {
  if (!existsSync(ROOT)) return null;
  const versions = readdirSync(ROOT)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(ROOT, versions[0], 'bin');
}

/** Why the cluster tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  return postgresBin() === null
    ? `PostgreSQL is not installed: no ${ROOT}/<version>/bin/initdb (Debian: apt-get install postgresql; .ci/run does)`
    : null;
}

/** One statement through psql (not through Hearth): its rows, unaligned, one per line. */
export async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await run(join(postgresBin() as string, 'psql'), ['-At', '-d', url, '-c', sql]);
  return stdout.trim();
}

export interface TestPostgres {
  port: number;
  /** The temp directory holding the data, the socket and the server's log. */
  dir: string;
  /** postgres://… for a database (created by createDatabase), default `postgres`. */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stop (fast: clients are disconnected) and start again on the same port and data. */
  restart(): Promise<void>;
  /** Stop the server and delete its directory. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Root cannot run PostgreSQL: run its programs as nobody instead. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (bin === null) throw new Error(postgresMissing() ?? 'PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'hearth-pg-'));
  const data = join(dir, 'data');
  const owner = runAs();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const as = owner ?? {};
  const pg = (program: string, args: string[]) =>
    run(join(bin, program), args, { ...as, cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  await pg('initdb', [
    '-D',
    data,
    '-U',
    USER,
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // A test server: its data dies with the test, so nothing needs to survive a power loss.
    '-c fsync=off',
    '-c max_connections=200',
  ].join(' ');
  const start = () => pg('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
  const stopServer = (mode: string) => pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  await start();
  const url = (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    dir,
    url,
    async createDatabase(name) {
      await pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', USER, name]);
      return url(name);
    },
    async restart() {
      await stopServer('fast');
      await start();
    },
    async stop() {
      try {
        await stopServer('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

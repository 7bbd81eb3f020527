// The room as a separate process: the headless host as the app ships it (bundled by scripts/build-main.mjs,
// run by plain Node the way the app's utility process runs it), so that a test can SIGKILL it mid-write and
// start it again on the same data directory and the same port. The bundle starts in a fraction of the time
// tsx needs to compile the sources, which is what lets a test afford many restarts.
import assert from 'node:assert/strict';
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/server/store/sqlite-store';
import type { HostToParent } from '../../src-shared/host-messages';

const ROOT = join(__dirname, '..', '..');

/** Bundle the host once; returns the entry to fork and a cleanup. */
export function buildHost(): { entry: string; remove: () => void } {
  // Inside the repository, so the bundle finds node_modules (better-sqlite3 stays external).
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  const work = mkdtempSync(join(ROOT, 'test-artifacts', 'crash-'));
  const outdir = join(work, 'dist-main');
  const build = spawnSync(process.execPath, ['scripts/build-main.mjs', '--outdir', outdir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  return {
    entry: join(outdir, 'src-main', 'server', 'headless.js'),
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}

/**
 * The room restarts on the port it had, so that port must stay free while the room is down. One in the
 * kernel's ephemeral range may not: any outgoing connection can be given it, and a client retrying to
 * reach a port where nothing listens can even connect to itself (TCP simultaneous open). So the room gets
 * a random port below that range.
 */
function quietPort(): number {
  let ephemeralLow = 32_768;
  try {
    ephemeralLow = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
  } catch {
    // Not Linux: keep the common default.
  }
  const low = 10_000;
  return low + Math.floor(Math.random() * (ephemeralLow - low));
}

export interface StoredRow {
  id: number;
  sender: string;
  recipient: string | null;
  text: string;
  cid: string | null;
}

export class HeadlessRoom {
  private child: ChildProcess | null = null;
  /** 0 picks any free port; after a start, the port it got, which every restart binds again. */
  port = 0;
  /** The running process's id (the bench reads its CPU time); null when stopped. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** What the process wrote to stderr, for the failure message if it did not come up. */
  private stderr = '';

  constructor(
    private readonly entry: string,
    readonly dataDir: string,
    /** More flags for the host, such as --cluster (test/cluster/). */
    private readonly extraArgs: readonly string[] = [],
  ) {}

  async start(): Promise<void> {
    const args = [
      '--host',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--data',
      this.dataDir,
      ...this.extraArgs,
    ];
    const child = fork(this.entry, args, {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    const first = await new Promise<HostToParent | { type: 'exit'; code: number | null }>((resolve) => {
      child.once('message', (message) => resolve(message as HostToParent));
      child.once('exit', (code) => resolve({ type: 'exit', code }));
    });
    if (first.type !== 'ready') {
      throw new Error(`the room did not start: ${JSON.stringify(first)}\n${this.stderr}`);
    }
    this.port = first.port;
  }

  /** First start, on a port no outgoing connection can take while the room is down; tries another if busy. */
  async startOnQuietPort(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.port = quietPort();
      try {
        await this.start();
        return;
      } catch (error) {
        if (attempt === 10) throw error;
      }
    }
  }

  /** SIGKILL: no shutdown code runs, whatever SQLite was doing is cut off where it stood. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** The normal way out: the room says goodbye and closes its database. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ type: 'stop' });
    await exited;
  }
}

/**
 * `PRAGMA integrity_check` and every message row, through a read-only connection: it reads the file as the
 * last writer left it (WAL included) and never checkpoints or rewrites it.
 */
export function inspectDatabase(dataDir: string): { integrity: string; rows: StoredRow[] } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const rows = db
      .prepare<[], StoredRow>('SELECT id, sender, recipient, text, cid FROM messages ORDER BY id')
      .all();
    return { integrity, rows };
  } finally {
    db.close();
  }
}

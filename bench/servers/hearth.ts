// The Hearth server under test: a data directory prepared with bench accounts (and optionally a long room
// history), then bench/hearth-server.ts started as a separate, pinned Node process on it.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/server/store/sqlite-store';
import type { BenchServerCommand, BenchServerReply } from '../hearth-server';
import { setNiceness } from '../proc-stats';
import { BENCH_PASSWORD, benchUsername, seedAccounts } from '../seed';
import { freePort, spawnPinned, stopProcess, waitForPort } from './process';
import type { LoopDelay, RunningServer, ServerOptions } from './types';

const ENTRY = join(__dirname, '..', 'hearth-server.ts');

/** A data directory with `accounts` bench users, made once and copied for every server start. */
export class HearthTemplate {
  readonly dir = mkdtempSync(join(tmpdir(), 'hearth-bench-template-'));

  constructor(readonly accounts: number) {
    seedAccounts(this.dir, accounts);
  }

  copyTo(dataDir: string): void {
    mkdirSync(dataDir, { recursive: true });
    copyFileSync(join(this.dir, DATABASE_FILE), join(dataDir, DATABASE_FILE));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startHearth(
  template: HearthTemplate,
  options: ServerOptions,
  prepare?: (dataDir: string) => void,
): Promise<RunningServer & { dataDir: string; eventLoopDelay: () => Promise<LoopDelay> }> {
  if (options.maxClients > template.accounts) {
    throw new Error(`template has ${template.accounts} accounts, scenario needs ${options.maxClients}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-server-'));
  const dataDir = join(dir, 'data');
  template.copyTo(dataDir);
  prepare?.(dataDir);
  const port = await freePort();
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    ENTRY,
    String(port),
    dataDir,
    options.hearthSync ?? 'default',
  ];
  if (options.cpuProfileFile) args.push(options.cpuProfileFile);
  const env = {
    ...process.env,
    ...(options.files ? { HEARTH_BENCH_FILES: '1' } : {}),
    ...(options.tls ? { HEARTH_BENCH_TLS: '1' } : {}),
  };
  const child = spawnPinned(process.execPath, args, join(dir, 'server.log'), options.core, {
    ipc: true,
    env,
  });
  /** Resolves with the server's reply once it has done what it was asked. */
  const ask = (command: BenchServerCommand) =>
    new Promise<BenchServerReply>((resolve) => {
      const onReply = (reply: BenchServerReply) => {
        if (reply.done !== command.type) return;
        child.off('message', onReply);
        resolve(reply);
      };
      child.on('message', onReply);
      child.send(command);
    });
  try {
    await waitForPort(port, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`hearth server did not start (log in ${dir}): ${(error as Error).message}`);
  }
  setNiceness(child.pid as number, options.nice ?? 0);
  return {
    name: 'hearth',
    label: 'Hearth (Node 20)',
    kind: 'hearth',
    port,
    tls: options.files === true || options.tls === true,
    pid: child.pid as number,
    dataDir,
    clients: (from, count) =>
      Array.from({ length: count }, (_, i) => ({
        id: from + i,
        name: benchUsername(from + i),
        password: BENCH_PASSWORD,
      })),
    profile: async () => {
      await ask({ type: 'profile' });
    },
    collectGarbage: async () => (await ask({ type: 'gc' })).heapUsed ?? 0,
    eventLoopDelay: async () => (await ask({ type: 'loop' })).loopDelayMs ?? { p50: 0, p99: 0, max: 0 },
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Starting and stopping a server process: pinned to its core with taskset when available, output kept in a
// log file for when it fails, and a stop that waits for the exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { hasTaskset } from '../proc-stats';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Servers still running, stopped if the benchmark itself is stopped (they do not share its session). */
const running = new Set<ChildProcess>();
const stopAll = () => {
  for (const child of running) child.kill('SIGKILL');
};
process.once('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/**
 * Spawns command; with a core and taskset, via `taskset -c core`, which execs, so the pid stays the server's.
 * In a session of its own, so that its niceness can reach its autogroup (see setNiceness).
 */
export function spawnPinned(
  command: string,
  args: string[],
  logFile: string,
  core: number | undefined,
  extra: { ipc?: boolean; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  const log = openSync(logFile, 'a');
  const pinned = core !== undefined && hasTaskset();
  const stdio: ('ignore' | 'ipc' | number)[] = ['ignore', log, log];
  if (extra.ipc) stdio.push('ipc');
  const child = spawn(pinned ? 'taskset' : command, pinned ? ['-c', String(core), command, ...args] : args, {
    stdio,
    env: extra.env ?? process.env,
    detached: true,
  });
  closeSync(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

/** Resolves once something accepts TCP connections on port, or rejects after timeoutMs. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

// The Hearth server as the benchmark runs it: its own process (so /proc shows its CPU and memory alone),
// loopback only, plaintext (tls: false), persistence on (SQLite in the server's default synchronous mode
// unless the run picks one), with the limits a benchmark would trip lifted: no per-connection request rate
// limit (senders send hundreds of messages a second) and no idle timeout. The slow-consumer bound
// (maxOutboundBytes) stays at its default.
// Over its IPC channel the coordinator can ask how late its event loop ran since it last asked, ask for a full garbage collection (so idle-memory figures are not
// login garbage V8 has not collected yet) and, with a profile file, start the V8 CPU profiler; stopping then
// writes the profile, which so covers the steady state the coordinator chose, not start-up and logins.
// With HEARTH_BENCH_TLS=1 (`npm run bench -- --tls`) the room speaks TLS with its own self-signed certificate.
// With HEARTH_BENCH_FILES=1 (the files scenario), the room speaks TLS, as a real one does, since the scenario
// measures file transfers over TLS against a plain TLS copy; and the file limits are lifted so one account
// can upload a 1 GiB file several times in a run.
// usage: node --expose-gc --import tsx bench/hearth-server.ts <port> <dataDir> <default|full|normal> [profileFile]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createChatServer } from '../src-main/server/server';
import type { LoopDelay } from './servers/types';

const [portArg, dataDir, sync, profileFile] = process.argv.slice(2);
if (!portArg || !dataDir || (sync !== 'default' && sync !== 'full' && sync !== 'normal')) {
  console.error('usage: hearth-server.ts <port> <dataDir> <default|full|normal> [profileFile]');
  process.exit(2);
}

const GIB = 1024 ** 3;
const files = process.env.HEARTH_BENCH_FILES === '1';
const tls = files || process.env.HEARTH_BENCH_TLS === '1';

const server = createChatServer({
  host: '127.0.0.1',
  port: Number(portArg),
  dataDir,
  allowGuests: false,
  // Plaintext unless the run asks for TLS (`--tls`, the shipped path) or measures files (always TLS).
  tls,
  ...(files ? { maxFileBytes: 2 * GIB, fileQuotaBytes: 64 * GIB, fileBudgetBytes: 64 * GIB } : {}),
  requestRate: 0,
  // Every simulated client logs in from 127.0.0.1 at once; logins in flight count toward the per-address
  // throttle, which the benchmark is not measuring.
  loginFreeFailuresPerAddress: 1_000_000,
  idleTimeoutMs: 24 * 3600_000,
  closeGraceMs: 100,
  ...(sync === 'default' ? {} : { synchronous: sync }),
});

let profiler: Session | undefined;

export type BenchServerCommand = { type: 'gc' } | { type: 'profile' } | { type: 'loop' };

/**
 * How late the server's event loop ran, sampled every 10 ms since the previous `loop` command (the files
 * scenario asks before and after a transfer): the room-side part of a chat message's latency.
 */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

export interface BenchServerReply {
  done: BenchServerCommand['type'];
  heapUsed?: number;
  loopDelayMs?: LoopDelay;
}

function loopDelayMs(): LoopDelay {
  const ms = (ns: number) => ns / 1e6;
  const figures = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    max: ms(loopDelay.max),
  };
  loopDelay.reset();
  return figures;
}

async function startProfiler(): Promise<void> {
  if (profiler || !profileFile) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

process.on('message', (command: BenchServerCommand) => {
  if (command.type === 'loop') {
    process.send?.({ done: command.type, loopDelayMs: loopDelayMs() });
    return;
  }
  const done = command.type === 'gc' ? Promise.resolve(globalThis.gc?.()) : startProfiler();
  void done.then(() => process.send?.({ done: command.type, heapUsed: process.memoryUsage().heapUsed }));
});

async function writeProfile(): Promise<void> {
  if (!profiler || !profileFile) return;
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  writeProfile()
    .then(() => server.close())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// It runs in a session of its own (see bench/servers/process.ts): when the benchmark goes, so does it.
process.on('disconnect', stop);

server.listen().catch((error: Error) => {
  console.error(`hearth bench server failed to start: ${error.message}`);
  process.exit(1);
});

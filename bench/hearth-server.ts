// The Hearth server as the benchmark runs it: its own process (so /proc shows its CPU and memory alone),
// loopback only, persistence as shipped (SQLite, synchronous=FULL unless the run says otherwise), with the
// limits a benchmark would trip lifted: no per-connection request rate limit (senders send hundreds of
// messages a second) and no idle timeout. The slow-consumer bound (maxOutboundBytes) stays at its default.
// With a profile file, SIGUSR2 starts the V8 CPU profiler and stopping writes the profile there, so the
// profile covers the steady state the coordinator chose, not start-up and logins.
// usage: node --import tsx bench/hearth-server.ts <port> <dataDir> <full|normal> [profileFile]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createChatServer } from '../src-main/server/server';

const [portArg, dataDir, sync, profileFile] = process.argv.slice(2);
if (!portArg || !dataDir || (sync !== 'full' && sync !== 'normal')) {
  console.error('usage: hearth-server.ts <port> <dataDir> <full|normal> [profileFile]');
  process.exit(2);
}

const server = createChatServer({
  host: '127.0.0.1',
  port: Number(portArg),
  dataDir,
  allowGuests: false,
  requestRate: 0,
  idleTimeoutMs: 24 * 3600_000,
  closeGraceMs: 100,
  synchronous: sync,
});

let profiler: Session | undefined;

if (profileFile) {
  process.on('SIGUSR2', () => {
    if (profiler) return;
    profiler = new Session();
    profiler.connect();
    void profiler.post('Profiler.enable').then(() => profiler?.post('Profiler.start'));
  });
}

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

server.listen().catch((error: Error) => {
  console.error(`hearth bench server failed to start: ${error.message}`);
  process.exit(1);
});

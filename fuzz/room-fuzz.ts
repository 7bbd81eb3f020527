// `npx tsx fuzz/room-fuzz.ts --frames 1000000 --seed 7`: the room → client live fuzz run, with its report.
import { DEFAULT_ROOM_FUZZ, runRoomFuzz } from './run-room-fuzz';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

async function main(): Promise<void> {
  const report = await runRoomFuzz({
    ...DEFAULT_ROOM_FUZZ,
    frames: flag('frames', DEFAULT_ROOM_FUZZ.frames),
    seed: flag('seed', DEFAULT_ROOM_FUZZ.seed),
    progress: (line) => console.log(line),
  });
  const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
  console.log(JSON.stringify({ ...report, rss: undefined }));
  console.log(
    `RSS MiB start ${mib(report.rss.startBytes)}, quarters ${report.rss.quartersBytes.map(mib).join(' / ')}, peak ${mib(report.rss.peakBytes)}, end ${mib(report.rss.endBytes)}`,
  );
  process.exitCode = report.problems.length === 0 ? 0 : 1;
}

void main();

// `npm run fuzz [-- --frames N --connections N --seed N]`: the live fuzz run, printed as figures.
// Exits non-zero when the server broke any promise (see run-live-fuzz.ts for the list).
import { parseArgs } from 'node:util';
import { formatReport } from './format-report';
import { DEFAULT_LIVE_FUZZ, runLiveFuzz } from './run-live-fuzz';

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const options = {
    ...DEFAULT_LIVE_FUZZ,
    frames: positiveInteger('frames', values.frames, DEFAULT_LIVE_FUZZ.frames),
    connections: positiveInteger('connections', values.connections, DEFAULT_LIVE_FUZZ.connections),
    seed: positiveInteger('seed', values.seed, DEFAULT_LIVE_FUZZ.seed),
    progress: (line: string) => console.log(`  ${line}`),
  };
  console.log(
    `live fuzz: ${options.frames} frames over ${options.connections} connections, seed ${options.seed}, ` +
      `${new Date().toISOString()}`,
  );
  const report = await runLiveFuzz(options);
  console.log(formatReport(report));
  process.exitCode = report.problems.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

// Scenarios that run on their own rather than in runBench's server-by-server loop: each starts what it
// measures itself. `npm run bench -- --only=startup [its flags]` (bench/startup.ts), `--only=renderer`
// (bench/renderer-room.ts); `npm run bench -- --cluster` (bench/cluster.ts).
import { clusterCli } from './cluster';
import { rendererCli } from './renderer-room';
import { startupCli } from './startup';

const STANDALONE: Record<string, (argv: string[]) => Promise<void>> = {
  startup: startupCli,
  renderer: rendererCli,
};

/** The runner for `--only=<one standalone scenario>`, given the other flags; null for any other run. */
export function standaloneScenario(argv: string[]): (() => Promise<void>) | null {
  if (argv.includes('--cluster')) return clusterCli;
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const run = only === undefined ? undefined : STANDALONE[only];
  if (!run) return null;
  return () => run(argv.filter((arg) => !arg.startsWith('--only=')));
}

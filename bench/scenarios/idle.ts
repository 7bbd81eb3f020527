// Scenario 4: C logged-in connections in the room doing nothing; what each one costs the server in memory,
// and proof that none was dropped (a message afterwards reaches every one of them). Connections are added in
// stages; when the next stage is projected to overrun the time budget, the run stops at the last stage that
// fit and says so. The projection follows the growth measured between the last two stages (a room that
// announces every join to everyone is O(C²) to fill), or assumes quadratic growth after the first.
import type { LoadGenerator } from '../generator';
import { cpuTimeUs, rssKiB } from '../proc-stats';
import type { RunningServer } from '../servers/types';

export interface IdleStage {
  connections: number;
  /** Wall time to log in all of them, from the first stage's start. */
  connectSeconds: number;
  serverCpuSeconds: number;
  rssKiB: number;
  perConnectionKiB: number;
  /** For a garbage-collected server: growth of its heap in use after a full GC, per connection. */
  heapPerConnectionKiB?: number;
}

export interface IdleResult {
  target: number;
  stages: IdleStage[];
  /** Why the run stopped below the target, if it did. */
  stoppedBecause?: string;
  connected: number;
  failed: number;
  firstError?: string;
  rssBeforeKiB: number;
  /** Connections that missed the liveness message, were closed by the server, or could not log in. */
  dropped: number;
}

function idleStages(target: number): number[] {
  return [...new Set([1000, 2500, 5000, target].filter((n) => n <= target))].sort((a, b) => a - b);
}

/** How login time grew with C between the last two stages; 2 (quadratic) when there is only one. */
function growthExponent(stages: IdleStage[]): number {
  const [a, b] = stages.slice(-2);
  if (!a || !b || b.connections <= a.connections || a.connectSeconds <= 0) return 2;
  return Math.max(1, Math.log(b.connectSeconds / a.connectSeconds) / Math.log(b.connections / a.connections));
}

export async function runIdle(
  generator: LoadGenerator,
  server: RunningServer,
  target: number,
  budgetSeconds: number,
  /** Pause after each stage before reading RSS, so login garbage can be collected. */
  settleMs: number,
): Promise<IdleResult> {
  const heapBefore = await server.collectGarbage?.();
  const rssBeforeKiB = rssKiB(server.pid);
  const cpuBefore = cpuTimeUs(server.pid);
  const started = Date.now();
  const stages: IdleStage[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let stoppedBecause: string | undefined;
  for (const size of idleStages(target)) {
    const last = stages.at(-1);
    if (last) {
      const exponent = growthExponent(stages);
      const projected = last.connectSeconds * (size / last.connections) ** exponent;
      if (projected > budgetSeconds) {
        stoppedBecause = `${size.toLocaleString('en-US')} connections projected to take ${projected.toFixed(0)} s to log in (time ∝ C^${exponent.toFixed(2)} from ${last.connections.toLocaleString('en-US')} in ${last.connectSeconds.toFixed(1)} s), over the ${budgetSeconds} s budget`;
        break;
      }
    }
    const from = last?.connections ?? 0;
    const result = await generator.connect(server, server.clients(from, size - from));
    failed += result.failed;
    firstError ??= result.firstError;
    const connectSeconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, settleMs));
    const heap = await server.collectGarbage?.();
    const rss = rssKiB(server.pid);
    stages.push({
      connections: generator.connected,
      connectSeconds,
      serverCpuSeconds: (cpuTimeUs(server.pid) - cpuBefore) / 1e6,
      rssKiB: rss,
      perConnectionKiB: generator.connected > 0 ? (rss - rssBeforeKiB) / generator.connected : 0,
      heapPerConnectionKiB:
        heap !== undefined && heapBefore !== undefined && generator.connected > 0
          ? (heap - heapBefore) / 1024 / generator.connected
          : undefined,
    });
    if (result.failed > 0) {
      stoppedBecause = `${result.failed} connections failed to log in: ${result.firstError}`;
      break;
    }
  }
  // One message from one client must reach every other idle connection.
  const check = await generator.measure([0], 2, 1000, server.pid);
  const missing = check.sent > 0 ? Math.ceil(check.lost / check.sent) : generator.connected;
  return {
    target,
    stages,
    stoppedBecause,
    connected: generator.connected,
    failed,
    firstError,
    rssBeforeKiB,
    dropped: Math.max(missing, check.closed) + failed,
  };
}

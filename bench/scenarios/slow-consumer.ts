// Scenario 6: past saturation for some clients. A busy room where a few clients stop reading (a frozen
// laptop, a stalled link) while the rest keep up: the server's memory must stay bounded, the stalled clients
// must be the ones dropped, and the honest clients must be served as before the stall.
import type { LoadGenerator, Measurement } from '../generator';
import { rssKiB } from '../proc-stats';
import type { RunningServer } from '../servers/types';
import { joinRoom } from './fanout';

export interface SlowConsumerPlan {
  clients: number;
  /** The last `stalled` clients stop reading; the senders are the first `senders`, so they keep reading. */
  stalled: number;
  senders: number;
  ratePerSender: number;
  /** Everyone reading, for comparison. */
  baselineMs: number;
  /** With the stalled clients not reading. */
  durationMs: number;
}

export interface SlowConsumerResult {
  plan: SlowConsumerPlan;
  baseline: Measurement;
  stalledRun: Measurement;
  rssBeforeKiB: number;
  /** Highest server RSS sampled (every 100 ms) while the stalled clients were not reading. */
  rssPeakKiB: number;
  rssAfterKiB: number;
}

/** How often a stalled client writes its probe, which bounds how late a drop is noticed. */
const PROBE_EVERY_MS = 100;
const RSS_SAMPLE_MS = 100;

export async function runSlowConsumer(
  generator: LoadGenerator,
  server: RunningServer,
  plan: SlowConsumerPlan,
): Promise<SlowConsumerResult> {
  if (plan.stalled + plan.senders > plan.clients) throw new Error('stalled clients and senders overlap');
  const ids = await joinRoom(generator, server, plan.clients);
  const senders = ids.slice(0, plan.senders);
  const stalled = ids.slice(ids.length - plan.stalled);
  // Unmeasured first, as in the fan-out scenarios, so the baseline is not the server's warm-up.
  await generator.measure(senders, plan.ratePerSender, plan.baselineMs / 2, server.pid);
  const baseline = await generator.measure(senders, plan.ratePerSender, plan.baselineMs, server.pid);
  const rssBeforeKiB = rssKiB(server.pid);
  let rssPeakKiB = rssBeforeKiB;
  const sampler = setInterval(() => {
    rssPeakKiB = Math.max(rssPeakKiB, rssKiB(server.pid));
  }, RSS_SAMPLE_MS);
  try {
    await generator.stall(stalled, PROBE_EVERY_MS);
    const stalledRun = await generator.measure(
      senders,
      plan.ratePerSender,
      plan.durationMs,
      server.pid,
      plan.stalled,
    );
    const rssAfterKiB = rssKiB(server.pid);
    return {
      plan,
      baseline,
      stalledRun,
      rssBeforeKiB,
      rssPeakKiB: Math.max(rssPeakKiB, rssAfterKiB),
      rssAfterKiB,
    };
  } finally {
    clearInterval(sampler);
  }
}

// Scenario 7: offered load above capacity. 200 clients, 20 senders at a rate past saturation: the room must
// slow its senders (stop reading them) rather than drop the clients that read, keep its memory bounded, and
// be back to normal latency soon after the load stops.
import type { LoadGenerator, Measurement } from '../generator';
import { rssKiB } from '../proc-stats';
import type { RunningServer } from '../servers/types';
import { joinRoom } from './fanout';

export interface OverloadPlan {
  clients: number;
  senders: number;
  ratePerSender: number;
  durationMs: number;
  /** The light load measured right after, to see the latency come back. */
  afterRatePerSender: number;
  afterMs: number;
}

export interface OverloadResult {
  plan: OverloadPlan;
  overloaded: Measurement;
  after: Measurement;
  rssBeforeKiB: number;
  rssPeakKiB: number;
}

const RSS_SAMPLE_MS = 100;

export async function runOverload(
  generator: LoadGenerator,
  server: RunningServer,
  plan: OverloadPlan,
): Promise<OverloadResult> {
  const ids = await joinRoom(generator, server, plan.clients);
  const senders = ids.slice(0, plan.senders);
  const rssBeforeKiB = rssKiB(server.pid);
  let rssPeakKiB = rssBeforeKiB;
  const sampler = setInterval(() => {
    rssPeakKiB = Math.max(rssPeakKiB, rssKiB(server.pid));
  }, RSS_SAMPLE_MS);
  try {
    const overloaded = await generator.measure(senders, plan.ratePerSender, plan.durationMs, server.pid);
    const after = await generator.measure(senders, plan.afterRatePerSender, plan.afterMs, server.pid);
    return { plan, overloaded, after, rssBeforeKiB, rssPeakKiB };
  } finally {
    clearInterval(sampler);
  }
}

/** One line for the log: disconnects, losses, memory and latency under the overload and after it. */
export function describeOverload(name: string, r: OverloadResult): string {
  const ms = (m: Measurement, q: number) => (m.latency.quantile(q) / 1000).toFixed(1);
  const o = r.overloaded;
  return `  ${name} ${r.plan.senders} × ${r.plan.ratePerSender} msg/s offered: sent ${o.sent}, refused ${o.refused}, ${Math.round(o.deliveriesPerS)} deliveries/s, closed ${o.closed}, lost ${o.lost} of ${o.expected}, p50 ${ms(o, 0.5)} p99 ${ms(o, 0.99)} ms; worked off ${(o.drainMs / 1000).toFixed(1)} s after the stop; server ${o.serverCores.toFixed(2)} cores, generator ${o.generatorCores.toFixed(2)}; server RSS ${Math.round(r.rssBeforeKiB / 1024)} → peak ${Math.round(r.rssPeakKiB / 1024)} MiB; after, at ${r.plan.afterRatePerSender} msg/s: p50 ${ms(r.after, 0.5)} p99 ${ms(r.after, 0.99)} ms, closed ${r.after.closed}, lost ${r.after.lost}`;
}

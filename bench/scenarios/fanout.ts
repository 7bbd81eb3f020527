// Scenarios 1 and 2: N clients in the room, S of them sending at a fixed total rate, every delivery timed.
import type { LoadGenerator, Measurement } from '../generator';
import type { RunningServer } from '../servers/types';

export interface FanoutPlan {
  clients: number;
  senders: number;
  totalRate: number;
  durationMs: number;
  warmupMs: number;
}

/** Logs the clients in; throws when any could not, since the scenario would measure a smaller room. */
export async function joinRoom(
  generator: LoadGenerator,
  server: RunningServer,
  clients: number,
): Promise<number[]> {
  const specs = server.clients(0, clients);
  const result = await generator.connect(server, specs);
  if (result.failed > 0) {
    throw new Error(
      `${result.failed} of ${clients} ${server.name} clients could not log in: ${result.firstError}`,
    );
  }
  return specs.map((s) => s.id);
}

export async function runFanout(
  generator: LoadGenerator,
  server: RunningServer,
  plan: FanoutPlan,
): Promise<Measurement> {
  const ids = await joinRoom(generator, server, plan.clients);
  const senders = ids.slice(0, plan.senders);
  const rate = plan.totalRate / plan.senders;
  // A short unmeasured run first, so both servers (and the JIT of the Node processes) start warm.
  if (plan.warmupMs > 0) await generator.measure(senders, rate, plan.warmupMs, server.pid);
  return generator.measure(senders, rate, plan.durationMs, server.pid);
}

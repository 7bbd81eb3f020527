// A load-generator worker process: holds a share of the benchmark's client connections, sends on schedule
// for its share of the senders, counts deliveries, and answers the coordinator's commands over IPC.
import type { BenchConnection } from './adapters/connection';
import { HearthConnection } from './adapters/hearth';
import { IrcConnection } from './adapters/irc';
import { Tally } from './adapters/tally';
import { nowUs } from './payload';
import type {
  ClientCount,
  ClientKind,
  ClientSpec,
  CollectResult,
  ConnectResult,
  ConnectTarget,
  SendResult,
  WorkerCommand,
  WorkerReply,
} from './worker-protocol';

const tally = new Tally();
const connections = new Map<number, BenchConnection>();
let windowStartCpu = process.cpuUsage();
let windowStartUs = nowUs();

function makeConnection(kind: ClientKind, spec: ClientSpec, attempt: number): BenchConnection {
  if (kind === 'hearth') return new HearthConnection(spec.id, spec.name, spec.password, tally, spec.room);
  // A retry takes a new nick: the server may still hold the first attempt's.
  return new IrcConnection(
    spec.id,
    attempt === 0 ? spec.name : `${spec.name}_${attempt}`,
    spec.password,
    tally,
    spec.room,
  );
}

/** One retry: a connection dropped from a full accept queue, or reset in a connection storm, is not a refusal. */
const ATTEMPTS = 2;

async function connectAll(
  { kind, port, tls }: ConnectTarget,
  clients: ClientSpec[],
  concurrency: number,
): Promise<ConnectResult> {
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  let cipher: string | undefined;
  const lane = async () => {
    while (next < clients.length) {
      const spec = clients[next++] as ClientSpec;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const connection = makeConnection(kind, spec, attempt);
        try {
          await connection.open(port, tls);
          connections.set(spec.id, connection);
          cipher = connection.cipher;
          break;
        } catch (error) {
          if (attempt === ATTEMPTS - 1) {
            failed++;
            firstError ??= (error as Error).message;
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { connected: connections.size, failed, firstError, cipher };
}

/**
 * Each sender sends `ratePerSender` messages a second, phase-shifted so the senders of a worker do not all
 * fire in the same millisecond. Messages due in one timer turn go out in one write per sender.
 */
function sendOnSchedule(senderIds: number[], ratePerSender: number, durationMs: number): Promise<SendResult> {
  const senders = senderIds.map((id) => connections.get(id)).filter((c): c is BenchConnection => !!c);
  const sentBy = new Array<number>(senders.length).fill(0);
  const phase = senders.map((_, i) => i / Math.max(1, senders.length));
  const start = nowUs();
  const end = start + durationMs * 1000;
  const perUs = ratePerSender / 1e6;
  let maxBehind = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = nowUs();
      const elapsed = Math.min(now, end) - start;
      for (let i = 0; i < senders.length; i++) {
        const due = Math.floor(elapsed * perUs + (phase[i] ?? 0));
        const n = due - (sentBy[i] ?? 0);
        if (n <= 0) continue;
        if (n > maxBehind) maxBehind = n;
        (senders[i] as BenchConnection).sendStamped(n, now);
        sentBy[i] = due;
      }
      if (now >= end) {
        const sent = sentBy.reduce((a, b) => a + b, 0);
        resolve({ sent, maxLagMs: ratePerSender > 0 ? ((maxBehind - 1) / ratePerSender) * 1000 : 0 });
      } else setTimeout(tick, 1);
    };
    tick();
  });
}

function collect(): CollectResult {
  tally.counting = false;
  const cpu = process.cpuUsage(windowStartCpu);
  return {
    received: tally.received,
    refused: tally.refused,
    histogram: tally.latency.toJSON(),
    errors: tally.errors,
    firstError: tally.firstError,
    closed: tally.closed,
    stalledDropAfterMs: tally.stalledDropAfterMs,
    cpuUs: cpu.user + cpu.system,
    wallUs: nowUs() - windowStartUs,
  };
}

async function handle(command: WorkerCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'connect':
      return connectAll(command.target, command.clients, command.concurrency);
    case 'count':
      tally.reset();
      for (const c of connections.values()) {
        c.received = 0;
        c.sent = 0;
      }
      tally.counting = true;
      windowStartCpu = process.cpuUsage();
      windowStartUs = nowUs();
      return { counting: true };
    case 'start':
      return sendOnSchedule(command.senders, command.ratePerSender, command.durationMs);
    case 'stall':
      for (const id of command.ids) connections.get(id)?.stall(command.probeEveryMs);
      return { stalled: command.ids.length };
    case 'poll':
      return { received: tally.received, refused: tally.refused };
    case 'collect':
      return collect();
    case 'counts':
      return [...connections.values()].map(
        (c): ClientCount => ({ id: c.id, received: c.received, sent: c.sent }),
      );
    case 'close':
      await Promise.all([...connections.values()].map((c) => c.close()));
      connections.clear();
      return { closed: true };
  }
}

process.on('message', (message: WorkerCommand & { id: number }) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, result } satisfies WorkerReply),
    (error: Error) => process.send?.({ id: message.id, error: error.message } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));

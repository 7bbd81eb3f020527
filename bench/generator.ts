// The coordinator's side of the load generator: forks the worker processes (pinned to the generator's core),
// spreads clients over them, runs a timed send, waits for the fan-out to drain, and merges what they counted.
import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Histogram } from './histogram';
import { cpuTimeUs, machineCpu, pinToCore, rssKiB, setNiceness } from './proc-stats';
import type {
  ClientCount,
  ClientSpec,
  CollectResult,
  ConnectResult,
  ConnectTarget,
  ProgressResult,
  SendResult,
  WorkerCommand,
  WorkerReply,
} from './worker-protocol';

const DRAIN_QUIET_MS = 1500;
const RSS_SAMPLE_MS = 100;
const DRAIN_MAX_MS = 15_000;

class WorkerHandle {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load worker exited (${code})`));
      this.pending.clear();
    });
  }

  call<T>(command: WorkerCommand): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...command, id });
    });
  }
}

export interface Measurement {
  durationS: number;
  senders: number;
  receivers: number;
  ratePerSender: number;
  sent: number;
  /** Of them, refused by the server (`rate_limited`): not expected anywhere. */
  refused: number;
  /** Deliveries of the sends the server took: one to every receiver but the sender. */
  expected: number;
  received: number;
  lost: number;
  deliveriesPerS: number;
  latency: Histogram;
  errors: number;
  firstError?: string;
  closed: number;
  /** Clients made to stop reading before this measurement (not counted as receivers). */
  stalled: number;
  /** For each stalled client the server dropped during the measurement: ms from its stall to the drop. */
  stalledDropAfterMs: number[];
  serverCpuUs: number;
  serverCpuUsPerDelivery: number;
  serverCores: number;
  serverRssKiB: number;
  /** The server's largest RSS during the send and the drain, sampled every RSS_SAMPLE_MS. */
  serverRssPeakKiB: number;
  generatorCores: number;
  generatorMaxLagMs: number;
  /** Cores' worth of CPU that processes other than the server and the generator's workers used meanwhile. */
  otherCores: number;
  /** Share of the machine's CPU time the hypervisor took (steal), in %. */
  stealPercent: number;
  /** The generator, not the server, was the limit: its core was (nearly) full or it fell behind its schedule. */
  generatorLimited: boolean;
  /** From the end of the sending until the last delivery arrived (or the wait gave up), in ms. */
  drainMs: number;
}

export class LoadGenerator {
  private readonly placement = new Map<number, WorkerHandle>();
  private connectedCount = 0;
  /** Over TLS: what the clients and the server last agreed on (protocol and cipher), for the report. */
  cipher: string | undefined;

  private readonly cores = cpus().length;

  private constructor(private readonly workers: WorkerHandle[]) {}

  static async start(count: number, core: number | undefined, nice: number): Promise<LoadGenerator> {
    const entry = join(__dirname, 'worker.ts');
    const workers = Array.from({ length: count }, () => {
      const child = fork(entry, [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Its own session, so its niceness reaches its autogroup (setNiceness); it exits when the IPC closes.
        detached: true,
      });
      if (core !== undefined && child.pid) pinToCore(child.pid, core);
      return new WorkerHandle(child);
    });
    // Threads appear as a worker starts up, so niceness is set once they all answer.
    await Promise.all(workers.map((w) => w.call({ cmd: 'poll' })));
    for (const w of workers) if (w.child.pid) setNiceness(w.child.pid, nice);
    return new LoadGenerator(workers);
  }

  get connected(): number {
    return this.connectedCount;
  }

  /** Logs the clients in, spread round-robin over the workers, a bounded number in flight per worker. */
  async connect(target: ConnectTarget, clients: ClientSpec[], concurrency = 64): Promise<ConnectResult> {
    const shares = this.workers.map(() => [] as ClientSpec[]);
    clients.forEach((spec, i) => {
      const w = i % this.workers.length;
      shares[w]?.push(spec);
      this.placement.set(spec.id, this.workers[w] as WorkerHandle);
    });
    const results = await Promise.all(
      this.workers.map((w, i) =>
        w.call<ConnectResult>({ cmd: 'connect', target, clients: shares[i] ?? [], concurrency }),
      ),
    );
    this.connectedCount = results.reduce((a, r) => a + r.connected, 0);
    this.cipher = results.find((r) => r.cipher)?.cipher ?? this.cipher;
    return {
      connected: this.connectedCount,
      failed: results.reduce((a, r) => a + r.failed, 0),
      firstError: results.find((r) => r.firstError)?.firstError,
      cipher: results.find((r) => r.cipher)?.cipher,
    };
  }

  /** These clients stop reading (slow consumers), each writing a small probe every probeEveryMs. */
  async stall(ids: number[], probeEveryMs: number): Promise<void> {
    await Promise.all(
      this.workers.map((w) =>
        w.call({ cmd: 'stall', ids: ids.filter((id) => this.placement.get(id) === w), probeEveryMs }),
      ),
    );
  }

  /**
   * Senders send for durationMs; then waits until every expected delivery arrived or deliveries stop coming.
   * `stalled` clients (see stall()) are not expected to receive anything. `audience`: how many clients hear
   * each message, its sender included (every receiver, unless the senders' rooms are smaller).
   */
  async measure(
    senderIds: number[],
    ratePerSender: number,
    durationMs: number,
    serverPid: number,
    stalled = 0,
    audience?: number,
  ): Promise<Measurement> {
    const receivers = this.connectedCount - stalled;
    const cpuBefore = cpuTimeUs(serverPid);
    const machineBefore = machineCpu();
    const started = process.hrtime.bigint();
    let serverRssPeakKiB = rssKiB(serverPid);
    const sampler = setInterval(() => {
      serverRssPeakKiB = Math.max(serverRssPeakKiB, rssKiB(serverPid));
    }, RSS_SAMPLE_MS);
    // Every worker counts before any sends: a worker told to start while another was still being told to
    // count missed the first deliveries to its clients (100 of 200 clients × a few messages: "lost" 300).
    await Promise.all(this.workers.map((w) => w.call({ cmd: 'count' })));
    const sends = await Promise.all(
      this.workers.map((w) =>
        w.call<SendResult>({
          cmd: 'start',
          senders: senderIds.filter((id) => this.placement.get(id) === w),
          ratePerSender,
          durationMs,
        }),
      ),
    );
    const sent = sends.reduce((a, s) => a + s.sent, 0);
    const expectedOf = (refused: number) => (sent - refused) * ((audience ?? receivers) - 1);
    const drainMs = await this.drain(expectedOf).finally(() => clearInterval(sampler));
    const collected = await Promise.all(this.workers.map((w) => w.call<CollectResult>({ cmd: 'collect' })));
    const refused = collected.reduce((a, c) => a + c.refused, 0);
    const expected = expectedOf(refused);
    const serverCpuUs = cpuTimeUs(serverPid) - cpuBefore;
    const machineAfter = machineCpu();
    const wallUs = Number(process.hrtime.bigint() - started) / 1000;
    const generatorCpuUs = collected.reduce((a, c) => a + c.cpuUs, 0);
    const machineBusyUs = machineAfter.busyUs - machineBefore.busyUs;
    const cores = Math.max(1, this.cores);
    const latency = new Histogram();
    for (const c of collected) latency.merge(c.histogram);
    const received = collected.reduce((a, c) => a + c.received, 0);
    const generatorCores = collected.reduce((a, c) => a + c.cpuUs / c.wallUs, 0);
    const generatorMaxLagMs = Math.max(...sends.map((s) => s.maxLagMs));
    return {
      durationS: durationMs / 1000,
      senders: senderIds.length,
      receivers,
      ratePerSender,
      sent,
      refused,
      expected,
      received,
      lost: Math.max(0, expected - received),
      deliveriesPerS: received / (durationMs / 1000),
      latency,
      errors: collected.reduce((a, c) => a + c.errors, 0),
      firstError: collected.find((c) => c.firstError)?.firstError,
      closed: collected.reduce((a, c) => a + c.closed, 0),
      stalled,
      stalledDropAfterMs: collected.flatMap((c) => c.stalledDropAfterMs).sort((a, b) => a - b),
      serverCpuUs,
      serverCpuUsPerDelivery: received > 0 ? serverCpuUs / received : 0,
      serverCores: serverCpuUs / wallUs,
      serverRssKiB: rssKiB(serverPid),
      serverRssPeakKiB,
      generatorCores,
      generatorMaxLagMs,
      otherCores: Math.max(0, machineBusyUs - serverCpuUs - generatorCpuUs) / wallUs,
      stealPercent: ((machineAfter.stealUs - machineBefore.stealUs) / (wallUs * cores)) * 100,
      generatorLimited: generatorCores >= 0.9 || generatorMaxLagMs > 100,
      drainMs,
    };
  }

  /** Waits for the deliveries still on their way; returns how long after the start the last one came. */
  private async drain(expectedOf: (refused: number) => number): Promise<number> {
    const start = Date.now();
    let last = -1;
    let lastChange = Date.now();
    while (Date.now() - start < DRAIN_MAX_MS) {
      const progress = await Promise.all(this.workers.map((w) => w.call<ProgressResult>({ cmd: 'poll' })));
      const received = progress.reduce((a, p) => a + p.received, 0);
      const expected = expectedOf(progress.reduce((a, p) => a + p.refused, 0));
      if (received >= expected) return Date.now() - start;
      if (received !== last) {
        last = received;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > DRAIN_QUIET_MS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return lastChange - start;
  }

  /** Each client's deliveries and sends in the last measurement. */
  async clientCounts(): Promise<ClientCount[]> {
    const counts = await Promise.all(this.workers.map((w) => w.call<ClientCount[]>({ cmd: 'counts' })));
    return counts.flat();
  }

  async disconnectAll(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ cmd: 'close' })));
    this.placement.clear();
    this.connectedCount = 0;
  }

  async stop(): Promise<void> {
    await this.disconnectAll().catch(() => undefined);
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null) return resolve();
            w.child.once('exit', () => resolve());
            w.child.disconnect();
            setTimeout(() => w.child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
  }
}

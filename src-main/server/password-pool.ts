// A bounded pool of password-hashing threads. bcrypt takes tens of milliseconds of CPU per password; on the
// room's event loop 30 concurrent registrations held every honest ping for seconds. Here the hashing runs on
// at most `threads` worker threads, jobs wait in a queue of at most `maxQueued`, and a job beyond that is
// answered `busy` at once instead of growing the queue (and the wait) without bound.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Failure, fail, ok, type Success } from '../../src-shared/result';
import type { PasswordJob, PasswordJobResult } from './password-jobs';

/** The one way a job is refused: every thread taken and the queue full (docs/protocol.md § Errors). */
export type Busy = Failure & { code: 'busy' };
export type PoolAnswer<T> = Success<T> | Busy;

interface Queued {
  id: number;
  job: PasswordJob;
  resolve(result: PoolAnswer<string | boolean>): void;
  reject(error: Error): void;
}

/**
 * The worker: the bundled `.js` beside this module in the built app (scripts/build-main.mjs builds it as its
 * own entry), else the `.ts` source (tests, `npm run server`). A worker thread does not get the main thread's
 * tsx loader, so the source is started by a line of CommonJS that registers tsx's loader first.
 */
function startWorker(): Worker {
  const compiled = join(__dirname, 'password-worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  const source = join(__dirname, 'password-worker.ts');
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`;
  return new Worker(boot, { eval: true });
}

export class PasswordPool {
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Queued>();
  private readonly queue: Queued[] = [];
  private threads = 0;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly maxThreads: number,
    private readonly maxQueued: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Run a job on a thread; `busy` when every thread is taken and the queue is full. */
  run(job: PasswordJob): Promise<PoolAnswer<string | boolean>> {
    if (this.closed) return Promise.reject(new Error('the password pool is closed'));
    const free = this.idle.length > 0 || this.threads < this.maxThreads;
    if (!free && this.queue.length >= this.maxQueued) {
      const busy = fail('busy', 'the room is busy checking passwords: try again in a moment') as Busy;
      return Promise.resolve(busy);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  /** Jobs waiting for a thread (not counting those running). */
  get queued(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('the room is closing'));
    const workers = [...this.idle, ...this.running.keys()];
    this.idle.length = 0;
    // Idle threads are unref'd, and ending one is not work the event loop waits for: a caller awaiting
    // close() with nothing else open (a test restarting its room) saw the loop end under it. A timer holds
    // the process until every thread has exited.
    const hold = setInterval(() => {}, 1000);
    try {
      await Promise.all(workers.map((w) => w.terminate()));
    } finally {
      clearInterval(hold);
    }
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.threads < this.maxThreads ? this.spawn() : null);
      if (!worker) return;
      const next = this.queue.shift() as Queued;
      this.running.set(worker, next);
      worker.ref();
      worker.postMessage({ id: next.id, job: next.job });
    }
  }

  private spawn(): Worker {
    const worker = startWorker();
    this.threads++;
    worker.on('message', (result: PasswordJobResult) => this.done(worker, result));
    worker.on('error', (error) => this.log(`password thread failed: ${error.message}`));
    worker.on('exit', () => this.exited(worker));
    return worker;
  }

  private done(worker: Worker, result: PasswordJobResult): void {
    const job = this.running.get(worker);
    this.running.delete(worker);
    // An idle thread must not keep the process alive; a running one holds it until its job is answered.
    worker.unref();
    if (this.closed) return;
    this.idle.push(worker);
    if (job) {
      if (result.ok) job.resolve(ok(result.value));
      else job.reject(new Error(result.message));
    }
    this.pump();
  }

  /** A thread died (crash, or close): its job fails as a server error and a new thread takes the queue. */
  private exited(worker: Worker): void {
    this.threads--;
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const job = this.running.get(worker);
    this.running.delete(worker);
    job?.reject(new Error('the password thread stopped'));
    if (!this.closed) this.pump();
  }
}

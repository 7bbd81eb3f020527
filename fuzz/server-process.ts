// Runs the chat server under fuzz in its own process, so that a crash is seen as a crash (not as a thrown
// error in the fuzzer) and its memory can be read from /proc without the fuzzer's own allocations in it.
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { Endpoint } from './dial';
import type { ChildToFuzzer, FuzzerToChild } from './server-child-messages';

const READY_TIMEOUT_MS = 30_000;
/** How long a hung server may take to answer (heap figure) or to stop before it is killed. */
const ANSWER_TIMEOUT_MS = 15_000;
const STDERR_KEPT_CHARS = 8000;

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface FuzzedServer {
  pid: number;
  /** The default port: TLS, certificate pinned. */
  tls: Endpoint;
  /** The plaintext port for classic KTN clients (nickname logins only). */
  classic: Endpoint;
  maxFrameBytes: number;
  /** Set once the process has exited, for whatever reason. */
  exit: ServerExit | undefined;
  /** What the process wrote to stderr, last part only: the stack trace if it crashed. */
  stderrTail(): string;
  /** Heap in use right after a full garbage collection: growth here is a leak, not just a lazy GC. */
  heapAfterGc(): Promise<number>;
  /** Asks the server to close cleanly and waits for the process to end; kills it if it does not. */
  stop(): Promise<ServerExit>;
}

export function startFuzzedServer(dataDir: string): Promise<FuzzedServer> {
  const child: ChildProcess = fork(join(__dirname, 'server-child.ts'), [dataDir], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT_CHARS);
  });
  const send = (message: FuzzerToChild) => child.send(message);
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${READY_TIMEOUT_MS} ms: ${stderr}`));
    }, READY_TIMEOUT_MS);
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready (${code ?? signal}): ${stderr}`));
    };
    child.once('exit', exitedEarly);
    child.once('message', (first: ChildToFuzzer) => {
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      if (first.type !== 'ready' || child.pid === undefined) {
        reject(new Error(`unexpected first message from the server process: ${JSON.stringify(first)}`));
        return;
      }
      const server: FuzzedServer = {
        pid: child.pid,
        tls: { port: first.port, fingerprint: first.fingerprint },
        classic: { port: first.classicPort, fingerprint: null },
        maxFrameBytes: first.maxFrameBytes,
        exit: undefined,
        stderrTail: () => stderr,
        heapAfterGc: () =>
          new Promise((resolveHeap, rejectHeap) => {
            if (server.exit) return rejectHeap(new Error('the server process is gone'));
            const timer = setTimeout(
              () => rejectHeap(new Error('no heap figure from the server')),
              ANSWER_TIMEOUT_MS,
            );
            child.once('message', (answer: ChildToFuzzer) => {
              clearTimeout(timer);
              if (answer.type === 'heap') resolveHeap(answer.heapUsedBytes);
              else rejectHeap(new Error(`expected a heap figure, got ${JSON.stringify(answer)}`));
            });
            send({ type: 'measure_heap' });
          }),
        stop: () => {
          if (!server.exit) {
            send({ type: 'stop' });
            const timer = setTimeout(() => child.kill('SIGKILL'), ANSWER_TIMEOUT_MS);
            void exited.then(() => clearTimeout(timer));
          }
          return exited;
        },
      };
      void exited.then((exit) => {
        server.exit = exit;
      });
      resolve(server);
    });
  });
}

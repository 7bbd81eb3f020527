// The chat half of the files scenario: room messages between two accounts timed on an idle room, then while a
// third account uploads a big file from its own process (bench/upload-process.ts, another client), with the
// room's own event-loop lateness and the rest of the machine's load for each phase.
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Probe, type ProbeResponse } from '../adapters/probe';
import { cpuTimeUs, machineCpu, setNiceness } from '../proc-stats';
import { BENCH_PASSWORD, benchUsername } from '../seed';
import { stopProcess } from '../servers/process';
import type { LoopDelay } from '../servers/types';
import { summarise, type Timing } from '../stats';
import type { UploadProcessMessage } from '../upload-process';

const MIB = 1024 * 1024;

/** What else ran on the machine during a phase (this bench's own processes left out), as the generator says it. */
export interface Background {
  otherCores: number;
  stealPercent: number;
}

export interface ChatUnderUpload {
  idleBackground: Background;
  duringBackground: Background;
  /** How late the room's event loop ran (the room's own share of the latency). */
  idleLoop: LoopDelay;
  duringLoop: LoopDelay;
  idle: Timing;
  duringUpload: Timing;
  /** The big upload itself, MiB/s, while the chat ran. */
  uploadMiBPerS: number;
  /** Messages sent during the upload that never arrived. */
  lost: number;
}

export interface Account {
  probe: Probe;
  username: string;
  token: string;
}

export async function login(port: number, id: number): Promise<Account> {
  const probe = await Probe.open(port, true);
  const username = benchUsername(id);
  const { response } = await probe.request(
    { request: 'login', content: { username, password: BENCH_PASSWORD } },
    (r) => r.response === 'login',
  );
  const token = (response.content as { token?: string } | undefined)?.token;
  if (response.response !== 'login' || !token)
    throw new Error(`login ${username}: ${JSON.stringify(response)}`);
  return { probe, username, token };
}

/** Starts counting the machine's CPU time that none of `pids` used; the function it returns stops. */
export function background(pids: number[]): () => Background {
  const ours = () => pids.reduce((sum, pid) => sum + cpuTimeUs(pid), 0);
  const machine = machineCpu();
  const own = ours();
  const started = process.hrtime.bigint();
  return () => {
    const wallUs = Number(process.hrtime.bigint() - started) / 1000;
    const after = machineCpu();
    const other = after.busyUs - machine.busyUs - (ours() - own);
    const steal = after.stealUs - machine.stealUs;
    return {
      otherCores: Math.max(0, other) / wallUs,
      stealPercent: (steal / (wallUs * cpus().length)) * 100,
    };
  };
}

/** What the chat phases need of the room under test. */
interface Room {
  port: number;
  eventLoopDelay(): Promise<LoopDelay>;
}

/**
 * Chat on the idle room for `baselineMs`, then during a `bigBytes` upload by `uploader`. `pids` are the
 * bench's own processes (left out of the machine's other load); `onUploader` gets the uploader's stop.
 */
export async function timeChat(
  room: Room,
  pids: number[],
  who: { uploader: Account; sender: Account; receiver: Account },
  plan: { chatRate: number; baselineMs: number; bigBytes: number },
  seed: number,
  onUploader: (stop: () => Promise<void>) => void,
): Promise<ChatUnderUpload> {
  const { uploader, sender, receiver } = who;
  const idleDone = background(pids);
  await room.eventLoopDelay();
  const idle = await chatLatency(sender, receiver, plan.chatRate, () => sleep(plan.baselineMs));
  const idleLoop = await room.eventLoopDelay();
  const idleBackground = idleDone();
  // The uploader is another client in its own process, at the machine's default priority like the other
  // work on it; the chat clients stand in for people elsewhere and keep the bench's priority.
  const uploading = await uploadProcess(room.port, uploader, plan.bigBytes, seed);
  onUploader(uploading.stop);
  setNiceness(uploading.pid, 0);
  let bigUpload: { bytes: number; seconds: number } | undefined;
  const duringDone = background([...pids, uploading.pid]);
  await room.eventLoopDelay();
  const during = await chatLatency(sender, receiver, plan.chatRate, async () => {
    bigUpload = await uploading.run();
  });
  const duringLoop = await room.eventLoopDelay();
  return {
    idleBackground,
    duringBackground: duringDone(),
    idleLoop,
    duringLoop,
    idle: idle.latency,
    duringUpload: during.latency,
    uploadMiBPerS: bigUpload ? bigUpload.bytes / MIB / bigUpload.seconds : 0,
    lost: during.lost,
  };
}

/** An upload from its own process (bench/upload-process.ts), hashed and ready; `run` starts it. */
async function uploadProcess(
  port: number,
  account: Account,
  bytes: number,
  seed: number,
): Promise<{
  pid: number;
  run: () => Promise<{ bytes: number; seconds: number }>;
  stop: () => Promise<void>;
}> {
  const child = fork(
    join(__dirname, '..', 'upload-process.ts'),
    [String(port), account.username, account.token, String(bytes), String(seed)],
    { execArgv: ['--import', 'tsx'] },
  );
  const next = () =>
    new Promise<UploadProcessMessage>((resolve, reject) => {
      child.once('message', (m: UploadProcessMessage) => resolve(m));
      child.once('exit', (code) => reject(new Error(`the upload process exited (${code})`)));
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`the upload process: ${JSON.stringify(ready)}`);
  return {
    pid: child.pid as number,
    run: async () => {
      const answer = next();
      child.send('go');
      const done = await answer;
      if (done.type !== 'done') throw new Error(`the big upload: ${JSON.stringify(done)}`);
      return done;
    },
    stop: () => stopProcess(child),
  };
}

let chatSeq = 0;

/**
 * `sender` posts `rate` room messages a second while `during` runs; `receiver` times each from send to
 * arrival (one process, one clock). Waits up to a second after for stragglers, then counts the rest lost.
 */
async function chatLatency(
  sender: Account,
  receiver: Account,
  rate: number,
  during: () => Promise<void>,
): Promise<{ latency: Timing; lost: number }> {
  const sentAt = new Map<number, bigint>();
  const samples: number[] = [];
  receiver.probe.onPush = (r: ProbeResponse) => {
    if (r.response !== 'message' || typeof r.content !== 'string' || !r.content.startsWith('lat ')) return;
    const seq = Number(r.content.slice(4));
    const at = sentAt.get(seq);
    if (at === undefined) return;
    sentAt.delete(seq);
    samples.push(Number(process.hrtime.bigint() - at) / 1e6);
  };
  const timer = setInterval(() => {
    const seq = ++chatSeq;
    sentAt.set(seq, process.hrtime.bigint());
    sender.probe.send({ request: 'msg', content: { text: `lat ${seq}`, cid: `lat-${seq}`, to: 'room' } });
  }, 1000 / rate);
  try {
    await during();
  } finally {
    clearInterval(timer);
  }
  for (let waited = 0; sentAt.size > 0 && waited < 1000; waited += 50) await sleep(50);
  receiver.probe.onPush = () => {};
  return { latency: summarise(samples), lost: sentAt.size };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

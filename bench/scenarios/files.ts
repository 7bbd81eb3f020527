// Scenario `files` (Hearth only, issue 15): file upload and download throughput over TLS on loopback to a
// real room, next to the physical ceiling measured in the same run (bench/tls-ceiling.ts: a plain Node TLS
// copy with the room's certificate, the same client code, the same 64 KiB writes), in alternating rounds so
// drift on a shared machine hits both alike; then the p99 latency of room messages between two other
// accounts while one account uploads a 1 GiB file, next to the same chat on an idle room (files-chat.ts).
// Both servers run pinned to the server core, the client (this process) on the generator's.
import { join } from 'node:path';
import { BenchFile, download, type Transferred, upload } from '../adapters/file-transfer';
import type { BenchOptions } from '../options';
import { cpuTimeUs, setNiceness } from '../proc-stats';
import { type HearthTemplate, startHearth } from '../servers/hearth';
import { freePort, spawnPinned, stopProcess, waitForPort } from '../servers/process';
import {
  type Account,
  type Background,
  background,
  type ChatUnderUpload,
  login,
  timeChat,
} from './files-chat';

const MIB = 1024 * 1024;

export interface FilesPlan {
  /** Bytes of each timed upload and download. */
  fileBytes: number;
  /** Timed rounds; each is a ceiling and a Hearth upload, then a ceiling and a Hearth download. */
  rounds: number;
  /** The upload that chat latency is measured during (1 GiB). */
  bigBytes: number;
  /** Room messages a second sent from one account to the room while it runs. */
  chatRate: number;
  /** How long the idle-room chat baseline lasts. */
  baselineMs: number;
}

export function filesPlanFor(options: BenchOptions): FilesPlan {
  return options.quick
    ? { fileBytes: 16 * MIB, rounds: 2, bigBytes: 64 * MIB, chatRate: 100, baselineMs: 1000 }
    : { fileBytes: 256 * MIB, rounds: 5, bigBytes: 1024 * MIB, chatRate: 200, baselineMs: 5000 };
}

/** One direction's rounds on one server: MiB/s per round, and its server's CPU time per MiB moved. */
export interface Rate {
  mibPerS: number[];
  serverCpuMsPerMiB: number;
}

export interface FilesResult {
  plan: FilesPlan;
  /** TLS version and cipher each server agreed on. */
  cipher: { hearth: string; ceiling: string };
  upload: { hearth: Rate; ceiling: Rate };
  download: { hearth: Rate; ceiling: Rate };
  /** Over the timed rounds. */
  roundsBackground: Background;
  chat: ChatUnderUpload;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Accumulates what `pid` spent on the CPU over the transfers run through it. */
class Meter {
  private cpuUs = 0;
  private bytes = 0;
  readonly mibPerS: number[] = [];

  constructor(private readonly pid: number) {}

  async time(transfer: () => Promise<Transferred>): Promise<Transferred> {
    const cpu = cpuTimeUs(this.pid);
    const done = await transfer();
    this.cpuUs += cpuTimeUs(this.pid) - cpu;
    this.bytes += done.bytes;
    this.mibPerS.push(done.bytes / MIB / done.seconds);
    return done;
  }

  rate(): Rate {
    return { mibPerS: this.mibPerS, serverCpuMsPerMiB: this.cpuUs / 1000 / (this.bytes / MIB) };
  }
}

export async function runFiles(
  template: HearthTemplate,
  options: BenchOptions,
  serverCore: number | undefined,
  log: (line: string) => void,
): Promise<FilesResult> {
  const plan = filesPlanFor(options);
  const server = await startHearth(template, {
    core: serverCore,
    maxClients: 3,
    hearthSync: options.hearthSync,
    nice: options.nice,
    files: true,
  });
  const ceilingPort = await freePort();
  const ceiling = spawnPinned(
    process.execPath,
    ['--import', 'tsx', join(__dirname, '..', 'tls-ceiling.ts'), String(ceilingPort), server.dataDir],
    join(server.dataDir, '..', 'ceiling.log'),
    serverCore,
  );
  const accounts: Account[] = [];
  let stopUploader: (() => Promise<void>) | undefined;
  try {
    await waitForPort(ceilingPort, ceiling, 30_000);
    setNiceness(ceiling.pid as number, options.nice);
    for (const id of [0, 1, 2]) accounts.push(await login(server.port, id));
    const [uploader, sender, receiver] = accounts as [Account, Account, Account];
    const block = BenchFile.block();
    let seed = 0;
    const put = (file: BenchFile) => ({
      request: 'file_put',
      content: { username: uploader.username, token: uploader.token, sha256: file.sha256, size: file.size },
    });
    const ceilingPut = (file: BenchFile) => upload(ceilingPort, put(file), file);
    const hearthPut = (file: BenchFile) => upload(server.port, put(file), file);

    log(`files: hearth and a plain TLS copy, ${plan.rounds} rounds of ${plan.fileBytes / MIB} MiB each way`);
    // Warm-up (JIT, TLS session set-up, the disk's first allocation), not timed.
    const warm = new BenchFile(8 * MIB, ++seed, block);
    await ceilingPut(warm);
    await hearthPut(warm);
    const shared = new BenchFile(plan.fileBytes, ++seed, block);
    await hearthPut(shared);
    const id = await share(uploader, shared.sha256);
    const get = { request: 'file_get', content: { username: uploader.username, token: uploader.token, id } };
    await download(server.port, get, shared.sha256);
    const meters = {
      upCeiling: new Meter(ceiling.pid as number),
      upHearth: new Meter(server.pid),
      downCeiling: new Meter(ceiling.pid as number),
      downHearth: new Meter(server.pid),
    };
    const cipher = { hearth: '', ceiling: '' };
    const pids = [server.pid, ceiling.pid as number, process.pid];
    const roundsDone = background(pids);
    for (let round = 0; round < plan.rounds; round++) {
      const file = new BenchFile(plan.fileBytes, ++seed, block);
      cipher.ceiling = (await meters.upCeiling.time(() => ceilingPut(file))).cipher;
      cipher.hearth = (await meters.upHearth.time(() => hearthPut(file))).cipher;
      const ceilingGet = { request: 'file_get', content: { size: plan.fileBytes } };
      await meters.downCeiling.time(() => download(ceilingPort, ceilingGet));
      await meters.downHearth.time(() => download(server.port, get));
    }

    const roundsBackground = roundsDone();
    log(`files: chat at ${plan.chatRate} msg/s, idle and during a ${plan.bigBytes / MIB} MiB upload`);
    const chat = await timeChat(server, pids, { uploader, sender, receiver }, plan, ++seed, (stop) => {
      stopUploader = stop;
    });
    return {
      plan,
      cipher,
      upload: { hearth: meters.upHearth.rate(), ceiling: meters.upCeiling.rate() },
      download: { hearth: meters.downHearth.rate(), ceiling: meters.downCeiling.rate() },
      roundsBackground,
      chat,
    };
  } finally {
    for (const a of accounts) a.probe.close();
    await stopUploader?.();
    await stopProcess(ceiling);
    await server.stop();
  }
}

/** Shares a stored file in the room and answers the message id that file_get names. */
async function share(account: Account, sha256: string): Promise<number> {
  const { response } = await account.probe.request(
    {
      request: 'file_share',
      content: {
        sha256,
        name: 'bench.bin',
        type: 'application/octet-stream',
        cid: 'bench-share',
        to: 'room',
      },
      rid: 'share',
    },
    (r) => r.response === 'ack',
  );
  const id = (response.content as { id?: number } | undefined)?.id;
  if (response.response !== 'ack' || !id) throw new Error(`file_share: ${JSON.stringify(response)}`);
  return id;
}

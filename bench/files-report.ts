// The files scenario's rows of the comparison table and its target lines (issue 15: transfers at ≥ 70 % of
// a plain TLS copy measured in the same run; room messages' p99 < 50 ms while a 1 GiB upload runs).
import type { BenchResults } from './bench';
import type { Row, Target } from './report-cells';
import { median, type Rate } from './scenarios/files';
import type { Background } from './scenarios/files-chat';
import type { LoopDelay } from './servers/types';

const CEILING_SHARE = 0.7;
const CHAT_P99_LIMIT_MS = 50;

const mibs = (rate: Rate) =>
  `median ${median(rate.mibPerS).toFixed(0)} MiB/s (rounds ${rate.mibPerS.map((x) => x.toFixed(0)).join(', ')}), server CPU ${rate.serverCpuMsPerMiB.toFixed(2)} ms/MiB`;

const busy = (b: Background) =>
  `other processes ${(b.otherCores * 100).toFixed(0)}% of a core, steal ${b.stealPercent.toFixed(0)}%`;

const loop = (l: LoopDelay) => `room's event loop late p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)}`;

const share = (hearth: Rate, ceiling: Rate) => median(hearth.mibPerS) / median(ceiling.mibPerS);

export function filesRows(r: BenchResults): Row[] {
  const f = r.files;
  if (!f) return [];
  const size = `${f.plan.fileBytes / 1024 ** 2} MiB`;
  const rows: Row[] = (['upload', 'download'] as const).map((way) => ({
    metric: `files: ${way} of ${size} over TLS on loopback (Hearth ${f.cipher.hearth}; plain TLS copy ${f.cipher.ceiling})`,
    hearth: `Hearth ${mibs(f[way].hearth)}; plain TLS copy ${mibs(f[way].ceiling)}`,
    ngircd: 'n/a (IRC has no files)',
    ratio: `Hearth ÷ copy ${(share(f[way].hearth, f[way].ceiling) * 100).toFixed(0)} %`,
  }));
  if (rows[1]) rows[1].hearth += `; over the rounds: ${busy(f.roundsBackground)}`;
  const c = f.chat;
  rows.push({
    metric: `files: room messages at ${f.plan.chatRate} msg/s, latency p50 / p99 / max (ms), idle room and during a ${f.plan.bigBytes / 1024 ** 2} MiB upload`,
    hearth: `idle ${c.idle.p50Ms.toFixed(2)} / ${c.idle.p99Ms.toFixed(2)} / ${c.idle.maxMs.toFixed(1)} (${loop(c.idleLoop)}; ${busy(c.idleBackground)}); during ${c.duringUpload.p50Ms.toFixed(2)} / ${c.duringUpload.p99Ms.toFixed(2)} / ${c.duringUpload.maxMs.toFixed(1)} (${c.duringUpload.samples} messages, ${c.lost} lost; the upload ran at ${c.uploadMiBPerS.toFixed(0)} MiB/s; ${loop(c.duringLoop)}; ${busy(c.duringBackground)})`,
    ngircd: 'n/a',
    ratio: '',
  });
  return rows;
}

export function filesTargets(r: BenchResults): Target[] {
  const f = r.files;
  if (!f) return [];
  const targets: Target[] = (['upload', 'download'] as const).map((way) => {
    const s = share(f[way].hearth, f[way].ceiling);
    return {
      target: `files: ${way} throughput ≥ ${CEILING_SHARE * 100} % of a plain TLS copy in the same run`,
      measured: `${(s * 100).toFixed(0)} % (${median(f[way].hearth.mibPerS).toFixed(0)} of ${median(f[way].ceiling.mibPerS).toFixed(0)} MiB/s)`,
      met: s >= CEILING_SHARE,
    };
  });
  targets.push({
    target: `files: room messages' p99 < ${CHAT_P99_LIMIT_MS} ms during a ${f.plan.bigBytes / 1024 ** 2} MiB upload`,
    measured: `p99 ${f.chat.duringUpload.p99Ms.toFixed(2)} ms (idle room ${f.chat.idle.p99Ms.toFixed(2)} ms), ${f.chat.lost} lost`,
    met: f.chat.duringUpload.p99Ms < CHAT_P99_LIMIT_MS && f.chat.lost === 0,
  });
  return targets;
}

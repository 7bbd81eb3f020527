// Turns results into the comparison table (printed, and written into docs/performance.md between markers)
// and the list of targets met or missed.
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './bench';
import { filesRows, filesTargets } from './files-report';
import type { Measurement } from './generator';
import {
  background,
  cpuCell,
  int,
  kib,
  latencyCell,
  loadCell,
  ms,
  projectedCapacity,
  type Row,
  ratio,
  type Target,
} from './report-cells';
import { roomsRows, roomsTargets } from './rooms-report';
import { P99_LIMIT_MS } from './scenarios/saturation';
import type { SlowConsumerResult } from './scenarios/slow-consumer';
import { searchRows, searchTargets } from './search-report';

const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';

function slowCell(s: SlowConsumerResult | undefined): string {
  if (!s) return '–';
  const run = s.stalledRun;
  const drops = run.stalledDropAfterMs;
  const when = drops.length
    ? ` after ${((drops[0] ?? 0) / 1000).toFixed(1)}–${((drops.at(-1) ?? 0) / 1000).toFixed(1)} s`
    : '';
  const p99 = (m: Measurement) => ms(m.latency.quantile(0.99));
  const mib = (k: number) => (k / 1024).toFixed(0);
  return (
    `dropped ${drops.length} of ${run.stalled} stalled clients${when}; honest clients: ${int(run.deliveriesPerS)} deliveries/s, lost ${int(run.lost)} of ${int(run.expected)}, ${run.closed} closed, p50 / p99 ${ms(run.latency.quantile(0.5))} / ${p99(run)} ms ` +
    `(before the stall ${ms(s.baseline.latency.quantile(0.5))} / ${p99(s.baseline)} ms); server RSS ${mib(s.rssBeforeKiB)} → peak ${mib(s.rssPeakKiB)} → ${mib(s.rssAfterKiB)} MiB; ${background(run)}`
  );
}

/**
 * What the slow-consumer policy lets a stalled client cost at most: twice the server's 4 MiB bound of unsent
 * output; plus, once for the run, headroom for the V8 heap, which grows ahead of what it holds and gives
 * memory back to the system lazily.
 */
const SLOW_BOUND_KIB_PER_STALLED = 2 * 4 * 1024;
const SLOW_HEAP_HEADROOM_KIB = 32 * 1024;

export function comparisonRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const p99 = (m: Measurement | undefined) => (m ? m.latency.quantile(0.99) : undefined);
  for (const [key, title] of [
    ['light', '50 clients, 100 msg/s in'],
    ['fanout', '500 clients, 100 msg/s in'],
  ] as const) {
    const h = r[key].hearth;
    const n = r[key].ngircd;
    if (!h && !n) continue;
    rows.push({
      metric: `${title}: latency p50 / p95 / p99 / max (ms)`,
      hearth: latencyCell(h),
      ngircd: latencyCell(n),
      ratio: `p99 ${ratio(p99(h), p99(n), 'lower')}`,
    });
    rows.push({ metric: `${title}: deliveries, loss`, hearth: loadCell(h), ngircd: loadCell(n), ratio: '' });
    rows.push({
      metric: `${title}: server CPU, RSS; generator CPU`,
      hearth: cpuCell(h),
      ngircd: cpuCell(n),
      ratio: `CPU/delivery ${ratio(h?.serverCpuUsPerDelivery, n?.serverCpuUsPerDelivery, 'lower')}`,
    });
  }
  const sat = r.saturation;
  if (sat.hearth || sat.ngircd) {
    const cell = (s: BenchResults['saturation']['hearth']) => {
      if (!s) return '–';
      const b = s.best;
      const best = b
        ? `${int(b.deliveriesPerS)} deliveries/s at ${b.ratePerSender} msg/s/sender (p99 ${ms(b.latency.quantile(0.99))} ms, ${b.serverCpuUsPerDelivery.toFixed(2)} µs/delivery, server ${(b.serverCores * 100).toFixed(0)}%, generator ${(b.generatorCores * 100).toFixed(0)}%${b.generatorLimited ? ', **generator-limited**' : ''})`
        : 'no passing step';
      const top = s.steps.at(-1);
      const projected = top
        ? `; CPU-bound projection at the last step: ${int(projectedCapacity(top))}/s`
        : '';
      return `${best}; stopped: ${s.stoppedBecause}${projected}`;
    };
    rows.push({
      metric: `saturation, 200 clients / 20 senders (best step with p99 ≤ ${P99_LIMIT_MS} ms, no loss)`,
      hearth: cell(sat.hearth),
      ngircd: cell(sat.ngircd),
      ratio: ratio(sat.hearth?.best?.deliveriesPerS, sat.ngircd?.best?.deliveriesPerS, 'higher'),
    });
  }
  const slow = r.slow;
  if (slow.hearth || slow.ngircd) {
    const plan = (slow.hearth ?? slow.ngircd)?.plan;
    rows.push({
      metric: `slow consumers: ${plan?.clients} clients, ${plan?.stalled} stop reading for ${(plan?.durationMs ?? 0) / 1000} s, ${int((plan?.senders ?? 0) * (plan?.ratePerSender ?? 0))} msg/s in`,
      hearth: slowCell(slow.hearth),
      ngircd: slowCell(slow.ngircd),
      ratio: `peak RSS ${ratio(slow.hearth?.rssPeakKiB, slow.ngircd?.rssPeakKiB, 'lower')}`,
    });
  }
  const idle = r.idle;
  if (idle.hearth || idle.ngircd) {
    const cell = (i: BenchResults['idle']['hearth']) => {
      const last = i?.stages.at(-1);
      if (!i || !last) return '–';
      const stages = i.stages
        .map(
          (s) =>
            `${int(s.connections)}: ${kib(s.perConnectionKiB)} KiB${s.heapPerConnectionKiB === undefined ? '' : ` (V8 heap ${kib(s.heapPerConnectionKiB)} KiB)`}, ${s.connectSeconds.toFixed(1)} s, server CPU ${s.serverCpuSeconds.toFixed(1)} s`,
        )
        .join('; ');
      return `**${kib(last.perConnectionKiB)} KiB/connection at ${int(last.connections)}** (RSS ${int(i.rssBeforeKiB / 1024)} → ${int(last.rssKiB / 1024)} MiB; dropped ${i.dropped}). Stages: ${stages}${i.stoppedBecause ? `. Stopped: ${i.stoppedBecause}` : ''}`;
    };
    rows.push({
      metric: `idle logged-in connections in the room: RSS per connection`,
      hearth: cell(idle.hearth),
      ngircd: cell(idle.ngircd),
      ratio: ratio(
        idle.hearth?.stages.at(-1)?.perConnectionKiB,
        idle.ngircd?.stages.at(-1)?.perConnectionKiB,
        'lower',
      ),
    });
  }
  const h = r.history;
  if (h) {
    rows.push({
      metric: `history: latest 50 of ${int(h.messages)} room messages`,
      hearth: `store call p50 ${h.storeLatest50.p50Ms.toFixed(3)} ms (p99 ${h.storeLatest50.p99Ms.toFixed(3)}); request round trip p50 ${h.requestLatest50.p50Ms.toFixed(3)} ms (p99 ${h.requestLatest50.p99Ms.toFixed(3)})`,
      ngircd: 'n/a (IRC keeps no history)',
      ratio: '',
    });
    rows.push({
      metric: 'history: login of the user who wrote it (round trip, includes latest 50)',
      hearth: `p50 ${h.login.p50Ms.toFixed(2)} ms, p99 ${h.login.p99Ms.toFixed(2)} ms (${h.login.samples} logins)`,
      ngircd: 'n/a',
      ratio: '',
    });
  }
  rows.push(...roomsRows(r), ...searchRows(r), ...filesRows(r));
  return rows;
}

export function targets(r: BenchResults): Target[] {
  const out: Target[] = [];
  const p99ms = (m: Measurement) => m.latency.quantile(0.99) / 1000;
  // A latency figure only counts when every expected delivery arrived.
  const whole = (m: Measurement) => m.received > 0 && m.lost === 0;
  const light = r.light.hearth;
  if (light)
    out.push({
      target: '50 clients, 100 msg/s: p99 ≤ 5 ms',
      measured: `${p99ms(light).toFixed(2)} ms, lost ${light.lost}`,
      met: whole(light) && p99ms(light) <= 5,
    });
  const fan = r.fanout.hearth;
  if (fan) {
    out.push({
      target: '500 clients, 100 msg/s: p99 ≤ 8 ms',
      measured: `${p99ms(fan).toFixed(2)} ms, lost ${fan.lost}`,
      met: whole(fan) && p99ms(fan) <= 8,
    });
    out.push({
      target: '500 clients, 100 msg/s: server CPU ≤ 8 µs per delivery',
      measured: `${fan.serverCpuUsPerDelivery.toFixed(2)} µs`,
      met: whole(fan) && fan.serverCpuUsPerDelivery <= 8,
    });
  }
  const sat = r.saturation.hearth;
  if (sat) {
    const best = sat.best?.deliveriesPerS ?? 0;
    const peer = r.saturation.ngircd?.best?.deliveriesPerS;
    out.push({
      target: 'saturation ≥ 1,000,000 deliveries/s (p99 ≤ 250 ms, no loss)',
      measured: `${int(best)}/s`,
      met: best >= 1e6,
    });
    if (peer !== undefined) {
      out.push({
        target: "saturation ≥ ngIRCd's in the same run (goal 2×)",
        measured: `${(best / peer).toFixed(2)}×`,
        met: best >= peer,
      });
    }
  }
  const slow = r.slow.hearth;
  if (slow) {
    const run = slow.stalledRun;
    const growth = slow.rssPeakKiB - slow.rssBeforeKiB;
    const bound = run.stalled * SLOW_BOUND_KIB_PER_STALLED + SLOW_HEAP_HEADROOM_KIB;
    out.push({
      target: 'past saturation: bounded memory, the stalled clients dropped, the honest ones still served',
      measured: `RSS +${int(growth / 1024)} MiB at peak (bound ${int(bound / 1024)} MiB); dropped ${run.stalledDropAfterMs.length} of ${run.stalled} stalled; honest: lost ${run.lost}, ${run.closed} closed`,
      met: growth <= bound && run.stalledDropAfterMs.length === run.stalled && whole(run) && run.closed === 0,
    });
  }
  const idle = r.idle.hearth;
  const reached = idle?.stages.at(-1);
  if (idle && reached) {
    out.push({
      target: '10,000 idle logged-in connections: ≤ 3 KiB RSS each, none dropped',
      measured: `${kib(reached.perConnectionKiB)} KiB at ${int(reached.connections)} connections, ${idle.dropped} dropped${idle.stoppedBecause ? ` (stopped: ${idle.stoppedBecause})` : ''}`,
      met: reached.perConnectionKiB <= 3 && idle.dropped === 0 && reached.connections >= 10_000,
    });
  }
  const h = r.history;
  if (h) {
    out.push({
      target: `latest 50 of ${int(h.messages)}: < 1 ms (server time: the store call)`,
      measured: `store ${h.storeLatest50.p50Ms.toFixed(3)} ms p50 (${h.storeLatest50.p99Ms.toFixed(3)} p99); request round trip ${h.requestLatest50.p50Ms.toFixed(3)} ms p50`,
      met: h.storeLatest50.p50Ms < 1,
    });
    out.push({
      target: 'login including history: < 5 ms (measured as the round trip, an upper bound on server time)',
      measured: `${h.login.p50Ms.toFixed(2)} ms p50 round trip, including a cost-4 bcrypt check`,
      met: h.login.p50Ms < 5,
    });
  }
  out.push(...roomsTargets(r), ...searchTargets(r), ...filesTargets(r));
  return out;
}

export function commandLine(r: BenchResults): string {
  const o = r.options;
  const flags = [
    o.quick ? '--quick' : '',
    `--servers=${o.servers.join(',')}`,
    `--only=${o.scenarios.join(',')}`,
    `--duration=${o.durationS}`,
    `--idle=${o.idleConnections}`,
    `--history=${o.historyMessages}`,
    o.scenarios.includes('rooms') ? `--rooms=${o.rooms}` : '',
    o.hearthSync === 'default' ? '' : `--hearth-sync=${o.hearthSync}`,
    o.profile ? '--profile' : '',
    o.tls ? '--tls' : '',
  ].filter(Boolean);
  return `npm run bench -- ${flags.join(' ')}`;
}

const SYNC_TEXT = {
  default:
    "the server's default synchronous mode (NORMAL in WAL mode at this commit: a commit survives a crash of the process, not a power cut; messages are acked only after it)",
  full: 'synchronous=FULL (every group commit is fsynced before anything is acked or delivered)',
  normal: 'synchronous=NORMAL (a commit survives a crash of the process, not a power cut)',
} as const;

export function markdown(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(
    `Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} × ${m.cpu}, Linux ${m.kernel}, Node ${m.node}; ` +
      `${m.pinned ? `server pinned to core 0 and the load generator (coordinator + ${r.options.workers} worker processes) to core 1 with taskset` : 'no core pinning'}; server and generator at niceness ${m.nice}.`,
  );
  lines.push('');
  lines.push(`Command: \`${commandLine(r)}\``);
  lines.push('');
  lines.push(
    `Servers: ${Object.entries(r.labels)
      .map(([k, v]) => `${k} = ${v}`)
      .join(
        ', ',
      )}${r.options.tls ? " (every chat scenario over TLS: each server's own, with a self-signed P-256 certificate)" : ' (plaintext)'}. Hearth's SQLite: ${SYNC_TEXT[r.options.hearthSync]}.`,
  );
  lines.push('');
  lines.push('| scenario | Hearth | ngIRCd | Hearth ÷ ngIRCd |');
  lines.push('|---|---|---|---|');
  for (const row of comparisonRows(r))
    lines.push(`| ${row.metric} | ${row.hearth} | ${row.ngircd} | ${row.ratio} |`);
  lines.push('');
  const t = targets(r);
  if (t.length) {
    lines.push('| target | Hearth measured | met |');
    lines.push('|---|---|---|');
    for (const x of t) lines.push(`| ${x.target} | ${x.measured} | ${x.met ? 'yes' : '**no**'} |`);
    lines.push('');
  }
  for (const [name, s] of Object.entries(r.saturation)) {
    if (!s) continue;
    lines.push(`Saturation steps, ${name}:`);
    lines.push('');
    lines.push(
      '| msg/s per sender | deliveries/s | p50 / p99 ms | lost | server CPU | µs/delivery | CPU-bound projection | server RSS peak | generator CPU | other processes, steal |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const x of s.steps) {
      lines.push(
        `| ${x.ratePerSender} | ${int(x.deliveriesPerS)} | ${ms(x.latency.quantile(0.5))} / ${ms(x.latency.quantile(0.99))} | ${int(x.lost)}${x.closed ? ` (${x.closed} closed)` : ''} | ${(x.serverCores * 100).toFixed(0)}% | ${x.serverCpuUsPerDelivery.toFixed(2)} | ${int(projectedCapacity(x))}/s | ${int(x.serverRssPeakKiB / 1024)} MiB | ${(x.generatorCores * 100).toFixed(0)}%${x.generatorLimited ? ' (limit)' : ''} | ${(x.otherCores * 100).toFixed(0)}%, ${x.stealPercent.toFixed(0)}% |`,
      );
    }
    lines.push('');
  }
  if (r.profile) {
    lines.push(
      `CPU profile of the Hearth server (node --cpu-prof, ${(r.profile.totalMs / 1000).toFixed(1)} s, busy ${r.profile.busyPercent.toFixed(0)}% of it; % of busy time):`,
    );
    lines.push('');
    lines.push('| self time | function | where |');
    lines.push('|---|---|---|');
    for (const e of r.profile.self) lines.push(`| ${e.percent.toFixed(1)}% | \`${e.name}\` | ${e.where} |`);
    lines.push('');
    lines.push('| inclusive | project function | where |');
    lines.push('|---|---|---|');
    for (const e of r.profile.projectInclusive)
      lines.push(`| ${e.percent.toFixed(1)}% | \`${e.name}\` | ${e.where} |`);
    lines.push('');
  }
  for (const note of r.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

export function printTable(r: BenchResults, log: (line: string) => void): void {
  log('');
  for (const row of comparisonRows(r)) {
    log(row.metric);
    log(`  hearth: ${row.hearth}`);
    log(`  ngircd: ${row.ngircd}`);
    if (row.ratio) log(`  ratio:  ${row.ratio}`);
  }
  const t = targets(r);
  if (t.length) log('\ntargets:');
  for (const x of t) log(`  [${x.met ? 'met' : 'MISSED'}] ${x.target}: ${x.measured}`);
  for (const note of r.notes) log(`note: ${note}`);
}

/** Replaces the generated block of the doc (between the markers), leaving the hand-written text alone. */
export function writeDoc(path: string, r: BenchResults): void {
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  if (start < 0 || end < start)
    throw new Error(`${path} lacks the ${RESULTS_START} … ${RESULTS_END} markers`);
  writeFileSync(path, `${doc.slice(0, start + RESULTS_START.length)}\n${markdown(r)}\n${doc.slice(end)}`);
}

// The rooms scenarios' rows of the comparison table and their target lines: many rooms with a few busy
// (next to the single-room figures of the same run), and joining and listing on a server of many rooms.
import type { BenchResults } from './bench';
import type { Measurement } from './generator';
import { cpuCell, int, latencyCell, loadCell, type Row, ratio, type Target } from './report-cells';
import type { RequestTiming, RoomScaleResult } from './scenarios/room-scale';
import type { RoomsResult } from './scenarios/rooms';
import type { Timing } from './stats';

/**
 * A message in a 50-member room may cost at most this many times what it costs in a lone room of 50 (the
 * `light` scenario, same run), with 100× the connections on the server: work proportional to every
 * connection would be ≈ 100×, and two runs on this shared machine differ by up to 1.5× on their own.
 */
const ROOMS_COST_FACTOR = 2;
const ROUND_TRIP_LIMIT_MS = 5;

const setup = (x: RoomsResult | undefined) =>
  x ? `${x.connectSeconds.toFixed(1)} + ${x.settleSeconds.toFixed(1)} s` : '–';

function isolationCell(x: RoomsResult | undefined): string {
  if (!x) return '–';
  const i = x.isolation;
  return `${loadCell(x.measurement)}; ${int(i.activeExact)} of ${int(i.activeClients)} active-room members got exactly their room's messages, ${int(i.idleClients)} idle-room members got ${int(i.idleReceived)}, ${int(i.strays)} from other rooms`;
}

/** This server's rooms figures against its own single-room `light` run (one room of 50, 100 msg/s in). */
function againstOneRoom(x: RoomsResult | undefined, light: Measurement | undefined): string {
  if (!x) return '–';
  const m = x.measurement;
  const p99 = (v: Measurement) => (v.latency.quantile(0.99) / 1000).toFixed(2);
  if (!light)
    return `${m.serverCpuUsPerDelivery.toFixed(2)} µs/delivery, p99 ${p99(m)} ms (no \`light\` run)`;
  return `${m.serverCpuUsPerDelivery.toFixed(2)} vs ${light.serverCpuUsPerDelivery.toFixed(2)} µs/delivery (${(m.serverCpuUsPerDelivery / light.serverCpuUsPerDelivery).toFixed(2)}×), p99 ${p99(m)} vs ${p99(light)} ms`;
}

const isolated = (x: RoomsResult) =>
  x.isolation.idleReceived === 0 &&
  x.isolation.strays === 0 &&
  x.isolation.activeExact === x.isolation.activeClients;

const timing = (t: Timing) =>
  `p50 ${t.p50Ms.toFixed(2)} / p99 ${t.p99Ms.toFixed(2)} / max ${t.maxMs.toFixed(2)} ms`;
const calls = (t: RequestTiming, what: string) =>
  `${timing(t)} (${t.samples} ${what}; server CPU ${t.serverCpuMs.toFixed(2)} ms per call)`;

function scaleTitle(s: RoomScaleResult): string {
  return `${int(s.plan.rooms)} rooms, ${int(s.plan.accounts)} accounts (${int(s.memberships)} memberships)`;
}

function scaleRows(s: RoomScaleResult): Row[] {
  const title = scaleTitle(s);
  const row = (metric: string, hearth: string): Row => ({ metric, hearth, ngircd: 'n/a', ratio: '' });
  return [
    row(
      `${title}: \`rooms\` (own list, ${s.listed} rooms), round trip`,
      `${calls(s.list, 'calls')}; store \`roomsOf\` ${timing(s.storeList)}`,
    ),
    row(
      `${title}: \`rooms {browse}\` (${s.browsed} largest public rooms), round trip`,
      `${calls(s.browse, 'calls')}; store \`publicRooms\` ${timing(s.storeBrowse)}`,
    ),
    row(
      `${title}: \`room_join\` of a public room of ≈ ${Math.round(s.memberships / s.plan.rooms)}, round trip`,
      calls(s.join, 'rooms joined'),
    ),
  ];
}

export function roomsRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const h = r.rooms.hearth;
  const n = r.rooms.ngircd;
  const x = h ?? n;
  if (x) {
    const p = x.plan;
    const title = `${p.rooms} rooms × ${p.members} members (${int(x.clients)} clients), ${p.activeRooms} active × ${p.sendersPerRoom * p.ratePerSender} msg/s`;
    const p99 = (v: RoomsResult | undefined) => v?.measurement.latency.quantile(0.99);
    const cpu = (v: RoomsResult | undefined) => v?.measurement.serverCpuUsPerDelivery;
    rows.push(
      {
        metric: `${title}: latency p50 / p95 / p99 / max (ms)`,
        hearth: latencyCell(h?.measurement),
        ngircd: latencyCell(n?.measurement),
        ratio: `p99 ${ratio(p99(h), p99(n), 'lower')}`,
      },
      {
        metric: `${title}: deliveries, loss, who received what`,
        hearth: isolationCell(h),
        ngircd: isolationCell(n),
        ratio: '',
      },
      {
        metric: `${title}: server CPU, RSS; generator CPU (log-in of all clients, then until the server was quiet: Hearth ${setup(h)}, ngIRCd ${setup(n)})`,
        hearth: cpuCell(h?.measurement),
        ngircd: cpuCell(n?.measurement),
        ratio: `CPU/delivery ${ratio(cpu(h), cpu(n), 'lower')}`,
      },
      {
        metric: `${title} against one room of 50 (\`light\`, 100 msg/s in): µs/delivery, p99`,
        hearth: againstOneRoom(h, r.light.hearth),
        ngircd: againstOneRoom(n, r.light.ngircd),
        ratio: '',
      },
    );
  }
  if (r.roomScale) rows.push(...scaleRows(r.roomScale));
  return rows;
}

export function roomsTargets(r: BenchResults): Target[] {
  const out: Target[] = [];
  const h = r.rooms.hearth;
  if (h) {
    out.push({
      target: "multi-room fan-out reaches only the room's members",
      measured: `${int(h.isolation.idleReceived)} deliveries to ${int(h.isolation.idleClients)} idle-room members, ${int(h.isolation.strays)} from other rooms, ${int(h.isolation.activeExact)} of ${int(h.isolation.activeClients)} exact`,
      met: isolated(h) && h.measurement.lost === 0,
    });
    const light = r.light.hearth;
    if (light) {
      const factor = h.measurement.serverCpuUsPerDelivery / light.serverCpuUsPerDelivery;
      out.push({
        target: `a ${h.plan.members}-member room's message among ${int(h.clients)} connections: ≤ ${ROOMS_COST_FACTOR}× its cost in a lone room of 50 (CPU per delivery)`,
        measured: `${h.measurement.serverCpuUsPerDelivery.toFixed(2)} vs ${light.serverCpuUsPerDelivery.toFixed(2)} µs (${factor.toFixed(2)}×)`,
        met: factor <= ROOMS_COST_FACTOR,
      });
    }
  }
  const s = r.roomScale;
  if (s) {
    for (const [what, t] of [
      ['`rooms` (list)', s.list],
      ['`rooms {browse}`', s.browse],
      ['`room_join`', s.join],
    ] as const) {
      out.push({
        target: `${scaleTitle(s)}: ${what} < ${ROUND_TRIP_LIMIT_MS} ms (p99 round trip)`,
        measured: `p50 ${t.p50Ms.toFixed(2)} ms, p99 ${t.p99Ms.toFixed(2)} ms; server CPU ${t.serverCpuMs.toFixed(2)} ms per call`,
        met: t.p99Ms < ROUND_TRIP_LIMIT_MS,
      });
    }
  }
  return out;
}

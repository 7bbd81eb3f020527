// Table cells the benchmark's reports share (bench/report.ts, bench/rooms-report.ts): number formats and
// one server's figures for a measurement.
import type { Measurement } from './generator';

export const ms = (us: number) => (us / 1000 < 10 ? (us / 1000).toFixed(2) : (us / 1000).toFixed(1));
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const kib = (n: number) => n.toFixed(2);

/**
 * Deliveries a second the server could make on one full core at this step's cost per delivery: a projection
 * for when latency tails from a shared machine stop the search long before the server's core is busy.
 */
export function projectedCapacity(m: Measurement): number {
  return m.serverCpuUsPerDelivery > 0 ? 1e6 / m.serverCpuUsPerDelivery : 0;
}

/** What else ran on the machine meanwhile: other processes' CPU, and hypervisor steal. */
export function background(m: Measurement): string {
  return `other processes ${(m.otherCores * 100).toFixed(0)}% of a core, steal ${m.stealPercent.toFixed(0)}%`;
}

export function latencyCell(m: Measurement | undefined): string {
  if (!m) return '–';
  const q = (p: number) => ms(m.latency.quantile(p));
  return `${q(0.5)} / ${q(0.95)} / ${q(0.99)} / ${ms(m.latency.max)}`;
}

export function loadCell(m: Measurement | undefined): string {
  if (!m) return '–';
  const limited = m.generatorLimited ? ' **generator-limited**' : '';
  return `${int(m.deliveriesPerS)}/s, lost ${int(m.lost)} of ${int(m.expected)}${m.closed ? `, ${m.closed} closed` : ''}${limited}`;
}

export function cpuCell(m: Measurement | undefined): string {
  if (!m) return '–';
  return `${m.serverCpuUsPerDelivery.toFixed(2)} µs/delivery (${(m.serverCores * 100).toFixed(0)}% of a core), RSS ${int(m.serverRssKiB / 1024)} MiB; generator ${(m.generatorCores * 100).toFixed(0)}%; ${background(m)}`;
}

/** hearth ÷ ngircd, with a word on which way is better. */
export function ratio(h: number | undefined, n: number | undefined, better: 'lower' | 'higher'): string {
  if (h === undefined || n === undefined || n === 0) return '–';
  const r = h / n;
  const good = better === 'lower' ? r <= 1 : r >= 1;
  return `${r.toFixed(2)}× (${good ? 'Hearth better' : 'ngIRCd better'})`;
}

export interface Row {
  metric: string;
  hearth: string;
  ngircd: string;
  ratio: string;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | undefined;
}

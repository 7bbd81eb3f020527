// Small helpers for the abuse measurements: timing, percentiles, and one printed line of figures per test.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export const mib = (bytes: number) => round(bytes / (1024 * 1024));

/** Prints `abuse figures <name>: {...}` so the figures in docs/security.md can be found in a test log. */
export function printFigures(name: string, figures: Record<string, unknown>): void {
  console.log(`abuse figures ${name}: ${JSON.stringify(figures)}`);
}

/** A full garbage collection, so memory figures count live data only (the test runner does not pass --expose-gc). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

// Small summaries of repeated timings.
export interface Timing {
  samples: number;
  minMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarise(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    samples: sorted.length,
    minMs: sorted[0] ?? 0,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

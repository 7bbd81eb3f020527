// Samples another process's resident memory from /proc, so the fuzzed server is measured from outside
// (its own numbers could lie exactly when something is wrong with it).
import { readFileSync } from 'node:fs';

/** Resident set size in bytes, or undefined once the process is gone. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface RssFigures {
  startBytes: number;
  peakBytes: number;
  endBytes: number;
  /** One sample per quarter of the run, to show whether memory keeps growing or levels off. */
  quartersBytes: number[];
}

export class RssSampler {
  private readonly startBytes: number;
  private peakBytes: number;
  private lastBytes: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs: number,
  ) {
    const now = readRssBytes(pid);
    if (now === undefined) throw new Error(`cannot read the memory of process ${pid}`);
    this.startBytes = now;
    this.peakBytes = now;
    this.lastBytes = now;
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): number {
    const now = readRssBytes(this.pid);
    if (now !== undefined) {
      this.lastBytes = now;
      this.peakBytes = Math.max(this.peakBytes, now);
    }
    return this.lastBytes;
  }

  stop(quartersBytes: number[]): RssFigures {
    clearInterval(this.timer);
    this.sample();
    return {
      startBytes: this.startBytes,
      peakBytes: this.peakBytes,
      endBytes: this.lastBytes,
      quartersBytes,
    };
  }
}

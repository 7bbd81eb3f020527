// Slows down password guessing: after a few free failures, each further failure for the same key (an address,
// or an account name) doubles the wait before the next attempt is even checked. Memory is bounded.

interface Entry {
  failures: number;
  /** No attempt is checked before this time (ms since epoch). */
  until: number;
  last: number;
}

export interface ThrottleOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Entries untouched this long are forgotten. */
  forgetAfterMs?: number;
  maxEntries?: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly forgetAfterMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: ThrottleOptions) {
    this.forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  /** Milliseconds until this key may try again; 0 = go ahead. */
  waitFor(key: string, now: number): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (now - entry.last > this.forgetAfterMs) {
      this.entries.delete(key);
      return 0;
    }
    return Math.max(0, entry.until - now);
  }

  fail(key: string, now: number): void {
    const entry = this.entries.get(key) ?? { failures: 0, until: 0, last: now };
    entry.failures++;
    entry.last = now;
    const over = entry.failures - this.options.freeFailures;
    entry.until =
      over > 0 ? now + Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (over - 1)) : 0;
    // Re-insert so the map's order is least-recently-failed first, then evict from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }
}

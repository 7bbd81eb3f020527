// Slows down password guessing: after a few free failures, each further failure for the same key (an address,
// or an account name) doubles the wait before the next attempt is even checked. Attempts still being checked
// (a password hash takes tens of milliseconds) count as failures in waiting, so guesses sent all at once are
// throttled exactly like guesses sent one after another. Memory is bounded.

interface Entry {
  failures: number;
  /** Attempts begun and not yet settled. */
  inFlight: number;
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
    if (entry.inFlight === 0 && now - entry.last > this.forgetAfterMs) {
      this.entries.delete(key);
      return 0;
    }
    const wait = Math.max(0, entry.until - now);
    if (entry.inFlight === 0) return wait;
    // Were the attempts in flight all to fail, this attempt would wait at least this long after the last.
    return Math.max(wait, this.delayAfter(entry.failures + entry.inFlight));
  }

  /** An attempt is being checked: until settle(), it counts as a failure for everyone else's waitFor. */
  begin(key: string, now: number): void {
    const entry = this.touch(key, now);
    entry.inFlight++;
  }

  /** The attempt begun for this key is decided: a failure counts as fail(), a success changes no count. */
  settle(key: string, now: number, failed: boolean): void {
    const entry = this.entries.get(key);
    if (entry) entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (failed) this.fail(key, now);
    else if (entry && entry.inFlight === 0 && entry.failures === 0) this.entries.delete(key);
  }

  fail(key: string, now: number): void {
    const entry = this.touch(key, now);
    entry.failures++;
    const delay = this.delayAfter(entry.failures);
    entry.until = delay > 0 ? now + delay : 0;
  }

  /** The right password: its failures are forgiven (attempts still in flight keep counting until settled). */
  succeed(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.inFlight === 0) {
      this.entries.delete(key);
      return;
    }
    entry.failures = 0;
    entry.until = 0;
  }

  /** The wait imposed after this many failures. */
  private delayAfter(failures: number): number {
    const over = failures - this.options.freeFailures;
    return over > 0 ? Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (over - 1)) : 0;
  }

  /** The key's entry, created if missing, moved to the back so the map stays least-recently-touched first. */
  private touch(key: string, now: number): Entry {
    const entry = this.entries.get(key) ?? { failures: 0, inFlight: 0, until: 0, last: now };
    entry.last = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }
}

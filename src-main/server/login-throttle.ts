// Slows down password guessing: after a few free failures, each further failure for the same key (an address,
// or an account name) doubles the wait before the next attempt is even checked. Attempts still being checked
// (a password hash takes tens of milliseconds) decide whether the next one may start: while they could still
// all fail into a delay, later attempts wait for them. So guesses sent all at once are throttled exactly like
// guesses sent one after another, and honest logins arriving together all get in. Memory is bounded.

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
  /** Attempts waiting for one in flight to settle, per key (apart from the entries, which may be evicted). */
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly forgetAfterMs: number;
  private readonly maxEntries: number;
  /** Told of each failure and success here, to share them (a cluster node's, cluster/shared-throttles.ts). */
  onOutcome: ((key: string, failed: boolean) => void) | null = null;

  constructor(private readonly options: ThrottleOptions) {
    this.forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  /**
   * Milliseconds until this key may try again (0 = go ahead), or 'pending' while attempts in flight decide it:
   * were they all to fail, this attempt would have to wait. whenSettled() tells when to ask again.
   */
  check(key: string, now: number): number | 'pending' {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (entry.inFlight === 0 && now - entry.last > this.forgetAfterMs) {
      this.entries.delete(key);
      return 0;
    }
    if (entry.inFlight > 0 && this.delayAfter(entry.failures + entry.inFlight) > 0) return 'pending';
    return Math.max(0, entry.until - now);
  }

  /** For attempts that are decided at once (session tokens): what check() says, not waiting for any. */
  waitFor(key: string, now: number): number {
    const verdict = this.check(key, now);
    return verdict === 'pending' ? 0 : verdict;
  }

  /** Resolves when it may be worth asking check() again: first come, first woken, one per nudge(). */
  whenSettled(key: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else this.waiting.set(key, [resolve]);
    });
  }

  /**
   * Wake the next attempt waiting for this key, unless attempts in flight still decide it. Called whenever the
   * answer may have changed: an attempt settled, or a woken one started or gave up its turn. Each wake-up is
   * one attempt going ahead or being answered, so a crowd of honest logins costs one wake-up each.
   */
  nudge(key: string, now: number): void {
    const queue = this.waiting.get(key);
    if (!queue || this.check(key, now) === 'pending') return;
    const next = queue.shift();
    if (queue.length === 0) this.waiting.delete(key);
    next?.();
  }

  /** An attempt is being checked: until settle(), check() counts it as a possible failure. */
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
    this.nudge(key, now);
  }

  fail(key: string, now: number): void {
    this.failedElsewhere(key, now);
    this.onOutcome?.(key, true);
  }

  /** A failure another node reported: counted as one here; the wait it imposes from now on. */
  failedElsewhere(key: string, now: number): number {
    const entry = this.touch(key, now);
    entry.failures++;
    const delay = this.delayAfter(entry.failures);
    entry.until = delay > 0 ? now + delay : 0;
    return delay;
  }

  /** The right password: its failures are forgiven (attempts still in flight keep counting until settled). */
  succeed(key: string): void {
    if (this.succeededElsewhere(key)) this.onOutcome?.(key, false);
  }

  /** The right password, on another node; false when there was nothing to forgive. */
  succeededElsewhere(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.inFlight === 0) {
      this.entries.delete(key);
      return true;
    }
    entry.failures = 0;
    entry.until = 0;
    this.nudge(key, Date.now());
    return true;
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

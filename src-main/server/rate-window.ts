// At most `limit` events per key in any `windowMs`, in memory: reactions per user per minute, typing per user
// and conversation. Keys whose window has passed are forgotten (at most once per window), so the memory
// follows the users active in the last window, never everyone who ever reacted or typed.
export class RateWindow {
  private readonly events = new Map<string, number[]>();
  private prunedAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an event at `now` and returns true if the key is within its limit; false (not counted) if not. */
  take(key: string, now: number): boolean {
    this.prune(now);
    const since = now - this.windowMs;
    const times = (this.events.get(key) ?? []).filter((t) => t > since);
    if (times.length >= this.limit) {
      this.events.set(key, times);
      return false;
    }
    times.push(now);
    this.events.set(key, times);
    return true;
  }

  get size(): number {
    return this.events.size;
  }

  private prune(now: number): void {
    if (now - this.prunedAt < this.windowMs) return;
    this.prunedAt = now;
    const since = now - this.windowMs;
    for (const [key, times] of this.events) {
      if ((times.at(-1) ?? 0) <= since) this.events.delete(key);
    }
  }
}

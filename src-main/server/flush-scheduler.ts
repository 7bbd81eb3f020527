// The room's end-of-turn work: the group commit of the turn's messages, then one write per connection that has
// output. Named apart from the client core's Outbox (unacked sends), which is a different thing.
import type { Connection } from './connection';

/** A flush that wrote to at least this many connections marks the room as busy. */
const WIDE_FLUSH_CONNECTIONS = 64;
/** While busy, the next flush waits this long, so the messages arriving meanwhile share one write per connection. */
const COALESCE_DELAY_MS = 1;
/** A wide flush counts as "the room is busy" for this long; after a quiet spell the next message goes out at once. */
const BUSY_FOR_MS = 10;

/**
 * Runs end-of-turn work: first `beforeFlush` (the group commit of the turn's messages), then one write per
 * connection that has output. At light load this runs on the next event-loop turn. Under fan-out load (a
 * recent flush wrote to many connections) it waits about a millisecond instead: every write costs a syscall
 * that on loopback also runs the receiver's TCP input, so a write carrying several messages costs little more
 * than one carrying one. Acks still follow the commit, and each connection's output stays in order.
 */
export class FlushScheduler {
  private dirty: Connection[] = [];
  private scheduled = false;
  /** The deferred flush while busy; an immediate one needs no handle (a stale run finds nothing to do). */
  private timer: NodeJS.Timeout | null = null;
  private lastWideFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly beforeFlush: () => void,
    private readonly onError: (error: unknown) => void,
    /** After the writes: the room may read held connections again. */
    private readonly afterFlush: () => void = () => {},
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (performance.now() - this.lastWideFlush < BUSY_FOR_MS)
      this.timer = setTimeout(this.run, COALESCE_DELAY_MS);
    else setImmediate(this.run);
  }

  markDirty(connection: Connection): void {
    this.dirty.push(connection);
    this.schedule();
  }

  /** The end-of-turn work; close() also calls it directly to commit and write before saying goodbye. */
  readonly run = (): void => {
    this.scheduled = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.beforeFlush();
    } catch (error) {
      this.onError(error);
    }
    const dirty = this.dirty;
    this.dirty = [];
    for (const connection of dirty) {
      try {
        connection.flush();
      } catch (error) {
        this.onError(error);
      }
    }
    if (dirty.length >= WIDE_FLUSH_CONNECTIONS) this.lastWideFlush = performance.now();
    try {
      this.afterFlush();
    } catch (error) {
      this.onError(error);
    }
  };
}

// What one worker process counts while a measurement runs; shared by all of its connections.
import { Histogram } from '../histogram';

export class Tally {
  counting = false;
  received = 0;
  errors = 0;
  /** Sends the server refused with `rate_limited` (past its capacity): not stored, so never delivered. */
  refused = 0;
  firstError: string | undefined;
  closed = 0;
  stalledDropAfterMs: number[] = [];
  readonly latency = new Histogram();

  reset(): void {
    this.received = 0;
    this.errors = 0;
    this.refused = 0;
    this.firstError = undefined;
    this.closed = 0;
    this.stalledDropAfterMs = [];
    this.latency.reset();
  }

  noteError(sample: string): void {
    this.errors++;
    this.firstError ??= sample.slice(0, 300);
  }
}

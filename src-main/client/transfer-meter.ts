// How fast a transfer goes and how long it has left, from the bytes done over the last few seconds (a
// window, so a stall after a fast start shows as a stall rather than being averaged away).
const WINDOW_MS = 5_000;

export interface TransferProgress {
  done: number;
  size: number;
  /** Over the last few seconds; 0 until two readings exist. */
  bytesPerSecond: number;
  /** null while the speed is unknown or zero. */
  secondsLeft: number | null;
}

export class TransferMeter {
  private readings: Array<{ at: number; done: number }> = [];

  constructor(private readonly size: number) {}

  read(done: number, at: number = Date.now()): TransferProgress {
    this.readings.push({ at, done });
    while (this.readings.length > 2 && at - (this.readings[0] as { at: number }).at > WINDOW_MS)
      this.readings.shift();
    const first = this.readings[0] as { at: number; done: number };
    const seconds = (at - first.at) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.max(0, (done - first.done) / seconds) : 0;
    const secondsLeft = bytesPerSecond > 0 ? Math.ceil((this.size - done) / bytesPerSecond) : null;
    return { done, size: this.size, bytesPerSecond, secondsLeft };
  }
}

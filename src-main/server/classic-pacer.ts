// Output to a classic KTN client: exactly one object per write, with a gap between writes, since such clients
// parse each read as one object. Made only for a connection that is sent something while classic.
import type { Socket } from 'node:net';

/** What the pacer needs from its connection. */
export interface PacedOwner {
  readonly socket: Socket;
  readonly ending: boolean;
  checkUnsent(now?: number): void;
  wrote(units: number): void;
}

export class ClassicPacer {
  /** Bytes (UTF-8, not characters) waiting for their slot. */
  bytes = 0;
  private lines: string[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastWrite = 0;

  constructor(
    private readonly owner: PacedOwner,
    private readonly gapMs: number,
  ) {}

  /** Nothing waiting and no write scheduled. */
  get idle(): boolean {
    return !this.lines && !this.timer;
  }

  send(line: string): void {
    const now = Date.now();
    if (this.idle && now - this.lastWrite >= this.gapMs) {
      this.write(line, now);
      return;
    }
    if (this.lines) this.lines.push(line);
    else this.lines = [line];
    this.bytes += Buffer.byteLength(line, 'utf8');
    if (!this.timer) this.arm(now);
    this.owner.checkUnsent();
  }

  /** Stop pacing; returns what was still waiting, in order. */
  stop(): string[] | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const waiting = this.lines;
    this.lines = null;
    this.bytes = 0;
    return waiting;
  }

  /** Called by the pacing timer (a shared function, so a pacer carries no closure for it). */
  writeNext(): void {
    this.timer = null;
    if (!this.lines) return;
    // Timers count from the event loop's cached clock, which lags after a busy turn, so one can fire early:
    // check the real gap, or two objects could reach the client in one read.
    const now = Date.now();
    if (now - this.lastWrite < this.gapMs) {
      this.arm(now);
      return;
    }
    const line = this.lines.shift();
    if (this.lines.length === 0) this.lines = null;
    if (line !== undefined) {
      this.bytes -= Buffer.byteLength(line, 'utf8');
      this.write(line, now);
    }
    if (this.lines) this.arm(now);
    else if (this.owner.ending) this.owner.socket.end();
  }

  private arm(now: number): void {
    const wait = Math.max(0, this.gapMs - (now - this.lastWrite));
    this.timer = setTimeout(writeNext, wait, this);
  }

  private write(line: string, now: number): void {
    this.lastWrite = now;
    this.owner.wrote(line.length);
    this.owner.socket.write(line);
    this.owner.checkUnsent();
  }
}

function writeNext(pacer: ClassicPacer): void {
  pacer.writeNext();
}

// Join and leave notices, gathered for a short window and sent to the whole room together (the newcomer
// included, after their welcome, as IRC does). Each notice is its own line, but every connection gets the
// window's lines as one shared Buffer (encoded once) in one write: logins into a room of N people then cost N writes per
// window instead of N writes per login. A room message flushes the window first, so nobody sees someone speak
// before seeing them join.
import type { Online } from './online';
import { sharedLine } from './responses';

export class RoomNotices {
  private lines = '';
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly online: Online,
    private readonly windowMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(line: string): void {
    if (this.stopped) return;
    this.lines += line;
    if (!this.timer) {
      this.timer = setTimeout(this.flush, this.windowMs);
      this.timer.unref();
    }
  }

  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.lines === '') return;
    const lines = sharedLine(this.lines);
    this.lines = '';
    for (const c of this.online.members) {
      try {
        c.send(lines);
      } catch (error) {
        this.onError(error);
      }
    }
  };

  /** The server is closing: everyone is leaving, nobody needs to hear about it. */
  stop(): void {
    this.stopped = true;
    this.lines = '';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

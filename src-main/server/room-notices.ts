// Join and leave notices, gathered for a short window and sent to the room together. Each notice is its own
// line, but a connection gets the window's lines in one write: logins into a room of N people then cost
// N writes per window instead of N writes per login. A room message flushes the window first, so nobody sees
// someone speak before seeing them join.
import type { Online } from './online';

export class RoomNotices {
  private lines = '';
  /** Users who must not get the pending notices (their own join), with the lines they should get instead. */
  private except: Map<string, string> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly online: Online,
    private readonly windowMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queue a notice for every connection except those of `exceptKey`. */
  add(line: string, exceptKey?: string): void {
    if (this.stopped) return;
    if (this.except)
      for (const [key, lines] of this.except) if (key !== exceptKey) this.except.set(key, lines + line);
    if (exceptKey !== undefined) {
      this.except ??= new Map();
      if (!this.except.has(exceptKey)) this.except.set(exceptKey, this.lines);
    }
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
    const lines = this.lines;
    const except = this.except;
    this.lines = '';
    this.except = null;
    for (const c of this.online.members) {
      const own = except && c.user ? except.get(c.user.key) : undefined;
      try {
        if (own === undefined) c.send(lines);
        else if (own !== '') c.send(own);
      } catch (error) {
        this.onError(error);
      }
    }
  };

  /** The server is closing: everyone is leaving, nobody needs to hear about it. */
  stop(): void {
    this.stopped = true;
    this.lines = '';
    this.except = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

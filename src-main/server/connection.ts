// One client connection: its output (coalesced per event-loop turn, or paced for classic clients), its
// request rate budget and its session. Kept small on purpose: idle connections allocate no buffers or timers.
import type { Socket } from 'node:net';
import { FrameDecoder, type FrameSink } from '../../src-shared/framing';
import type { FlushScheduler } from './flush-scheduler';
import type { ResolvedOptions } from './options';

export interface SessionUser {
  /** Lowercase account name, or `~name` for a guest (no account key can start with `~`). */
  key: string;
  username: string;
  guest: boolean;
  /**
   * What a client id (`cid`) is unique within, put before it when stored: '' for an account (the account
   * across its sessions, so a resend after a reconnect is stored once), a fresh random prefix per guest
   * session (a later guest of the same nickname is someone else).
   */
  cidScope: string;
}

/** Output queued for one connection: a line (or lines) of its own, or a room line shared by every recipient. */
export type Chunk = string | Buffer;

/** What a connection reports to the server; one shared instance serves every connection. */
export interface ConnectionHost {
  frame(connection: Connection, text: string): void;
  tooLarge(connection: Connection, bytes: number): void;
  drop(connection: Connection, reason: string): void;
  /** The goodbye is queued: from now on the connection is no longer in the room, whenever its socket closes. */
  ending(connection: Connection): void;
}

export class Connection implements FrameSink {
  private sessionUser: SessionUser | null = null;
  /** Classic connections (string login, or not logged in yet) get exactly one object per write, paced. */
  classic = true;
  /** Came in on the unencrypted classic port: only classic nickname logins, never passwords or tokens. */
  unencrypted = false;
  /** SHA-256 of the session token this connection logged in with or was given; revoked on logout. */
  sessionTokenHash: string | null = null;
  lastActivity: number;
  readonly connectedAt: number;
  readonly decoder: FrameDecoder;
  /** While an asynchronous request (password hashing) runs, later frames wait here, in order. */
  backlog: string[] | null = null;
  private asyncRunning = false;
  closed = false;
  /** When the connection started closing (goodbye sent), so the sweep can cut off peers that never close. */
  endingSince = 0;

  private tokens: number;
  private tokensAt: number;
  private rejectedInARow = 0;
  /** Output waiting for this turn's flush: one chunk, or several in order (no array for the common single one). */
  private out: Chunk | Chunk[] | null = null;
  private paced: string[] | null = null;
  private pacedBytes = 0;
  private pacedTimer: NodeJS.Timeout | null = null;
  private lastPacedWrite = 0;
  private overBoundSince = 0;

  constructor(
    readonly socket: Socket,
    readonly peer: string,
    private readonly options: ResolvedOptions,
    private readonly flushes: FlushScheduler,
    private readonly host: ConnectionHost,
  ) {
    this.connectedAt = Date.now();
    this.lastActivity = this.connectedAt;
    this.tokens = options.requestBurst;
    this.tokensAt = this.connectedAt;
    this.decoder = new FrameDecoder(Math.min(options.maxFrameBytesBeforeLogin, options.maxFrameBytes));
  }

  get user(): SessionUser | null {
    return this.sessionUser;
  }

  set user(user: SessionUser | null) {
    this.sessionUser = user;
    this.refreshFrameLimit();
  }

  /** An asynchronous request (password hashing) runs; the socket is paused meanwhile. */
  get busy(): boolean {
    return this.asyncRunning;
  }

  set busy(busy: boolean) {
    this.asyncRunning = busy;
    this.refreshFrameLimit();
  }

  /**
   * Only a logged-in connection may send frames up to the room's limit. While a login is being checked, the
   * frames already read behind it (the socket is paused, so at most one read's worth) get the same limit.
   */
  private refreshFrameLimit(): void {
    const { maxFrameBytes, maxFrameBytesBeforeLogin } = this.options;
    const trusted = this.sessionUser !== null || this.asyncRunning;
    this.decoder.limit = trusted ? maxFrameBytes : Math.min(maxFrameBytesBeforeLogin, maxFrameBytes);
  }

  /** FrameSink: frames arriving while an asynchronous request runs wait their turn. */
  frame(text: string): void {
    if (this.closed || this.ending) return;
    // Only whole requests count as activity: bytes trickled into an unfinished frame keep nothing alive.
    this.lastActivity = Date.now();
    if (this.busy) {
      if (this.backlog) this.backlog.push(text);
      else this.backlog = [text];
      return;
    }
    this.host.frame(this, text);
  }

  tooLarge(bytes: number): void {
    this.host.tooLarge(this, bytes);
  }

  get ending(): boolean {
    return this.endingSince !== 0;
  }

  get label(): string {
    return this.user ? `${this.user.username}@${this.peer}` : this.peer;
  }

  /**
   * Queue one or more newline-terminated lines. Coalesced connections get them with everything else this
   * turn; classic ones get each line in its own paced write. A Buffer is a room line encoded once and shared
   * by every recipient, so it is queued as it is, never copied or changed.
   */
  send(line: Chunk): void {
    // Not writable: the peer has already closed, so anything queued now would only pile up and be discarded.
    if (this.closed || this.ending || !this.socket.writable) return;
    if (this.classic) {
      const text = typeof line === 'string' ? line : line.toString('utf8');
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        this.sendPaced(text.slice(from, nl + 1));
        from = nl + 1;
      }
      return;
    }
    const out = this.out;
    if (out === null) {
      this.out = line;
      this.flushes.markDirty(this);
    } else if (Array.isArray(out)) {
      out.push(line);
    } else {
      this.out = [out, line];
    }
  }

  /** Leave classic mode (after a Hearth login): anything still waiting for its pace slot goes out together. */
  becomeCoalesced(): void {
    if (!this.classic) return;
    this.classic = false;
    if (this.pacedTimer) clearTimeout(this.pacedTimer);
    this.pacedTimer = null;
    const waiting = this.paced;
    this.paced = null;
    this.pacedBytes = 0;
    if (waiting) for (const line of waiting) this.send(line);
  }

  /**
   * One write(2) per flush: several chunks go out corked, as one writev. They are not joined into a copy: a
   * stalled client's socket keeps what it cannot send yet, and the room lines among them are shared with every
   * other recipient (measured here: joining cost no less CPU, and twice the memory with stalled clients).
   */
  flush(): void {
    const out = this.out;
    if (out === null || this.closed) return;
    this.out = null;
    if (Array.isArray(out)) {
      this.socket.cork();
      for (const chunk of out) this.socket.write(chunk);
      this.socket.uncork();
    } else {
      this.socket.write(out);
    }
    if (this.ending) this.socket.end();
    else this.checkUnsent();
  }

  /** Send a last line, then close once it is written. */
  endWith(line: string): void {
    if (this.closed || this.ending) return;
    this.send(line);
    this.endingSince = Date.now();
    this.host.ending(this);
    if (this.classic) {
      if (!this.paced && !this.pacedTimer) this.socket.end();
    } else if (this.out === null) {
      this.socket.end();
    }
  }

  /** Take one request from the rate budget. Returns 'ok', 'limited' (answer with an error) or 'flood' (close). */
  takeToken(now: number): 'ok' | 'limited' | 'flood' {
    const rate = this.options.requestRate;
    if (rate <= 0) return 'ok';
    const burst = this.options.requestBurst;
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) * rate) / 1000);
    this.tokensAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.rejectedInARow = 0;
      return 'ok';
    }
    this.rejectedInARow++;
    return this.rejectedInARow > this.options.floodDisconnectAfter ? 'flood' : 'limited';
  }

  markClosed(): void {
    this.closed = true;
    this.out = null;
    this.paced = null;
    this.pacedBytes = 0;
    this.backlog = null;
    if (this.pacedTimer) clearTimeout(this.pacedTimer);
    this.pacedTimer = null;
  }

  private sendPaced(line: string): void {
    const now = Date.now();
    if (!this.paced && !this.pacedTimer && now - this.lastPacedWrite >= this.options.classicGapMs) {
      this.writePaced(line, now);
      return;
    }
    if (this.paced) this.paced.push(line);
    else this.paced = [line];
    this.pacedBytes += line.length;
    if (!this.pacedTimer) this.armPacer(now);
    this.checkUnsent();
  }

  private armPacer(now: number): void {
    const wait = Math.max(0, this.options.classicGapMs - (now - this.lastPacedWrite));
    this.pacedTimer = setTimeout(writeNextPaced, wait, this);
  }

  /** Called by the pacing timer (a shared function, so idle connections carry no closure for it). */
  writeNextPaced(): void {
    this.pacedTimer = null;
    if (this.closed || !this.paced) return;
    // Timers count from the event loop's cached clock, which lags after a busy turn, so one can fire early:
    // check the real gap, or two objects could reach the client in one read.
    const now = Date.now();
    if (now - this.lastPacedWrite < this.options.classicGapMs) {
      this.armPacer(now);
      return;
    }
    const line = this.paced.shift();
    if (this.paced.length === 0) this.paced = null;
    if (line !== undefined) {
      this.pacedBytes -= line.length;
      this.writePaced(line, now);
    }
    if (this.paced) this.armPacer(now);
    else if (this.ending) this.socket.end();
  }

  private writePaced(line: string, now: number): void {
    this.lastPacedWrite = now;
    this.socket.write(line);
    this.checkUnsent();
  }

  /**
   * Drop a client that stopped reading before its unsent output eats the server's memory: when the unsent
   * bytes stay above the bound for the grace period, or ever reach twice the bound. The grace keeps a fast
   * reader that just got a big burst (a TLS socket drains asynchronously) from being mistaken for a stalled one.
   */
  checkUnsent(now: number = Date.now()): void {
    const pending = this.socket.writableLength + this.pacedBytes;
    const bound = this.options.maxOutboundBytes;
    if (pending <= bound) {
      this.overBoundSince = 0;
      return;
    }
    if (this.overBoundSince === 0) this.overBoundSince = now;
    if (pending > 2 * bound || now - this.overBoundSince >= this.options.slowConsumerGraceMs) {
      this.host.drop(this, `slow consumer: ${pending} bytes unsent`);
    }
  }
}

function writeNextPaced(connection: Connection): void {
  connection.writeNextPaced();
}

/**
 * A line for many recipients, encoded once. Its own allocation, outside Node's shared 8 KiB pool: a stalled
 * recipient may hold it for seconds, and a pooled slice would keep its whole slab (other, long-dead
 * allocations) alive with it.
 */
export function sharedLine(text: string): Buffer {
  const size = Buffer.byteLength(text, 'utf8');
  const line = Buffer.allocUnsafeSlow(size);
  line.write(text, 0, 'utf8');
  return line;
}

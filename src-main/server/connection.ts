// One client connection: its output (coalesced per event-loop turn, or paced for classic clients), the holds
// on reading it, its request rate budget and its session. Kept small on purpose: idle connections allocate no
// buffers or timers.
import type { Socket } from 'node:net';
import { FrameDecoder, type FrameSink } from '../../src-shared/framing';
import { ClassicPacer } from './classic-pacer';
import type { FlushScheduler } from './flush-scheduler';
import { writeJoined } from './joined-write';
import type { ResolvedOptions } from './options';
import { RequestBudget } from './request-budget';
import { sharedLine } from './responses';

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

/**
 * An answer to the connection's own request (a history or resume page, the login answer), encoded on its own.
 * It does not count as a slow consumer's backlog, and `written` runs once it is handed to the kernel.
 */
export class Answer {
  constructor(
    readonly bytes: Buffer,
    readonly written: (() => void) | undefined,
  ) {}
}

/** Output queued for one connection: a line (or lines) of its own, a room line shared by every recipient, or an answer. */
export type Chunk = string | Buffer | Answer;

/** Why a connection's socket is not being read; any one holds it. */
export const HOLD = {
  /** An asynchronous request (password hashing) runs. */
  async: 1,
  /** Its answers not yet written pass maxOutboundBytes: it asks faster than it reads. */
  output: 2,
} as const;

/** A connection with more than this share of maxOutboundBytes unsent is behind. */
const BEHIND_SHARE = 1 / 8;

/** What a connection reports to the server; one shared instance serves every connection. */
export interface ConnectionHost {
  /** `refuseSends`: the room is past its capacity; a `msg` is answered `rate_limited`, anything else handled. */
  frame(connection: Connection, text: string, refuseSends: boolean): void;
  tooLarge(connection: Connection, bytes: number): void;
  drop(connection: Connection, reason: string): void;
  /** The goodbye is queued: from now on the connection is no longer in the room, whenever its socket closes. */
  ending(connection: Connection): void;
  error(connection: Connection, error: unknown): void;
  /** Whether the room takes a frame of `chars` now; if not, a send in it is refused (`rate_limited`). */
  admits(chars: number): boolean;
  /** The connection fell behind (its unsent output passed a share of the bound), or caught up. */
  behind(connection: Connection, behind: boolean): void;
}

export class Connection implements FrameSink {
  /** Classic connections (string login, or not logged in yet) get exactly one object per write, paced. */
  classic = true;
  /** Came in on the unencrypted classic port: only classic nickname logins, never passwords or tokens. */
  unencrypted = false;
  /** SHA-256 of the session token this connection logged in with or was given; revoked on logout. */
  sessionTokenHash: string | null = null;
  lastActivity: number;
  readonly connectedAt: number;
  /** Socket reads before login, bounded by `maxChunksBeforeLogin`. */
  chunksBeforeLogin = 0;
  readonly decoder: FrameDecoder;
  readonly budget: RequestBudget;
  /** While reading is held, frames already read wait here, in order. */
  backlog: string[] | null = null;
  closed = false;
  /** When the connection started closing (goodbye sent), so the sweep can cut off peers that never close. */
  endingSince = 0;

  private sessionUser: SessionUser | null = null;
  /** HOLD bits; the socket is paused while any is set. */
  private holds = 0;
  /** Output waiting for this turn's flush: one chunk, or several in order (no array for the common single one). */
  private out: Chunk | Chunk[] | null = null;
  private pacer: ClassicPacer | null = null;
  /** Bytes of answers queued or in the socket, not yet handed to the kernel. */
  private answerBytes = 0;
  private overBoundSince = 0;
  private isBehind = false;
  /** When it fell behind, and when the peer last took some of its output: a reader that reads is not stalled. */
  private behindSince = 0;
  private drainedAt = 0;
  /** Units (bytes, or characters of ASCII strings, as the socket counts them) written, and known taken. */
  private writtenTotal = 0;
  private takenTotal = 0;

  constructor(
    readonly socket: Socket,
    readonly peer: string,
    private readonly options: ResolvedOptions,
    private readonly flushes: FlushScheduler,
    private readonly host: ConnectionHost,
  ) {
    this.connectedAt = Date.now();
    this.lastActivity = this.connectedAt;
    this.budget = new RequestBudget(options, this.connectedAt);
    this.decoder = new FrameDecoder(Math.min(options.maxFrameBytesBeforeLogin, options.maxFrameBytes));
  }

  get user(): SessionUser | null {
    return this.sessionUser;
  }

  set user(user: SessionUser | null) {
    this.sessionUser = user;
    this.refreshFrameLimit();
  }

  /** An asynchronous request (password hashing) runs; later frames wait. */
  get busy(): boolean {
    return (this.holds & HOLD.async) !== 0;
  }

  get ending(): boolean {
    return this.endingSince !== 0;
  }

  get label(): string {
    return this.user ? `${this.user.username}@${this.peer}` : this.peer;
  }

  /** FrameSink: frames arriving while reading is held wait their turn. */
  frame(text: string): void {
    if (this.closed || this.ending) return;
    // Only whole requests count as activity: bytes trickled into an unfinished frame keep nothing alive.
    this.lastActivity = Date.now();
    if (this.holds !== 0) {
      if (this.backlog) this.backlog.push(text);
      else this.backlog = [text];
      return;
    }
    this.host.frame(this, text, !this.host.admits(text.length));
  }

  tooLarge(bytes: number): void {
    this.host.tooLarge(this, bytes);
  }

  /** Stop reading for `reason` (the rest of the current read waits in the backlog). */
  hold(reason: number): void {
    if (this.holds === 0) this.socket.pause();
    this.holds |= reason;
    this.refreshFrameLimit();
  }

  /** Lift one hold; once none is left, the frames that waited are handled and reading resumes. */
  release(reason: number): void {
    if ((this.holds & reason) === 0) return;
    this.holds &= ~reason;
    this.refreshFrameLimit();
    while (this.holds === 0 && !this.closed && this.backlog) {
      const next = this.backlog.shift();
      if (this.backlog.length === 0) this.backlog = null;
      if (next !== undefined) this.host.frame(this, next, !this.host.admits(next.length));
    }
    if (this.holds === 0 && !this.closed) this.socket.resume();
  }

  /**
   * Queue one or more newline-terminated lines. Coalesced connections get them with everything else this
   * turn; classic ones get each line in its own paced write. A Buffer is a room line encoded once and shared
   * by every recipient, so it is queued as it is, never copied or changed.
   */
  send(line: string | Buffer): void {
    // Not writable: the peer has already closed, so anything queued now would only pile up and be discarded.
    if (this.closed || this.ending || !this.socket.writable) return;
    if (this.classic) {
      const text = typeof line === 'string' ? line : line.toString('utf8');
      this.pacer ??= new ClassicPacer(this, this.options.classicGapMs);
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        this.pacer.send(text.slice(from, nl + 1));
        from = nl + 1;
      }
      return;
    }
    // The socket counts a string by its characters: anything beyond ASCII goes as bytes, so the bound counts bytes.
    const exact = typeof line === 'string' && Buffer.byteLength(line, 'utf8') !== line.length;
    this.queue(exact ? sharedLine(line as string) : line);
  }

  /**
   * Queue the answer to this connection's own request. `written` runs once it is handed to the kernel (not if
   * the connection closes first). Classic sessions are guests, whose answers mark nothing: paced like the rest.
   */
  answer(line: string, written?: () => void): void {
    if (this.closed || this.ending || !this.socket.writable) return;
    if (this.classic) {
      this.send(line);
      return;
    }
    const answer = new Answer(sharedLine(line), written);
    this.answerBytes += answer.bytes.length;
    this.queue(answer);
    if (this.answerBytes > this.options.maxOutboundBytes) this.hold(HOLD.output);
  }

  /** Leave classic mode (after a Hearth login): anything still waiting for its pace slot goes out together. */
  becomeCoalesced(): void {
    if (!this.classic) return;
    this.classic = false;
    const waiting = this.pacer?.stop();
    this.pacer = null;
    if (waiting) for (const line of waiting) this.send(line);
  }

  /**
   * One write(2) per flush. Several chunks are joined into one Buffer (joined-write.ts) while the socket holds
   * nothing: the kernel takes it at once. A socket that still holds output (a reader falling behind) gets
   * them corked, as one writev, not a copy: the room lines among them are shared with every other recipient,
   * and joined copies doubled the memory with stalled clients. Answers carry a callback, so they go corked.
   */
  flush(): void {
    const out = this.out;
    if (out === null || this.closed) return;
    this.out = null;
    if (!Array.isArray(out)) {
      this.write(out);
    } else if (this.socket.writableLength === 0 && !out.some((chunk) => chunk instanceof Answer)) {
      this.wrote(writeJoined(this.socket, out as (string | Buffer)[]));
    } else {
      this.socket.cork();
      for (const chunk of out) this.write(chunk);
      this.socket.uncork();
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
      if (!this.pacer || this.pacer.idle) this.socket.end();
    } else if (this.out === null) {
      this.socket.end();
    }
  }

  markClosed(): void {
    this.closed = true;
    this.out = null;
    this.pacer?.stop();
    this.backlog = null;
  }

  /**
   * Drop a client that stopped reading before its unsent output eats the server's memory: when it is behind and
   * its socket has not drained for the grace period, when the unsent bytes stay above the bound for the grace,
   * or ever reach twice the bound. A reader that drains is not dropped for being behind: when many are, the
   * room is past its capacity and refuses sends instead (RoomConnections.admits). Answers to its own
   * requests do not count: those are bounded by holding its reading instead.
   */
  checkUnsent(now: number = Date.now()): void {
    const pending = this.socket.writableLength + (this.pacer?.bytes ?? 0) - this.answerBytes;
    const bound = this.options.maxOutboundBytes;
    const behind = pending > bound * BEHIND_SHARE;
    const taken = this.writtenTotal - this.socket.writableLength;
    if (taken > this.takenTotal) {
      this.takenTotal = taken;
      this.drainedAt = now;
    }
    if (behind !== this.isBehind) {
      this.isBehind = behind;
      this.behindSince = now;
      this.host.behind(this, behind);
    }
    if (pending <= bound) this.overBoundSince = 0;
    else if (this.overBoundSince === 0) this.overBoundSince = now;
    if (!behind) return;
    const grace = this.options.slowConsumerGraceMs;
    const stalled = now - Math.max(this.behindSince, this.drainedAt) >= grace;
    const overTooLong = this.overBoundSince !== 0 && now - this.overBoundSince >= grace;
    if (pending > 2 * bound || overTooLong || stalled) {
      this.host.drop(this, `slow consumer: ${pending} bytes unsent`);
    }
  }

  /** The socket wrote out everything it held. */
  drained(): void {
    this.checkUnsent();
  }

  /** Count what goes to the socket, so that checkUnsent can tell a reader that reads from one that stalled. */
  wrote(units: number): void {
    this.writtenTotal += units;
  }

  private queue(chunk: Chunk): void {
    const out = this.out;
    if (out === null) {
      this.out = chunk;
      this.flushes.markDirty(this);
    } else if (Array.isArray(out)) {
      out.push(chunk);
    } else {
      this.out = [out, chunk];
    }
  }

  private write(chunk: Chunk): void {
    if (chunk instanceof Answer) {
      this.wrote(chunk.bytes.length);
      this.socket.write(chunk.bytes, (error) => this.answerWritten(chunk, error));
    } else {
      this.wrote(chunk.length);
      this.socket.write(chunk);
    }
  }

  private answerWritten(answer: Answer, error: Error | null | undefined): void {
    this.answerBytes -= answer.bytes.length;
    if (!error && answer.written) {
      try {
        answer.written();
      } catch (failure) {
        this.host.error(this, failure);
      }
    }
    if (this.answerBytes <= this.options.maxOutboundBytes) this.release(HOLD.output);
  }

  /**
   * Only a logged-in connection may send frames up to the room's limit. While a login is being checked, the
   * frames already read behind it (the socket is paused, so at most one read's worth) get the same limit.
   */
  private refreshFrameLimit(): void {
    const { maxFrameBytes, maxFrameBytesBeforeLogin } = this.options;
    const trusted = this.sessionUser !== null || this.busy;
    this.decoder.limit = trusted ? maxFrameBytes : Math.min(maxFrameBytesBeforeLogin, maxFrameBytes);
  }
}

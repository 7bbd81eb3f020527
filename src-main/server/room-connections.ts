// Every open connection of a running room: accepting a socket, the socket events, the sweep for timeouts,
// and ending them all at shutdown.
import type { Socket } from 'node:net';
import { Connection, type ConnectionHost } from './connection';
import type { ServerContext } from './context';
import { dispatch } from './dispatch';
import type { FlushScheduler } from './flush-scheduler';
import { leaveRoom } from './membership';
import type { ResolvedOptions } from './options';
import { errorLine } from './responses';

/** Requests handled per flush: at most this share of maxOutboundBytes, in characters, to each recipient. */
const TURN_SHARE = 1 / 8;
/**
 * And at most this many bytes of fan-out per flush (a send's characters times the connections it may go to),
 * so a flush in a big room stays short: 512 KiB of sends to 200 readers was one 140 MB flush, seconds long on
 * a loaded machine, after which every reader was behind at once.
 */
const TURN_FANOUT_BYTES = 16 * 1024 * 1024;
/** A spell of refused sends is over (and logged) once none was refused for this long. */
const REFUSING_QUIET_MS = 1000;

const CONNECTION = Symbol('connection');
const ROOM = Symbol('room');
type TaggedSocket = Socket & { [CONNECTION]?: Connection; [ROOM]?: RoomConnections };

export class RoomConnections {
  private readonly open = new Set<Connection>();
  private allClosed: (() => void) | null = null;
  /** Connections whose unsent output passed a share of the bound; many at once means the room is overloaded. */
  private readonly behindNow = new Set<Connection>();
  /** Characters of requests handled since the last flush; the fan-out they cause is bounded per turn. */
  private turnChars = 0;
  /** The current spell of refused sends, for the log. */
  private refusing: { refused: number; lastAt: number } | null = null;
  private readonly host: ConnectionHost;

  constructor(
    private readonly ctx: ServerContext,
    private readonly flushes: FlushScheduler,
  ) {
    const log = ctx.log;
    this.host = {
      frame: (connection, text, refuseSends) => dispatch(ctx, connection, text, refuseSends),
      admits: (chars) => this.admits(chars),
      tooLarge(connection, bytes) {
        const limit = connection.decoder.limit;
        log(`error ${connection.label}: frame of more than ${limit} bytes (${bytes}+), closing`);
        const when = connection.user ? '' : ' before login';
        connection.endWith(
          errorLine('frame_too_large', `a request may be at most ${limit} bytes${when}: closing connection`),
        );
      },
      ending: (connection) => this.leave(connection),
      behind: (connection, behind) => this.behind(connection, behind),
      error: (connection, error) => this.error(connection, error),
      drop(connection, reason) {
        if (connection.closed) return;
        log(`dropped ${connection.label}: ${reason}`);
        connection.markClosed();
        connection.socket.destroy();
      },
    };
  }

  get size(): number {
    return this.open.size;
  }

  accept(socket: TaggedSocket, unencrypted: boolean): void {
    socket.setNoDelay(true);
    // Keepalive finds the dead links of classic clients, which cannot ping, long before their idle bound.
    socket.setKeepAlive(true, 60_000);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const connection = new Connection(socket, peer, this.ctx.options, this.flushes, this.host);
    connection.unencrypted = unencrypted;
    socket[CONNECTION] = connection;
    socket[ROOM] = this;
    this.open.add(connection);
    this.ctx.log(`connect ${peer}`);
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.on('drain', onDrain);
  }

  /** Close connections whose login, idle or closing time ran out, and stalled clients past their grace. */
  sweep(): void {
    const opts = this.ctx.options;
    const now = Date.now();
    this.endRefusing(now);
    for (const c of this.open) {
      if (c.ending) {
        if (now - c.endingSince > opts.closeGraceMs) c.socket.destroy();
      } else if (!c.user && !c.busy && now - c.connectedAt > opts.loginTimeoutMs) {
        this.ctx.log(`login timeout ${c.label}`);
        c.endWith(
          errorLine('timeout', `no login within ${Math.round(opts.loginTimeoutMs / 1000)} s: closing`),
        );
      } else if (now - c.lastActivity > idleLimit(opts, c)) {
        this.ctx.log(`idle timeout ${c.label}`);
        c.endWith(
          errorLine('timeout', `nothing received for ${Math.round(idleLimit(opts, c) / 1000)} s: closing`),
        );
      } else {
        // A stalled client that is sent nothing more is still dropped once its grace runs out.
        c.checkUnsent(now);
      }
    }
  }

  /** Say goodbye to everyone; resolves once every socket closed, cutting off peers that outstay the grace. */
  async endAll(goodbye: string): Promise<void> {
    for (const c of this.open) c.endWith(goodbye);
    this.flushes.run();
    const cutoff = setTimeout(() => {
      for (const c of this.open) c.socket.destroy();
    }, this.ctx.options.closeGraceMs);
    // Each socket's own 'close' handler (leave notices, the disconnect log line) runs before this resolves.
    await new Promise<void>((resolve) => {
      this.allClosed = resolve;
      if (this.open.size === 0) resolve();
    });
    clearTimeout(cutoff);
  }

  data(connection: Connection, chunk: Buffer): void {
    if (connection.closed || connection.ending) return;
    const pieces = this.ctx.options.maxChunksBeforeLogin;
    if (!connection.user && ++connection.chunksBeforeLogin > pieces) {
      this.ctx.log(`error ${connection.label}: more than ${pieces} pieces of input before login, closing`);
      connection.endWith(
        errorLine(
          'frame_too_large',
          `a login arrives in a few pieces, not over ${pieces}: closing connection`,
        ),
      );
      stopReading(connection.socket);
      return;
    }
    try {
      connection.decoder.push(chunk, connection);
    } catch (error) {
      this.ctx.log(`error handling data from ${connection.label}: ${String(error)}`);
      connection.send(errorLine('server_error', 'the server failed to handle that request'));
    }
  }

  /** A transfer connection leaves the set without a disconnect: its socket lives on elsewhere. */
  release(connection: Connection): void {
    const socket = connection.socket as TaggedSocket;
    socket.off('data', onData);
    socket.off('error', onError);
    socket.off('close', onClose);
    socket.off('drain', onDrain);
    socket[CONNECTION] = undefined;
    socket[ROOM] = undefined;
    this.open.delete(connection);
    this.behind(connection, false);
    if (this.allClosed && this.open.size === 0) this.allClosed();
  }

  closed(connection: Connection): void {
    this.open.delete(connection);
    this.behind(connection, false);
    connection.markClosed();
    this.leave(connection);
    this.ctx.log(`disconnect ${connection.label}`);
    if (this.allClosed && this.open.size === 0) this.allClosed();
  }

  /** Leaving happens at the goodbye (a client may keep its socket open after it) or at the close; once. */
  private leave(connection: Connection): void {
    try {
      leaveRoom(this.ctx, connection);
    } catch (error) {
      this.ctx.log(`error announcing ${connection.label} left: ${String(error)}`);
    }
  }

  /**
   * Past its capacity (a quarter of the room, at least 2, behind at once: they read, but not as fast as the
   * room writes), the room refuses sends, so senders slow down to what readers take, instead of every reader
   * being dropped as a slow consumer. A few stalled readers do not trip it; they are dropped.
   */
  private get overloaded(): boolean {
    return this.behindNow.size >= Math.max(2, this.open.size / 4);
  }

  /**
   * Whether the room takes a frame of `chars` now. Requests handled per flush are bounded: at most a share of
   * the outbound bound to any one connection, TURN_FANOUT_BYTES in all, counting everyone else connected as
   * a recipient (the first of a turn always goes), so one turn's fan-out can neither push readers past the
   * bound nor block the room for long; and while the room is overloaded it takes none. A frame it does not
   * take is still read: a send in it is refused (`rate_limited`; the client core sends it again after a
   * pause, same cid, so it is stored once), anything else is handled. Holding the frames instead (the
   * socket paused) only moved the excess into the kernel and the senders, and it was worked off after the
   * load stopped for as long as it had taken to build.
   */
  private admits(chars: number): boolean {
    const now = Date.now();
    if (this.overloaded) {
      return this.refuse(now, `overloaded: ${this.behindNow.size} readers behind, refusing sends`);
    }
    const recipients = this.open.size - 1;
    const budget = Math.min(
      this.ctx.options.maxOutboundBytes * TURN_SHARE,
      TURN_FANOUT_BYTES / Math.max(1, recipients),
    );
    if (recipients > 0 && this.turnChars > 0 && this.turnChars + chars > budget) {
      return this.refuse(
        now,
        `past capacity: over ${Math.round(budget)} characters this turn, refusing sends`,
      );
    }
    this.turnChars += chars;
    return true;
  }

  private refuse(now: number, why: string): false {
    if (!this.refusing) {
      this.refusing = { refused: 0, lastAt: now };
      this.ctx.log(why);
    }
    this.refusing.refused++;
    this.refusing.lastAt = now;
    return false;
  }

  /** After each flush: a new turn's budget. */
  afterFlush(): void {
    this.turnChars = 0;
    this.endRefusing(Date.now());
  }

  /** A spell of refusals ends once none came for a while (not at the first flush without one: no log spam). */
  private endRefusing(now: number): void {
    if (!this.refusing || now - this.refusing.lastAt < REFUSING_QUIET_MS) return;
    this.ctx.log(`load back under capacity, after ${this.refusing.refused} requests past it`);
    this.refusing = null;
  }

  private behind(connection: Connection, behind: boolean): void {
    if (behind) this.behindNow.add(connection);
    else this.behindNow.delete(connection);
  }

  error(connection: Connection | undefined, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.ctx.log(`error ${connection?.label ?? 'connection'}: ${message}`);
  }
}

/**
 * Classic connections (a string login on either port, or no login yet) cannot ping, so they get a longer
 * bound; the login timeout closes those that never log in long before it.
 */
function idleLimit(opts: ResolvedOptions, connection: Connection): number {
  return connection.classic ? opts.classicIdleTimeoutMs : opts.idleTimeoutMs;
}

/**
 * Stop reading from a peer cut before login, at the handle: its sentence still goes out (and the close after
 * it), and the sweep destroys the socket after the close grace. A graceful close alone kept reading until the
 * peer closed its side, and over TLS every record it still sent was decrypted and delivered before it could be
 * ignored (300 peers trickling one-byte records: 1.3-1.6x the room's CPU); `pause()` stops only the stream,
 * which reads on into its buffer (16 K one-byte records); destroying at once reset the link before the peer
 * had read the sentence. net.Socket has no public way to stop its handle's reads, hence `_handle`; leaving its
 * `reading` flag set keeps the stream from starting them again.
 */
function stopReading(socket: Socket): void {
  (socket as Socket & { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
}

/**
 * Give a connection's socket to a file transfer (docs/protocol.md § Files): it never logged in, so nobody is
 * told anything; the chat's listeners leave it and it is no longer counted or swept as a chat connection.
 */
export function handOff(connection: Connection): Socket {
  const socket = connection.socket as TaggedSocket;
  socket[ROOM]?.release(connection);
  connection.markClosed();
  return socket;
}

// One set of socket listeners for the whole server (not three closures per connection): they find their
// connection and room through symbols on the socket. Idle connections are the bulk of a big room's memory.
function onData(this: TaggedSocket, chunk: Buffer): void {
  const connection = this[CONNECTION];
  if (connection) this[ROOM]?.data(connection, chunk);
}

function onError(this: TaggedSocket, error: Error): void {
  this[ROOM]?.error(this[CONNECTION], error);
}

function onDrain(this: TaggedSocket): void {
  this[CONNECTION]?.drained();
}

function onClose(this: TaggedSocket): void {
  const connection = this[CONNECTION];
  if (connection) this[ROOM]?.closed(connection);
}

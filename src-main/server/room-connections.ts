// Every open connection of a running room: accepting a socket, the socket events, the sweep for timeouts,
// and ending them all at shutdown.
import type { Socket } from 'node:net';
import { Connection, type ConnectionHost, HOLD } from './connection';
import type { ServerContext } from './context';
import { dispatch } from './dispatch';
import type { FlushScheduler } from './flush-scheduler';
import { leaveRoom } from './membership';
import type { ResolvedOptions } from './options';
import { errorLine } from './responses';

/** Requests handled per flush: at most this share of maxOutboundBytes, in characters. */
const TURN_SHARE = 1 / 8;

const CONNECTION = Symbol('connection');
const ROOM = Symbol('room');
type TaggedSocket = Socket & { [CONNECTION]?: Connection; [ROOM]?: RoomConnections };

export class RoomConnections {
  private readonly open = new Set<Connection>();
  private allClosed: (() => void) | null = null;
  /** Connections whose unsent output passed a share of the bound; many at once means the room is overloaded. */
  private readonly behindNow = new Set<Connection>();
  /** Connections whose reading is held until the room is no longer overloaded. */
  private readonly heldForLoad = new Set<Connection>();
  /** Characters of requests handled since the last flush; the fan-out they cause is bounded per turn. */
  private turnChars = 0;
  private loggedOverload = false;
  private readonly host: ConnectionHost;

  constructor(
    private readonly ctx: ServerContext,
    private readonly flushes: FlushScheduler,
  ) {
    const log = ctx.log;
    this.host = {
      frame: (connection, text) => dispatch(ctx, connection, text),
      tooLarge(connection, bytes) {
        const limit = connection.decoder.limit;
        log(`error ${connection.label}: frame of more than ${limit} bytes (${bytes}+), closing`);
        const when = connection.user ? '' : ' before login';
        connection.endWith(
          errorLine('frame_too_large', `a request may be at most ${limit} bytes${when}: closing connection`),
        );
      },
      ending: (connection) => this.leave(connection),
      admits: (connection, chars) => this.admits(connection, chars),
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
    try {
      connection.decoder.push(chunk, connection);
    } catch (error) {
      this.ctx.log(`error handling data from ${connection.label}: ${String(error)}`);
      connection.send(errorLine('server_error', 'the server failed to handle that request'));
    }
  }

  closed(connection: Connection): void {
    this.open.delete(connection);
    this.heldForLoad.delete(connection);
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
   * room writes), the room stops reading requests, so senders slow down to what readers take, instead of
   * every reader being dropped as a slow consumer. A few stalled readers do not trip it; they are dropped.
   */
  private get overloaded(): boolean {
    return this.behindNow.size >= Math.max(2, this.open.size / 4);
  }

  /**
   * Requests are read while the room keeps up: at most a share of the outbound bound per flush (so one
   * turn's fan-out cannot itself push readers past it), and none while it is overloaded.
   */
  private admits(connection: Connection, chars: number): boolean {
    const turnFull = this.turnChars + chars > this.ctx.options.maxOutboundBytes * TURN_SHARE;
    if (this.heldForLoad.size === 0 && !turnFull && !this.overloaded) {
      this.turnChars += chars;
      return true;
    }
    if (this.overloaded && !this.loggedOverload) {
      this.loggedOverload = true;
      this.ctx.log(`overloaded: ${this.behindNow.size} readers behind, holding senders`);
    }
    this.heldForLoad.add(connection);
    connection.hold(HOLD.overload);
    this.flushes.schedule();
    return false;
  }

  /** After each flush: a new turn's allowance, and the held connections go on if the room is not overloaded. */
  afterFlush(): void {
    this.turnChars = 0;
    this.releaseHeld();
  }

  private releaseHeld(): void {
    if (this.heldForLoad.size === 0 || this.overloaded) return;
    if (this.loggedOverload) {
      this.loggedOverload = false;
      this.ctx.log(`load back under capacity: releasing ${this.heldForLoad.size} connections`);
    }
    const held = [...this.heldForLoad];
    this.heldForLoad.clear();
    for (const c of held) c.release(HOLD.overload);
  }

  private behind(connection: Connection, behind: boolean): void {
    if (behind) {
      this.behindNow.add(connection);
      return;
    }
    if (this.behindNow.delete(connection)) this.releaseHeld();
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

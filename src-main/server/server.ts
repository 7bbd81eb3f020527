// The Hearth chat server: a TCP listener, its connections, one sweep for timeouts, and the SQLite store.
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { AddressCap } from './address-cap';
import { loadOrCreateCertificate } from './certificate';
import { Connection, type ConnectionHost, Outbox } from './connection';
import type { ServerContext } from './context';
import { dispatch } from './dispatch';
import { LoginThrottle } from './login-throttle';
import { leaveRoom } from './membership';
import { MessageBatch } from './message-batch';
import { Online } from './online';
import { resolveOptions, type ServerOptions } from './options';
import { hashPassword } from './passwords';
import { errorLine, infoLine } from './responses';
import { RoomNotices } from './room-notices';

export type { ServerOptions } from './options';

const CONNECTION = Symbol('connection');
type TaggedSocket = Socket & { [CONNECTION]?: Connection };

export interface Listening {
  port: number;
  /** The unencrypted port for classic clients, when the room has one. */
  classicPort: number | null;
  /** SHA-256 of the room's certificate, `AB:CD:…`; null when TLS is off (tests, benchmarks). */
  fingerprint: string | null;
}

export interface ChatServer {
  /** Open the store and start listening; resolves with the bound ports (useful with port 0). */
  listen(): Promise<Listening>;
  /** Tell every client goodbye, close their sockets, stop listening and close the store. */
  close(): Promise<void>;
  address(): { host: string; port: number } | null;
}

export function createChatServer(options: ServerOptions): ChatServer {
  const opts = resolveOptions(options);
  const log = opts.log;
  const connections = new Set<Connection>();
  let ctx: ServerContext | null = null;
  let outbox: Outbox | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let closing: Promise<void> | null = null;
  let allClosed: (() => void) | null = null;

  const host: ConnectionHost = {
    frame(connection, text) {
      if (ctx) dispatch(ctx, connection, text);
    },
    tooLarge(connection, bytes) {
      log(`error ${connection.label}: frame of more than ${opts.maxFrameBytes} bytes (${bytes}+), closing`);
      connection.endWith(
        errorLine(
          'frame_too_large',
          `a request may be at most ${opts.maxFrameBytes} bytes: closing connection`,
        ),
      );
    },
    drop(connection, reason) {
      if (connection.closed) return;
      log(`dropped ${connection.label}: ${reason}`);
      connection.markClosed();
      connection.socket.destroy();
    },
  };

  const addressCap = new AddressCap(opts.maxConnectionsPerAddress, opts.loopbackExemptFromAddressCap);
  /** Every TCP socket is counted from accept, before any TLS handshake, so stalled handshakes count too. */
  function admitTcp(socket: Socket): void {
    if (addressCap.track(socket) === 'cut') socket.destroy();
  }

  const server: Server | TlsServer = opts.tls
    ? createTlsServer({ handshakeTimeout: opts.tlsHandshakeTimeoutMs }, (socket) => accept(socket, false))
    : createServer();
  server.on('connection', admitTcp);
  if (!opts.tls) server.on('connection', (socket: Socket) => accept(socket, false));
  server.on('error', (error) => log(`server error: ${error.message}`));
  // Node leaves the socket open when this event has a listener: a handshake that timed out must be closed here.
  server.on('tlsClientError', (error: Error, socket: Socket) => {
    log(`tls handshake failed ${socket.remoteAddress}:${socket.remotePort}: ${error.message}`);
    socket.destroy();
  });
  // Plaintext beside the TLS port, for classic KTN clients only (see Connection.unencrypted).
  const classicServer: Server | null = opts.classicPort === null ? null : createServer();
  classicServer?.on('connection', admitTcp);
  classicServer?.on('connection', (socket: Socket) => accept(socket, true));
  classicServer?.on('error', (error) => log(`classic port error: ${error.message}`));

  // One set of socket listeners for the whole server (not three closures per connection): they find their
  // connection through a symbol on the socket. Idle connections are the bulk of a big room's memory.
  function onData(this: TaggedSocket, chunk: Buffer): void {
    const connection = this[CONNECTION];
    if (!connection || connection.closed || connection.ending) return;
    connection.lastActivity = Date.now();
    try {
      connection.decoder.push(chunk, connection);
    } catch (error) {
      log(`error handling data from ${connection.label}: ${String(error)}`);
      connection.send(errorLine('server_error', 'the server failed to handle that request'));
    }
  }

  function onError(this: TaggedSocket, error: Error): void {
    log(`error ${this[CONNECTION]?.label ?? 'connection'}: ${error.message}`);
  }

  function onClose(this: TaggedSocket): void {
    const connection = this[CONNECTION];
    if (!connection) return;
    connections.delete(connection);
    connection.markClosed();
    if (ctx) {
      try {
        leaveRoom(ctx, connection);
      } catch (error) {
        log(`error announcing ${connection.label} left: ${String(error)}`);
      }
    }
    log(`disconnect ${connection.label}`);
    if (allClosed && connections.size === 0) allClosed();
  }

  function accept(socket: TaggedSocket, unencrypted: boolean): void {
    if (!ctx || !outbox || closing || socket.destroyed) {
      socket.destroy();
      return;
    }
    if (connections.size >= opts.maxConnections) {
      log(`refused ${socket.remoteAddress}:${socket.remotePort}: ${connections.size} connections already`);
      refuse(socket, errorLine('server_full', 'the room is full: try again later'));
      return;
    }
    if (addressCap.refused(socket)) {
      const held = addressCap.held(socket.remoteAddress);
      log(`refused ${socket.remoteAddress}:${socket.remotePort}: ${held} connections from that address`);
      refuse(
        socket,
        errorLine(
          'too_many_connections',
          `too many connections from your address (at most ${opts.maxConnectionsPerAddress}): close some and try again`,
        ),
      );
      return;
    }
    socket.setNoDelay(true);
    // Classic clients cannot ping, so they are exempt from the idle timeout; keepalive finds their dead links.
    socket.setKeepAlive(true, 60_000);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const connection = new Connection(socket, peer, opts, outbox, host);
    connection.unencrypted = unencrypted;
    socket[CONNECTION] = connection;
    connections.add(connection);
    log(`connect ${peer}`);
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
  }

  /** Say why, then close; a peer that never closes its side is cut off after the close grace. */
  function refuse(socket: Socket, line: string): void {
    socket.on('error', () => {});
    socket.end(line);
    socket.setTimeout(opts.closeGraceMs, () => socket.destroy());
  }

  function sweep(): void {
    const now = Date.now();
    for (const c of connections) {
      if (c.ending) {
        if (now - c.endingSince > opts.closeGraceMs) c.socket.destroy();
      } else if (!c.user && !c.busy && now - c.connectedAt > opts.loginTimeoutMs) {
        log(`login timeout ${c.label}`);
        c.endWith(
          errorLine('timeout', `no login within ${Math.round(opts.loginTimeoutMs / 1000)} s: closing`),
        );
      } else if (!c.classic && now - c.lastActivity > opts.idleTimeoutMs) {
        log(`idle timeout ${c.label}`);
        c.endWith(
          errorLine('timeout', `nothing received for ${Math.round(opts.idleTimeoutMs / 1000)} s: closing`),
        );
      } else {
        // A stalled client that is sent nothing more is still dropped once its grace runs out.
        c.checkUnsent(now);
      }
    }
  }

  async function listen(): Promise<Listening> {
    if (ctx) throw new Error('already listening');
    const certificate = opts.tls ? await loadOrCreateCertificate(opts.dataDir) : null;
    if (certificate) {
      (server as TlsServer).setSecureContext({ key: certificate.key, cert: certificate.cert });
    }
    const store = opts.openStore(opts.dataDir);
    const online = new Online();
    const notices = new RoomNotices(online, opts.noticeWindowMs, (error) =>
      log(`error sending notices: ${String(error)}`),
    );
    const batch = new MessageBatch(store, online, notices, log, () => outbox?.schedule());
    ctx = {
      options: opts,
      store,
      online,
      batch,
      notices,
      throttles: {
        account: new LoginThrottle({
          freeFailures: opts.loginFreeFailures,
          baseDelayMs: opts.loginBaseDelayMs,
          maxDelayMs: opts.loginMaxDelayMs,
        }),
        address: new LoginThrottle({
          freeFailures: opts.loginFreeFailuresPerAddress,
          baseDelayMs: opts.loginBaseDelayMs,
          maxDelayMs: opts.loginMaxDelayMs,
        }),
      },
      dummyHash: hashPassword(randomBytes(18).toString('base64'), opts.bcryptCost),
      log,
    };
    outbox = new Outbox(
      () => batch.commit(),
      (error) => log(`error writing to clients: ${String(error)}`),
    );
    try {
      await bind(server, opts.port);
      if (classicServer && opts.classicPort !== null) {
        try {
          await bind(classicServer, opts.classicPort);
        } catch (error) {
          server.close();
          throw error;
        }
      }
    } catch (error) {
      store.close();
      ctx = null;
      throw error;
    }
    sweepTimer = setInterval(sweep, opts.sweepIntervalMs);
    sweepTimer.unref();
    const port = (server.address() as AddressInfo).port;
    const classicPort = classicServer ? (classicServer.address() as AddressInfo).port : null;
    log(
      `listening on ${opts.host}:${port} (${certificate ? 'TLS' : 'plaintext'}, data: ${opts.dataDir}, guests ${opts.allowGuests ? 'allowed' : 'not allowed'})`,
    );
    if (certificate) log(`certificate fingerprint (SHA-256): ${certificate.fingerprint}`);
    if (classicPort !== null)
      log(`classic port ${opts.host}:${classicPort}: unencrypted, nickname logins only`);
    return { port, classicPort, fingerprint: certificate?.fingerprint ?? null };
  }

  function bind(listener: Server, port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, opts.host, () => {
        listener.off('error', reject);
        resolve();
      });
    });
  }

  async function shutdown(): Promise<void> {
    if (sweepTimer) clearInterval(sweepTimer);
    ctx?.notices.stop();
    const listenerClosed = Promise.all(
      [server, classicServer].map(
        (listener) =>
          new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve())),
      ),
    );
    outbox?.run();
    const goodbye = infoLine('The server is shutting down. Goodbye!');
    for (const c of connections) c.endWith(goodbye);
    outbox?.run();
    const cutoff = setTimeout(() => {
      for (const c of connections) c.socket.destroy();
    }, opts.closeGraceMs);
    // Each socket's own 'close' handler (leave notices, the disconnect log line) runs before the store closes.
    await new Promise<void>((resolve) => {
      allClosed = resolve;
      if (connections.size === 0) resolve();
    });
    await listenerClosed;
    clearTimeout(cutoff);
    ctx?.store.close();
    log('server stopped');
  }

  return {
    listen,
    close() {
      closing ??= shutdown();
      return closing;
    },
    address() {
      const info = server.address();
      if (!info || typeof info === 'string') return null;
      return { host: info.address, port: info.port };
    },
  };
}

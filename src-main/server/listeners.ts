// The room's listening sockets: the main port (TLS, or plaintext for tests and benchmarks) and the optional
// unencrypted classic port. Every accepted TCP socket passes the admission count first. Behind a load
// balancer (`proxyFrom`) the main port reads the PROXY header first (proxy-accept.ts), then counts.
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import {
  createSecureContext,
  createServer as createTlsServer,
  type SecureContext,
  type Server as TlsServer,
} from 'node:tls';
import type { Admission } from './admission';
import type { RoomCertificate } from './certificate';
import type { ResolvedOptions } from './options';
import { ProxyAccept } from './proxy-accept';

/** A socket ready to speak the protocol; `unencrypted` when it came in on the classic port. */
export type Accept = (socket: Socket, unencrypted: boolean) => void;

export class Listeners {
  private readonly main: Server | TlsServer;
  /** Plaintext beside the TLS port, for classic KTN clients only (see Connection.unencrypted). */
  private readonly classic: Server | null;
  /** The certificate, for the PROXY path's own TLS sockets. */
  private secureContext: SecureContext | null = null;

  constructor(
    private readonly opts: ResolvedOptions,
    admission: Admission,
    accept: Accept,
  ) {
    const log = opts.log;
    this.classic = opts.classicPort === null ? null : createServer();
    this.classic?.on('connection', admission.countTcp);
    this.classic?.on('connection', (socket: Socket) => accept(socket, true));
    this.classic?.on('error', (error) => log(`classic port error: ${error.message}`));
    if (opts.proxyFrom.length > 0) {
      const proxied = new ProxyAccept(
        {
          from: opts.proxyFrom,
          secureContext: () => (opts.tls ? this.secureContext : null),
          timeoutMs: opts.tlsHandshakeTimeoutMs,
          log,
        },
        admission.countTcp,
        (socket) => accept(socket, false),
      );
      this.main = createServer(proxied.connection);
      this.main.on('error', (error) => log(`server error: ${error.message}`));
      return;
    }
    this.main = opts.tls
      ? createTlsServer({ handshakeTimeout: opts.tlsHandshakeTimeoutMs }, (socket) => accept(socket, false))
      : createServer();
    this.main.on('connection', admission.countTcp);
    if (!opts.tls) this.main.on('connection', (socket: Socket) => accept(socket, false));
    this.main.on('error', (error) => log(`server error: ${error.message}`));
    // Node leaves the socket open when this event has a listener: a handshake that timed out must be closed here.
    this.main.on('tlsClientError', (error: Error, socket: Socket) => {
      log(`tls handshake failed ${socket.remoteAddress}:${socket.remotePort}: ${error.message}`);
      socket.destroy();
    });
  }

  setCertificate(certificate: RoomCertificate): void {
    const { key, cert } = certificate;
    if (this.opts.proxyFrom.length > 0) this.secureContext = createSecureContext({ key, cert });
    else (this.main as TlsServer).setSecureContext({ key, cert });
  }

  /** Bind the main port, then the classic one; if the second fails, the first is released again. */
  async bind(): Promise<{ port: number; classicPort: number | null }> {
    await bind(this.main, this.opts.port, this.opts.host);
    if (this.classic && this.opts.classicPort !== null) {
      try {
        await bind(this.classic, this.opts.classicPort, this.opts.host);
      } catch (error) {
        this.main.close();
        throw error;
      }
    }
    const port = (this.main.address() as AddressInfo).port;
    const classicPort = this.classic ? (this.classic.address() as AddressInfo).port : null;
    return { port, classicPort };
  }

  /** Stop accepting; resolves once every listener has closed (its connections are the caller's to end). */
  close(): Promise<void> {
    return Promise.all(
      [this.main, this.classic].map(
        (listener) =>
          new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve())),
      ),
    ).then(() => {});
  }

  address(): { host: string; port: number } | null {
    const info = this.main.address();
    if (!info || typeof info === 'string') return null;
    return { host: info.address, port: info.port };
  }
}

function bind(listener: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(port, host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
}

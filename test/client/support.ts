// Test tools for the client core: a TCP proxy between a client and the real server that a test can cut,
// freeze or refuse, a polling wait, and client options that make reconnects quick.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions } from '../../src-main/client/connection';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';

/** A room's certificate and key, read from its data directory: a proxy holding them looks like the room. */
export interface TlsIdentity {
  cert: string;
  key: string;
}

export function roomIdentity(dataDir: string): TlsIdentity {
  return {
    cert: readFileSync(join(dataDir, CERTIFICATE_FILE), 'utf8'),
    key: readFileSync(join(dataDir, PRIVATE_KEY_FILE), 'utf8'),
  };
}

/** Reconnect and heartbeat timings short enough for tests, long enough to be realistic. */
export const FAST: Omit<ConnectionOptions, 'host' | 'port'> = {
  requestTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  heartbeatIntervalMs: 1_000,
  // Not 3 s: on a loaded 2-core CI box the test process itself can go unscheduled that long (a CI run
  // lost a link to "the server stopped answering" at load 13); tests of dead-link detection set their own.
  deadAfterMs: 8_000,
  rateLimitRetryMs: 200,
  backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.3 },
};

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  stepMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * A loopback TCP proxy in front of the server. `cut()` drops every link like a network failure,
 * `refuse()` makes new connections fail (connection refused) until `accept()`, `freeze()` silently stops
 * forwarding on the current links in both directions (half-open: the sockets look fine but nothing
 * arrives), and
 * `cutAfterUpstream` drops the link right after forwarding a client frame that matches, before the
 * server's answer can come back.
 *
 * Without an identity it forwards bytes as they are (TLS passes through untouched). Given the room's own
 * certificate and key it terminates TLS on both sides, so it can read the frames (cutAfterUpstream, the
 * `upstream` record) while the client still sees the room's pinned certificate.
 */
export class CuttableProxy {
  port = 0;
  private server: Server | null = null;
  private readonly pairs = new Set<Pair>();
  private readonly frozen = new Set<Pair>();
  /** Frames from the client matching this are forwarded, and then the link is cut before any answer. */
  cutAfterUpstream: RegExp | null = null;
  connections = 0;
  /** Everything clients sent, as text (readable only when terminating TLS). */
  readonly upstream: string[] = [];

  constructor(
    private readonly targetPort: number,
    private readonly identity: TlsIdentity | null = null,
  ) {}

  async start(): Promise<number> {
    await this.listen(0);
    return this.port;
  }

  cut(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Stop forwarding on the links open now; links made later work normally. */
  freeze(): void {
    for (const pair of this.pairs) this.frozen.add(pair);
  }

  /** Cut every link and stop listening: connecting now fails with "connection refused". */
  async refuse(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async accept(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  private listen(port: number): Promise<void> {
    const server = this.identity
      ? createTlsServer(this.identity, (client) => this.pipe(client))
      : createServer((client) => this.pipe(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        // A test that fails before closing its proxy must not keep its file's process alive for ever.
        server.unref();
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private pipe(client: Socket): void {
    this.connections++;
    const target = { host: '127.0.0.1', port: this.targetPort };
    const upstream = this.identity
      ? tlsConnect({ ...target, rejectUnauthorized: false })
      : tcpConnect(target);
    client.unref();
    upstream.unref();
    const pair = { client, upstream };
    this.pairs.add(pair);
    let severed = false;
    const sever = () => {
      severed = true;
      this.pairs.delete(pair);
      this.frozen.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (this.frozen.has(pair) || severed) return;
      upstream.write(chunk);
      this.upstream.push(chunk.toString('utf8'));
      if (this.cutAfterUpstream?.test(chunk.toString('utf8'))) {
        this.cutAfterUpstream = null;
        severed = true;
        // Give the server time to store what it got; its answer is never forwarded.
        setTimeout(sever, 100);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!this.frozen.has(pair) && !severed) client.write(chunk);
    });
    client.on('error', () => {});
    upstream.on('error', () => {});
    client.on('close', sever);
    upstream.on('close', sever);
  }
}

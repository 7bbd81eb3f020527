// One load-generator client: a raw TCP socket that logs in (protocol-specific handshake), then counts every
// stamped payload it receives with no per-line parsing. Subclasses say how to log in and how to frame a send.
import { connect, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { MARKER, makePayload, nowUs, readDigits, SENDER_LEN, STAMP_BYTES, TIME_LEN } from '../payload';
import type { Tally } from './tally';

const MARKER_BYTES = Buffer.from(MARKER, 'latin1');
const MARKER_FIRST = MARKER_BYTES[0];
const HANDSHAKE_TIMEOUT_MS = 20_000;
/**
 * Clients connect from 127.0.0.1 to 127.0.0.8 in turn: 10,000 connections to one port from one address
 * would use a third of the ephemeral ports, and other processes on this machine need some too.
 */
const SOURCE_ADDRESSES = 8;
/**
 * One receive buffer for every socket of this worker (reads are handled synchronously, one at a time), so
 * a read allocates nothing: at tens of thousands of reads a second that is most of the generator's cost.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

export abstract class BenchConnection {
  protected socket: Socket | undefined;
  private ready = false;
  private closing = false;
  private leftover: Buffer | null = null;
  private handshakeText = '';
  private settle: ((error?: Error) => void) | undefined;
  private stalledAtUs = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  /** Deliveries to and messages from this client since the last measurement started. */
  received = 0;
  sent = 0;

  constructor(
    readonly id: number,
    protected readonly name: string,
    protected readonly password: string,
    protected readonly tally: Tally,
    /** The room it is in and sends to (see ClientSpec.room); undefined: the default room. */
    protected readonly room?: string,
  ) {}

  /** The bytes that open the session (login, or NICK/USER). */
  protected abstract greeting(): string;
  /** Looks at one handshake line; returns true once the client is logged in and in the room. Throws on refusal. */
  protected abstract onHandshakeLine(line: string): boolean;
  /** Frames one payload as a room message; `seq` never repeats on a connection (Hearth dedups by it). */
  protected abstract frame(payload: string, seq: number): string;
  /** A request the server answers but nobody waits for; a stalled client sends it to notice being dropped. */
  protected abstract probe(): string;
  /** Protocol chores on an incoming chunk once logged in (answering PINGs, noticing error responses). */
  protected abstract inspect(chunk: Buffer): void;

  /** Over TLS (`tls`), the certificate is not checked: both servers use a self-signed one on loopback. */
  open(port: number, tls = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.settle?.(new Error(`handshake timed out after ${HANDSHAKE_TIMEOUT_MS} ms`)),
        HANDSHAKE_TIMEOUT_MS,
      );
      this.settle = (error) => {
        this.settle = undefined;
        clearTimeout(timer);
        if (error) {
          this.socket?.destroy();
          reject(error);
        } else resolve();
      };
      const options = {
        host: '127.0.0.1',
        port,
        localAddress: `127.0.0.${1 + (this.id % SOURCE_ADDRESSES)}`,
        noDelay: true,
        rejectUnauthorized: false,
        onread: {
          buffer: READ_BUFFER,
          callback: (bytes: number, buf: Uint8Array) => {
            const chunk = (buf as Buffer).subarray(0, bytes);
            if (this.ready) this.scan(chunk);
            else this.handshake(chunk);
            return true;
          },
        },
      };
      const socket = tls ? connectTls(options) : connect(options);
      this.socket = socket;
      socket.on(tls ? 'secureConnect' : 'connect', () => socket.write(this.greeting()));
      socket.on('error', (error) => this.settle?.(error));
      socket.on('close', () => {
        this.settle?.(new Error('connection closed during handshake'));
        clearInterval(this.probeTimer);
        if (this.stalledAtUs > 0) this.tally.stalledDropAfterMs.push((nowUs() - this.stalledAtUs) / 1000);
        else if (this.ready && !this.closing) this.tally.closed++;
      });
    });
  }

  private sends = 0;

  /** `count` stamped messages in one write. */
  sendStamped(count: number, sentAtUs: number): void {
    let frames = '';
    for (let k = 0; k < count; k++) frames += this.frame(makePayload(sentAtUs, this.id), this.sends++);
    this.sent += count;
    this.socket?.write(frames);
  }

  /**
   * Become a slow consumer: stop reading, so the server's output to this client piles up. A paused socket
   * never sees the server close it, so the client keeps writing a small probe: once the server has dropped
   * the connection, the kernel answers the probe with a reset and the socket closes.
   */
  stall(probeEveryMs: number): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    this.stalledAtUs = nowUs();
    socket.pause();
    this.probeTimer = setInterval(() => socket.write(this.probe()), probeEveryMs);
  }

  /** The TLS protocol and cipher agreed on, as `TLSv1.3 TLS_AES_256_GCM_SHA384`; undefined for plain TCP. */
  get cipher(): string | undefined {
    const socket = this.socket as (Socket & Partial<TLSSocket>) | undefined;
    const cipher = socket?.getCipher?.();
    return cipher ? `${socket?.getProtocol?.()} ${cipher.name}` : undefined;
  }

  write(data: string): void {
    this.socket?.write(data);
  }

  close(): Promise<void> {
    this.closing = true;
    clearInterval(this.probeTimer);
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 2000).unref();
    });
  }

  private handshake(chunk: Buffer): void {
    this.handshakeText += chunk.toString('utf8');
    let start = 0;
    for (;;) {
      const nl = this.handshakeText.indexOf('\n', start);
      if (nl < 0) break;
      const line = this.handshakeText.slice(start, nl).replace(/\r$/, '');
      start = nl + 1;
      let done: boolean;
      try {
        done = this.onHandshakeLine(line);
      } catch (error) {
        this.settle?.(error as Error);
        return;
      }
      if (done) {
        this.ready = true;
        const rest = this.handshakeText.slice(start);
        this.handshakeText = '';
        this.settle?.();
        if (rest) this.scan(Buffer.from(rest, 'utf8'));
        return;
      }
    }
    this.handshakeText = this.handshakeText.slice(start);
  }

  /** Finds each stamped payload in the raw bytes; one found = one delivery with its latency. */
  private scan(chunk: Buffer): void {
    let buf = chunk;
    if (this.leftover) {
      buf = Buffer.concat([this.leftover, chunk]);
      this.leftover = null;
    }
    const tally = this.tally;
    const now = nowUs();
    let pos = 0;
    for (;;) {
      const at = buf.indexOf(MARKER_BYTES, pos);
      if (at < 0) {
        if (buf[buf.length - 1] === MARKER_FIRST) this.leftover = Buffer.from(buf.subarray(buf.length - 1));
        break;
      }
      const stamp = at + MARKER_BYTES.length;
      if (stamp + STAMP_BYTES > buf.length) {
        this.leftover = Buffer.from(buf.subarray(at));
        break;
      }
      if (tally.counting && readDigits(buf, stamp + TIME_LEN, SENDER_LEN) !== this.id) {
        const sentAt = readDigits(buf, stamp, TIME_LEN);
        if (sentAt >= 0) {
          tally.received++;
          this.received++;
          tally.latency.record(now - sentAt);
        }
      }
      pos = stamp + STAMP_BYTES;
    }
    this.inspect(chunk);
  }
}

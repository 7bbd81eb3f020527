// The link to one room: a TLS socket whose certificate is checked against the pin before anything is
// written, inbound bytes cut into frames, a heartbeat that notices a link gone silent, and the backoff
// timer for reopening it. It knows nothing of requests or sessions.
import type { Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { Response } from '../../src-shared/protocol';
import { fail, type Result } from '../../src-shared/result';
import { type BackoffOptions, backoffDelay } from './backoff';
import { BadFrames, MAX_BAD_FRAMES_IN_A_ROW, readResponse } from './inbound';
import { LineDecoder } from './lines';
import { describeAddress, describeConnectError } from './network-errors';

export interface LinkOptions {
  connectTimeoutMs: number;
  heartbeatIntervalMs: number;
  deadAfterMs: number;
  maxFrameBytes: number;
  backoff: BackoffOptions;
}

export interface LinkHandlers {
  /** A frame that is a valid Hearth response. */
  response(response: Response): void;
  /** A frame that is not; `re` is the rid it claims to answer. */
  invalid(reason: string, re: string | undefined): void;
  /** The current socket closed (not one that was released on purpose). */
  closed(error: Error | null): void;
  /** First visit: the certificate seen is now the pin (trust on first use). */
  pinned(fingerprint: string): void;
}

export class Link {
  private socket: Socket | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectAttempt = 0;
  private lastInboundAt = 0;
  /** The room said goodbye on the current socket: it is shutting down, so its close is not a drop. */
  private goodbye = false;
  /** The fingerprint the room presented instead of the pinned one, once that happened; else null. */
  private presented: string | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly options: LinkOptions,
    /** The fingerprint every link to this room must present; set on first use if it was not known. */
    private pin: string | null,
    private readonly handlers: LinkHandlers,
  ) {}

  get fingerprint(): string | null {
    return this.pin;
  }

  get presentedFingerprint(): string | null {
    return this.presented;
  }

  get saidGoodbye(): boolean {
    return this.goodbye;
  }

  heardGoodbye(): void {
    this.goodbye = true;
  }

  /** The open socket, as a token: an operation spanning awaits checks it is still the same one. */
  get current(): Socket | null {
    return this.socket;
  }

  get reconnectPending(): boolean {
    return this.reconnectTimer !== null;
  }

  /**
   * Open a TLS link and check the room's certificate against the pin before anything is written. The
   * certificate is self-signed, so the TLS layer is told not to judge it (rejectUnauthorized: false); the pin
   * is the judgement, made here in secureConnect: a link that fails it is destroyed unused.
   * docs/protocol.md § Transport
   */
  open(): Promise<Result<Socket>> {
    return new Promise((resolve) => {
      const socket = tlsConnect({ host: this.host, port: this.port, rejectUnauthorized: false });
      socket.setNoDelay(true);
      let tcpConnected = false;
      const notTls = (why: string) =>
        fail(
          'not_hearth',
          `${describeAddress(this.host, this.port)} answered, but not like a Hearth room (${why})`,
        );
      const settle = (result: Result<Socket>) => {
        clearTimeout(timer);
        if (!result.ok) socket.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => {
        settle(
          tcpConnected
            ? notTls('no encrypted handshake in time')
            : fail('unreachable', describeConnectError(this.host, this.port, { code: 'ETIMEDOUT' })),
        );
      }, this.options.connectTimeoutMs);
      socket.once('connect', () => {
        tcpConnected = true;
      });
      socket.once('error', (error) => {
        settle(
          tcpConnected
            ? notTls(`no encrypted handshake: ${error.message}`)
            : fail('unreachable', describeConnectError(this.host, this.port, error)),
        );
      });
      socket.once('secureConnect', () => settle(this.checkPin(socket, notTls)));
    });
  }

  private checkPin(socket: TLSSocket, notTls: (why: string) => Result<Socket>): Result<Socket> {
    const fingerprint = socket.getPeerCertificate().fingerprint256;
    if (!fingerprint) return notTls('it presented no certificate');
    if (this.pin !== null && fingerprint !== this.pin) {
      this.presented = fingerprint;
      return fail(
        'certificate_changed',
        certificateChangedWarning(this.host, this.port, this.pin, fingerprint),
      );
    }
    if (this.pin === null) {
      this.pin = fingerprint;
      this.handlers.pinned(fingerprint);
    }
    socket.removeAllListeners('error');
    return { ok: true, value: socket };
  }

  /** Make an opened socket the current link: its frames, its close and its heartbeat are ours now. */
  attach(socket: Socket): void {
    this.socket = socket;
    this.goodbye = false;
    this.lastInboundAt = Date.now();
    const decoder = new LineDecoder(this.options.maxFrameBytes);
    const bad = new BadFrames();
    let lastError: Error | null = null;
    const sink = {
      line: (text: string) => {
        // Frames after a fatal one in the same chunk are not for us any more.
        if (!socket.destroyed) this.handleFrame(socket, bad, text);
      },
      tooLarge: (bytes: number) =>
        socket.destroy(
          new Error(`the room sent a frame over ${this.options.maxFrameBytes} bytes (${bytes} so far)`),
        ),
    };
    socket.on('data', (chunk: Buffer) => {
      this.lastInboundAt = Date.now();
      decoder.push(chunk, sink);
    });
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.on('close', () => {
      if (socket === this.socket) this.handlers.closed(lastError);
    });
    this.heartbeatTimer = setInterval(() => this.heartbeat(socket), this.options.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
  }

  /** Let go of the current link and destroy it; its close is not reported. */
  release(): void {
    const socket = this.socket;
    this.socket = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    socket?.destroy();
  }

  /** Close the current link as failed: its close is reported with this reason. */
  drop(reason: string): void {
    this.socket?.destroy(new Error(reason));
  }

  /** Write one frame on the current link; false when there is none. */
  write(frame: object): boolean {
    if (!this.socket) return false;
    this.socket.write(`${JSON.stringify(frame)}\n`);
    return true;
  }

  /** Run `reopen` after the next backoff delay; returns when that will be. */
  scheduleReconnect(reopen: () => void): number {
    const delay = backoffDelay(this.reconnectAttempt++, this.options.backoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      reopen();
    }, delay);
    return Date.now() + delay;
  }

  cancelReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** The link is back in use: the next drop starts the backoff from the beginning. */
  resetBackoff(): void {
    this.reconnectAttempt = 0;
  }

  /**
   * Hand one frame on. Whatever a room sends must not throw out of the socket's data listener (that would
   * take the whole main process down), so a failure in handling it closes this link instead.
   */
  private handleFrame(socket: Socket, bad: BadFrames, text: string): void {
    try {
      const read = readResponse(text);
      if (read.ok) {
        bad.good();
        this.handlers.response(read.response);
        return;
      }
      if (bad.worthLogging) {
        console.warn(
          `hearth: dropped frame ${bad.count + 1} from ${describeAddress(this.host, this.port)} that is not a Hearth response (${read.reason})`,
        );
      }
      this.handlers.invalid(read.reason, read.re);
      if (bad.bad()) {
        const why = `the room sent ${MAX_BAD_FRAMES_IN_A_ROW} frames in a row that are not Hearth responses (last: ${read.reason})`;
        socket.destroy(new Error(why));
      }
    } catch (error) {
      console.error('hearth: handling a frame from the room failed:', error);
      socket.destroy(new Error('the client failed on a frame from the room (a bug; see the log)'));
    }
  }

  private heartbeat(socket: Socket): void {
    if (Date.now() - this.lastInboundAt > this.options.deadAfterMs) {
      socket.destroy(new Error('the server stopped answering'));
      return;
    }
    socket.write(`${JSON.stringify({ request: 'ping', content: null })}\n`);
  }
}

/** The SSH-style warning for a room whose certificate is not the pinned one. */
export function certificateChangedWarning(
  host: string,
  port: number,
  pinned: string,
  presented: string,
): string {
  return (
    `Warning: the room at ${describeAddress(host, port)} presented a different certificate than last time. ` +
    'It may have been reinstalled, or someone may be intercepting the connection: this could be an attack. ' +
    `Nothing was sent. Last time: ${pinned}. Now: ${presented}. ` +
    'Only if the host confirms the room was reinstalled (and the new fingerprint), forget the old certificate and connect again.'
  );
}

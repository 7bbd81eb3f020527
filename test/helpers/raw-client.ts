// A raw-socket test client: writes whatever it is told (JSON objects or raw bytes) and records every chunk
// and every object the server sends, so tests can wait for answers and inspect how they arrived.
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export type Received = Record<string, unknown> & { response?: string; content?: unknown };

export class RawClient {
  /** Every chunk exactly as one `data` event delivered it. */
  readonly chunks: string[] = [];
  /** Every object received, in order, including those already taken by waitFor. */
  readonly all: Received[] = [];
  private readonly unread: Received[] = [];
  private partial = '';
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;
  isClosed = false;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.chunks.push(chunk);
      this.partial += chunk;
      let nl = this.partial.indexOf('\n');
      while (nl >= 0) {
        const line = this.partial.slice(0, nl);
        this.partial = this.partial.slice(nl + 1);
        if (line.trim() !== '') {
          const value = JSON.parse(line) as Received;
          this.all.push(value);
          this.unread.push(value);
        }
        nl = this.partial.indexOf('\n');
      }
      this.wake();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      }),
    );
  }

  /**
   * Rooms speak TLS by default, so the raw client does too (it checks no certificate: the pinning tests
   * use the real client core). `tls: false` for a plaintext port (classic port, or a server with tls off).
   * `keepOpen`: when the server closes its side, keep ours open (as several classic clients do) until close().
   */
  static connect(port: number, options: { tls?: boolean; keepOpen?: boolean } = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const plain = options.tls === false;
      const allowHalfOpen = options.keepOpen === true;
      // tls.connect passes allowHalfOpen on to its socket, though its option type does not list it.
      const tlsOptions = { host: '127.0.0.1', port, rejectUnauthorized: false, allowHalfOpen };
      const socket = plain ? connect({ port, host: '127.0.0.1', allowHalfOpen }) : tlsConnect(tlsOptions);
      socket.once(plain ? 'connect' : 'secureConnect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Send a request object (newline-terminated unless `bare`) or a raw string. */
  send(value: object | string, bare = false): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    this.socket.write(bare || typeof value === 'string' ? text : `${text}\n`);
  }

  /**
   * Take the first unread object matching `match`, waiting up to `timeoutMs` for it. 10 s by default, not
   * 3: on a loaded CI box a register (password hashing on the worker pool) once took longer than 3 s.
   */
  async waitFor(
    match: (r: Received) => boolean,
    timeoutMs = 10_000,
    what = 'a matching response',
  ): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.unread.findIndex(match);
      if (i >= 0) return this.unread.splice(i, 1)[0] as Received;
      const left = deadline - Date.now();
      if (left <= 0 || this.isClosed) {
        const seen = this.unread.map((r) => JSON.stringify(r).slice(0, 160)).join('\n  ');
        throw new Error(`timed out waiting for ${what}; unread:\n  ${seen}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Wait for a response of this type (optionally answering rid `re`). */
  response(type: string, re?: string, timeoutMs?: number): Promise<Received> {
    return this.waitFor(
      (r) => r.response === type && (re === undefined || r.re === re),
      timeoutMs,
      `"${type}"${re ? ` re ${re}` : ''}`,
    );
  }

  /** Send a request with a fresh rid and wait for the answer echoing it. */
  async ask(request: string, content?: unknown, timeoutMs?: number): Promise<Received> {
    const rid = `r${++ridCounter}`;
    this.send({ request, content, rid });
    return this.waitFor((r) => r.re === rid, timeoutMs, `answer to ${request}`);
  }

  /** Objects not yet taken that match. */
  pending(match: (r: Received) => boolean = () => true): Received[] {
    return this.unread.filter(match);
  }

  /** Forget unread objects (e.g. notices a test does not care about). */
  drain(): void {
    this.unread.length = 0;
  }

  /** Forget the whole record too: in a long load test the record would be the memory the test measures. */
  forgetAll(): void {
    this.drain();
    this.chunks.length = 0;
    this.all.length = 0;
  }

  close(): Promise<void> {
    this.socket.end();
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

let ridCounter = 0;

/** Connect and log in to an account, registering it on first use (so no failed logins are counted). */
export async function loginUser(
  port: number,
  username: string,
  password = 'correct horse',
): Promise<RawClient> {
  const client = await RawClient.connect(port);
  const registered = await client.ask('register', { username, password }, 5000);
  if (registered.response === 'login') return client;
  const answer = await client.ask('login', { username, password }, 5000);
  if (answer.response !== 'login') throw new Error(`could not log in ${username}: ${JSON.stringify(answer)}`);
  return client;
}

/** Connect and log in as a Hearth guest (object login, coalesced pushes). */
export async function loginGuest(port: number, username: string): Promise<RawClient> {
  const client = await RawClient.connect(port);
  const answer = await client.ask('login', { username, guest: true });
  if (answer.response !== 'login') throw new Error(`guest login failed: ${JSON.stringify(answer)}`);
  return client;
}

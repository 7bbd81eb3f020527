// File transfer steps the file tests share: an account with its session token, and a raw transfer
// connection that sends one request line, reads the room's line, and then sends or reads raw bytes.
import { createHash } from 'node:crypto';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { RawClient, type Received } from './raw-client';

export interface Account {
  client: RawClient;
  username: string;
  token: string;
}

export async function account(port: number, username: string): Promise<Account> {
  const client = await RawClient.connect(port);
  const answer = await client.ask('register', { username, password: 'correct horse' }, 5000);
  const token = (answer.content as { token?: string }).token;
  if (answer.response !== 'login' || !token)
    throw new Error(`register ${username}: ${JSON.stringify(answer)}`);
  return { client, username, token };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A transfer connection: lines the room sent (parsed) and the raw bytes after the first line. */
export class Transfer {
  readonly lines: Received[] = [];
  readonly bytes: Buffer[] = [];
  readonly closed: Promise<void>;
  private buffered = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  private constructor(
    readonly socket: TLSSocket,
    private readonly rawAfterFirst: boolean,
  ) {
    socket.on('data', (chunk: Buffer) => this.take(chunk));
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    this.closed.then(() => this.wake());
  }

  /** `rawAfterFirst`: a download, whose bytes follow its first line. */
  static open(port: number, request: object, rawAfterFirst = false): Promise<Transfer> {
    return new Promise((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      socket.once('secureConnect', () => {
        socket.write(`${JSON.stringify(request)}\n`);
        resolve(new Transfer(socket, rawAfterFirst));
      });
      socket.once('error', reject);
    });
  }

  /** The n-th line the room sent (0-based), once it arrived; null if the connection closed first. */
  async line(n: number, timeoutMs = 10_000): Promise<Received | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length <= n) {
      if (this.socket.destroyed || Date.now() > deadline) return this.lines[n] ?? null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.lines[n] as Received;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  get received(): Buffer {
    return Buffer.concat(this.bytes);
  }

  private take(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (this.rawAfterFirst && this.lines.length > 0) {
        if (this.buffered.length > 0) this.bytes.push(this.buffered);
        this.buffered = Buffer.alloc(0);
        break;
      }
      const nl = this.buffered.indexOf(10);
      if (nl < 0) break;
      this.lines.push(JSON.parse(this.buffered.subarray(0, nl).toString('utf8')) as Received);
      this.buffered = this.buffered.subarray(nl + 1);
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Upload `bytes` whole (announced as `announced`, its sha256 unless told): the room's last line. */
export async function put(
  port: number,
  who: Account,
  bytes: Buffer,
  options: { sha?: string; size?: number } = {},
): Promise<Received | null> {
  const t = await Transfer.open(port, {
    request: 'file_put',
    content: {
      username: who.username,
      token: who.token,
      sha256: options.sha ?? sha256(bytes),
      size: options.size ?? bytes.length,
    },
    rid: 'p',
  });
  const ready = await t.line(0);
  if (ready?.response !== 'file_ready') return ready;
  const offset = (ready.content as { offset: number }).offset;
  t.write(bytes.subarray(offset));
  const last = await t.line(1);
  await t.closed;
  return last;
}

/** Download the file of message `id` from `offset`: the first line and the bytes. */
export async function get(
  port: number,
  who: Account,
  id: number,
  offset = 0,
): Promise<{ first: Received | null; bytes: Buffer }> {
  const t = await Transfer.open(
    port,
    { request: 'file_get', content: { username: who.username, token: who.token, id, offset }, rid: 'g' },
    true,
  );
  const first = await t.line(0);
  if (first?.response === 'file_data') await t.closed;
  else t.socket.destroy();
  return { first, bytes: t.received };
}

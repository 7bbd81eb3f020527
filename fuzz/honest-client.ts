// A well-behaved Hearth client over a raw socket, chatting while the fuzzer attacks the same server.
// It keeps exact books: which of its sends were acked, and how often each message of its peer arrived.
import type { Socket } from 'node:net';
import { dial, type Endpoint } from './dial';
import { readServerLines, type ServerObject } from './response-reader';

const ANSWER_TIMEOUT_MS = 20_000;
const CLOSE_GRACE_MS = 2000;

export interface HonestBooks {
  sent: number;
  acked: number;
  /** Texts of the peer's messages and how many times each arrived. */
  fromPeer: Map<string, number>;
  /** Milliseconds from each send to its ack. */
  ackLatenciesMs: number[];
  errors: string[];
  droppedByServer: boolean;
}

export class HonestClient {
  readonly books: HonestBooks = {
    sent: 0,
    acked: 0,
    fromPeer: new Map(),
    ackLatenciesMs: [],
    errors: [],
    droppedByServer: false,
  };
  /** Client ids sent and not yet acked, with the time they were sent. */
  private readonly unacked = new Map<string, number>();
  private readonly waiters = new Map<string, (object: ServerObject) => void>();
  private peer = '';
  private closing = false;
  private sequence = 0;

  private constructor(
    private readonly socket: Socket,
    readonly username: string,
  ) {
    readServerLines(
      socket,
      (object) => this.onObject(object),
      (line) => this.books.errors.push(`unparseable line from server: ${line.slice(0, 200)}`),
    );
    socket.on('close', () => {
      if (!this.closing) this.books.droppedByServer = true;
      for (const waiter of this.waiters.values()) waiter({ response: 'error', content: 'connection closed' });
    });
    socket.on('error', (err) => this.books.errors.push(`socket error: ${err.message}`));
  }

  /** Creates the account (which logs that connection in) and hangs up. */
  static async register(endpoint: Endpoint, username: string, password: string): Promise<void> {
    const first = await HonestClient.open(endpoint, username);
    await first.request('register', { username, password }, 'login');
    await first.close();
  }

  /** Registers the account on a first connection, then logs in with the password on a second one. */
  static async registerAndLogin(
    endpoint: Endpoint,
    username: string,
    password: string,
  ): Promise<HonestClient> {
    await HonestClient.register(endpoint, username, password);
    const client = await HonestClient.open(endpoint, username);
    await client.request('login', { username, password }, 'login');
    return client;
  }

  private static open(endpoint: Endpoint, username: string): Promise<HonestClient> {
    return new Promise((resolve, reject) => {
      const socket = dial(endpoint, () => {
        socket.off('error', reject);
        resolve(new HonestClient(socket, username));
      });
      socket.once('error', reject);
    });
  }

  chatWith(peer: string): void {
    this.peer = peer;
  }

  /** Sends one room message; the text names this client and a sequence number, so it is unique. */
  sendNext(): void {
    this.sequence += 1;
    const cid = `${this.username}-${this.sequence}`;
    this.unacked.set(cid, performance.now());
    this.books.sent += 1;
    this.write({ request: 'msg', content: { text: `hello from ${cid}`, cid, to: 'room' } });
  }

  get pendingAcks(): number {
    return this.unacked.size;
  }

  close(): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    });
  }

  private write(object: unknown): void {
    this.socket.write(`${JSON.stringify(object)}\n`);
  }

  private request(request: string, content: unknown, expected: string): Promise<ServerObject> {
    const rid = `${request}-${this.username}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.username}: no answer to ${request}`)),
        ANSWER_TIMEOUT_MS,
      );
      this.waiters.set(rid, (answer) => {
        clearTimeout(timer);
        this.waiters.delete(rid);
        if (answer.response === expected) resolve(answer);
        else
          reject(new Error(`${this.username}: ${request} answered ${JSON.stringify(answer).slice(0, 300)}`));
      });
      this.write({ request, content, rid });
    });
  }

  private onObject(object: ServerObject): void {
    const waiter = typeof object.re === 'string' ? this.waiters.get(object.re) : undefined;
    if (waiter) {
      waiter(object);
    } else if (object.response === 'ack') {
      this.onAck(object.content);
    } else if (object.response === 'error') {
      this.books.errors.push(`error ${String(object.code)}: ${String(object.content)}`);
    } else if (
      object.response === 'message' &&
      object.sender === this.peer &&
      typeof object.content === 'string'
    ) {
      this.books.fromPeer.set(object.content, (this.books.fromPeer.get(object.content) ?? 0) + 1);
    }
  }

  private onAck(content: unknown): void {
    const cid = content && typeof content === 'object' && 'cid' in content ? content.cid : undefined;
    const sentAt = typeof cid === 'string' ? this.unacked.get(cid) : undefined;
    if (typeof cid === 'string' && sentAt !== undefined) {
      this.unacked.delete(cid);
      this.books.acked += 1;
      this.books.ackLatenciesMs.push(performance.now() - sentAt);
    } else this.books.errors.push(`ack for an unknown or repeated cid: ${JSON.stringify(content)}`);
  }
}

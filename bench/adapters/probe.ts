// A one-connection Hearth client for timing single request/response round trips (login, history).
// Unlike the load clients it parses every line, since it reads few of them. Over TLS (the files scenario's
// chat links) it also hands the lines nobody waits for, such as room messages, to `onPush`.
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface ProbeResponse {
  response: string;
  re?: string;
  content?: unknown;
}

export class Probe {
  private buffer = '';
  private waiters: { match: (r: ProbeResponse) => boolean; resolve: (r: ProbeResponse) => void }[] = [];
  onPush: (response: ProbeResponse) => void = () => {};

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.buffer += text;
      let nl = this.buffer.indexOf('\n');
      while (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (line.trim()) this.deliver(JSON.parse(line) as ProbeResponse);
        nl = this.buffer.indexOf('\n');
      }
    });
  }

  static open(port: number, secure = false): Promise<Probe> {
    return new Promise((resolve, reject) => {
      // A bench room's certificate is self-signed and made for the run: nothing to pin.
      const socket = secure
        ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }).setNoDelay(true)
        : connect({ host: '127.0.0.1', port, noDelay: true });
      socket.once(secure ? 'secureConnect' : 'connect', () => resolve(new Probe(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one request nobody waits an answer for. */
  send(body: object): void {
    this.socket.write(`${JSON.stringify(body)}\n`);
  }

  /** Sends one request and resolves with the first response `match` accepts, and the round trip in ms. */
  request(
    body: object,
    match: (r: ProbeResponse) => boolean,
  ): Promise<{ response: ProbeResponse; ms: number }> {
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(body)}`)), 30_000);
      this.waiters.push({
        match,
        resolve: (response) => {
          clearTimeout(timer);
          resolve({ response, ms: Number(process.hrtime.bigint() - started) / 1e6 });
        },
      });
      this.socket.write(`${JSON.stringify(body)}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(response: ProbeResponse): void {
    const i = this.waiters.findIndex((w) => w.match(response) || response.response === 'error');
    if (i < 0) {
      this.onPush(response);
      return;
    }
    const [waiter] = this.waiters.splice(i, 1);
    waiter?.resolve(response);
  }
}

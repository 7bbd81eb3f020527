// A loopback TCP proxy that cuts every link after a random number of bytes, in either direction. The cut
// falls anywhere: inside a frame, inside a multi-byte character, between two frames. The last partial chunk
// is forwarded before both sockets are destroyed, so the far side really receives half a frame.
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface CutFigures {
  links: number;
  cuts: number;
  /** Cuts that left the receiver with part of a frame (the forwarded bytes did not end with a newline). */
  midFrame: number;
  /** Cuts while the client was sending / while the server was. */
  upstream: number;
  downstream: number;
}

export class ChoppingProxy {
  port = 0;
  /** While false, links are left alone (setting up accounts, and letting everything settle at the end). */
  chopping = false;
  readonly figures: CutFigures = { links: 0, cuts: 0, midFrame: 0, upstream: 0, downstream: 0 };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  /** `budget()` draws how many bytes one direction of one link may carry before it is cut. */
  constructor(
    private readonly targetPort: number,
    private readonly budget: () => number,
  ) {}

  start(): Promise<number> {
    const server = createServer((client) => this.pipe(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve(this.port);
      });
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    this.figures.links++;
    const upstream = tcpConnect({ host: '127.0.0.1', port: this.targetPort });
    this.sockets.add(client);
    this.sockets.add(upstream);
    let severed = false;
    const sever = () => {
      severed = true;
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    const forward = (from: Socket, to: Socket, direction: 'upstream' | 'downstream') => {
      let left = this.budget();
      let lastByte = 0x0a;
      from.on('data', (chunk: Buffer) => {
        if (severed) return;
        if (!this.chopping || chunk.length < left) {
          if (this.chopping) left -= chunk.length;
          lastByte = chunk[chunk.length - 1] ?? lastByte;
          to.write(chunk);
          return;
        }
        const part = chunk.subarray(0, left);
        this.figures.cuts++;
        this.figures[direction]++;
        if ((part[part.length - 1] ?? lastByte) !== 0x0a) this.figures.midFrame++;
        // The partial chunk goes out before the link dies, so the receiver holds half a frame.
        severed = true;
        to.write(part, sever);
      });
    };
    forward(client, upstream, 'upstream');
    forward(upstream, client, 'downstream');
    client.on('error', () => {});
    upstream.on('error', () => {});
    client.on('close', sever);
    upstream.on('close', sever);
  }
}

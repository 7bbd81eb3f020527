// The TCP load balancer in front of a cluster: each new connection goes to the next node in turn, skipping a
// node that refuses (a killed one), and carries bytes untouched (TLS passes through to the node).
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export class RoundRobinProxy {
  port = 0;
  /** Connections forwarded, by node index. */
  readonly routed: number[];
  /** Connections open now, by node index. */
  readonly live: number[];
  private next = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly nodePorts: () => readonly number[]) {
    this.routed = nodePorts().map(() => 0);
    this.live = nodePorts().map(() => 0);
  }

  start(): Promise<number> {
    const server = createServer((client) => this.forward(client, 0));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve(this.port);
      });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private forward(client: Socket, tried: number): void {
    const ports = this.nodePorts();
    if (tried >= ports.length) {
      client.destroy();
      return;
    }
    const index = this.next++ % ports.length;
    client.pause();
    const upstream = tcpConnect(ports[index] as number, '127.0.0.1');
    let connected = false;
    upstream.once('error', () => {
      upstream.destroy();
      if (!connected && !client.destroyed) this.forward(client, tried + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      this.routed[index] = (this.routed[index] ?? 0) + 1;
      this.live[index] = (this.live[index] ?? 0) + 1;
      this.sockets.add(client);
      this.sockets.add(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      let ended = false;
      const end = () => {
        if (!ended) this.live[index] = (this.live[index] ?? 1) - 1;
        ended = true;
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', end);
      upstream.on('close', end);
      client.on('error', end);
      upstream.on('error', end);
    });
  }
}

// What the loopback TCP proxies of the fault and cluster tests share: a listening socket on a free port,
// every socket they hold (so close() ends them all) and the link to an upstream port. Each proxy decides
// what happens to one client's link: test/crash/chopping-proxy.ts cuts it, test/cluster/round-robin-proxy.ts
// spreads links over nodes, with a PROXY header first when asked.
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export abstract class LoopbackProxy {
  port = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  start(): Promise<number> {
    const server = createServer((client) => {
      this.hold(client);
      this.link(client);
    });
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

  /** One client's link: connect it upstream (upstream()) and carry its bytes. */
  protected abstract link(client: Socket): void;

  /** A connection to a node on loopback, held until it closes; `localAddress` picks the source (127.x). */
  protected upstream(port: number, localAddress?: string): Socket {
    return this.hold(tcpConnect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) }));
  }

  private hold(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }
}

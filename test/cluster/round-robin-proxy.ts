// The TCP load balancer in front of a cluster: each new connection goes to the next node in turn, skipping a
// node that refuses (a killed one), and carries bytes untouched (TLS passes through to the node). Asked to,
// it connects from another loopback address and starts each link with a PROXY header (v1 or v2) naming the
// client as `source` says: its own address, or one the test makes up.
import { isIPv4, type Socket } from 'node:net';
import { LoopbackProxy } from '../helpers/tcp-proxy';

export interface ProxyHeaderOptions {
  version: 1 | 2;
  /** The balancer's source address (127.0.0.2, say), which the nodes trust with --proxy-from. */
  from: string;
  /** Whom the header names; default the client's own address and port. */
  source?: (client: Socket) => { address: string; port: number };
}

/** The PROXY header naming `source` (HAProxy's spec); the destination is the node, which reads no further. */
export function proxyHeader(version: 1 | 2, source: { address: string; port: number }, port: number): Buffer {
  const v4 = isIPv4(source.address);
  const destination = v4 ? '127.0.0.1' : '::1';
  if (version === 1) {
    const family = v4 ? 'TCP4' : 'TCP6';
    return Buffer.from(
      `PROXY ${family} ${source.address} ${destination} ${source.port} ${port}\r\n`,
      'latin1',
    );
  }
  const addresses = v4 ? 12 : 36;
  const header = Buffer.alloc(16 + addresses);
  Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]).copy(header);
  header[12] = 0x21;
  header[13] = v4 ? 0x11 : 0x21;
  header.writeUInt16BE(addresses, 14);
  const size = v4 ? 4 : 16;
  addressBytes(source.address).copy(header, 16);
  addressBytes(destination).copy(header, 16 + size);
  header.writeUInt16BE(source.port, 16 + 2 * size);
  header.writeUInt16BE(port, 18 + 2 * size);
  return header;
}

function addressBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const front = groups(head);
  const back = groups(tail);
  const all = [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  const bytes = Buffer.alloc(16);
  for (const [i, g] of all.entries()) bytes.writeUInt16BE(g, i * 2);
  return bytes;
}

export class RoundRobinProxy extends LoopbackProxy {
  /** Connections forwarded, by node index. */
  readonly routed: number[];
  /** Connections open now, by node index. */
  readonly live: number[];
  private next = 0;

  constructor(
    private readonly nodePorts: () => readonly number[],
    private readonly header?: ProxyHeaderOptions,
  ) {
    super();
    this.routed = nodePorts().map(() => 0);
    this.live = nodePorts().map(() => 0);
  }

  protected link(client: Socket): void {
    client.pause();
    this.forward(client, 0);
  }

  private forward(client: Socket, tried: number): void {
    const ports = this.nodePorts();
    if (tried >= ports.length) {
      client.destroy();
      return;
    }
    const index = this.next++ % ports.length;
    const port = ports[index] as number;
    const upstream = this.upstream(port, this.header?.from);
    let connected = false;
    upstream.once('error', () => {
      upstream.destroy();
      if (!connected && !client.destroyed) this.forward(client, tried + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      this.routed[index] = (this.routed[index] ?? 0) + 1;
      this.live[index] = (this.live[index] ?? 0) + 1;
      if (this.header) {
        const named = this.header.source?.(client) ?? {
          address: client.remoteAddress as string,
          port: client.remotePort as number,
        };
        upstream.write(proxyHeader(this.header.version, named, port));
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      let ended = false;
      const end = () => {
        if (!ended) this.live[index] = (this.live[index] ?? 1) - 1;
        ended = true;
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end);
      upstream.on('close', end);
      client.on('error', end);
      upstream.on('error', end);
    });
  }
}

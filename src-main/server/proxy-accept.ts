// The main port behind a TCP load balancer (`--proxy-from`, docs/cluster.md § Behind a load balancer): a
// connection from the balancer must start with a PROXY header (v1 or v2, proxy-header.ts), whose source
// address then stands for the socket's own everywhere (the per-address caps, the login throttles, the
// logs); a connection from anyone else that starts with one is refused, so nobody can claim another's
// address, and one that does not is served as it came. TLS starts after the header.
import { isIP, type Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';
import { parseProxyHeader } from './proxy-header';

export interface ProxyAcceptOptions {
  /** The balancers' addresses. */
  from: readonly string[];
  /** Null: plaintext (tests, benchmarks). */
  secureContext: () => SecureContext | null;
  /** For the header and then the TLS handshake, each. */
  timeoutMs: number;
  log: (line: string) => void;
}

/** Enough for any header this room accepts; more without one is not a header. */
const MAX_HEADER_BYTES = 16 + 1024;

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function plainAddress(address: string | undefined): string {
  return address?.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : (address ?? '');
}

/** From here on the socket answers with the address the balancer reported. */
function setPeer(socket: Socket, address: string, port: number): void {
  const family = isIP(address) === 6 ? 'IPv6' : 'IPv4';
  Object.defineProperty(socket, 'remoteAddress', { value: address, configurable: true });
  Object.defineProperty(socket, 'remotePort', { value: port, configurable: true });
  Object.defineProperty(socket, 'remoteFamily', { value: family, configurable: true });
}

export class ProxyAccept {
  private readonly balancers: ReadonlySet<string>;

  constructor(
    private readonly options: ProxyAcceptOptions,
    /** The socket with its real peer, counted by `count` first, then (after TLS) ready for the protocol. */
    private readonly count: (socket: Socket) => void,
    private readonly accept: (socket: Socket) => void,
  ) {
    this.balancers = new Set(options.from.map(plainAddress));
  }

  readonly connection = (socket: Socket): void => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    let buffered = Buffer.alloc(0);
    const refuse = (reason: string) => {
      this.options.log(`refused ${peer}: ${reason}`);
      socket.destroy();
    };
    const timer = setTimeout(() => refuse('no PROXY header in time'), this.options.timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const header = parseProxyHeader(buffered);
      if (header.kind === 'incomplete' && buffered.length <= MAX_HEADER_BYTES) return;
      socket.off('data', onData);
      socket.pause();
      clearTimeout(timer);
      const fromBalancer = this.balancers.has(plainAddress(socket.remoteAddress));
      if (header.kind === 'incomplete' || header.kind === 'invalid')
        return refuse(`bad PROXY header: ${header.kind === 'invalid' ? header.reason : 'too long'}`);
      if (header.kind === 'absent') {
        if (fromBalancer) return refuse('the balancer sent no PROXY header');
        socket.unshift(buffered);
      } else {
        if (!fromBalancer) return refuse('a PROXY header from an address that is not a balancer');
        if (header.source) setPeer(socket, header.source.address, header.source.port);
        if (buffered.length > header.length) socket.unshift(buffered.subarray(header.length));
      }
      this.ready(socket);
    };
    socket.on('error', () => clearTimeout(timer));
    socket.on('data', onData);
  };

  private ready(socket: Socket): void {
    this.count(socket);
    if (socket.destroyed) return;
    const context = this.options.secureContext();
    if (!context) {
      this.accept(socket);
      socket.resume();
      return;
    }
    const tls = new TLSSocket(socket, { isServer: true, secureContext: context });
    setPeer(tls, socket.remoteAddress as string, socket.remotePort as number);
    const failed = (error: Error) => {
      this.options.log(`tls handshake failed ${socket.remoteAddress}:${socket.remotePort}: ${error.message}`);
      tls.destroy();
    };
    const timer = setTimeout(() => failed(new Error('timed out')), this.options.timeoutMs);
    tls.once('error', failed);
    tls.once('secure', () => {
      clearTimeout(timer);
      tls.off('error', failed);
      this.accept(tls);
    });
  }
}

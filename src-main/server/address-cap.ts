// Counts the sockets each remote address holds open (from TCP accept to close, so TLS handshakes still in
// progress count too), for the per-address connection cap against one machine holding many idle sockets.
import { isIP, type Socket } from 'node:net';

/** 'refuse': over the cap, tell the peer why and close. 'cut': past twice the cap, close without a word. */
export type CapVerdict = 'ok' | 'refuse' | 'cut';

export class AddressCap {
  private readonly open = new Map<string, number>();
  /** Sockets that arrived over the cap (by address and port), judged when they are accepted over TLS. */
  private readonly over = new Set<string>();

  constructor(
    private readonly cap: number,
    private readonly loopbackExempt: boolean,
  ) {}

  /**
   * Count a newly accepted TCP socket until it closes, and judge it by the count on its arrival, so a slow
   * handshake cannot lose its place to a later socket. Only a client that ignores the refusals gets past twice
   * the cap, so it is cut at once, before a TLS handshake is spent on it.
   */
  track(socket: Socket): CapVerdict {
    const address = socket.remoteAddress;
    if (!this.counts(address)) return 'ok';
    const held = (this.open.get(address) ?? 0) + 1;
    this.open.set(address, held);
    const peer = `${address}|${socket.remotePort}`;
    const verdict: CapVerdict = held > 2 * this.cap ? 'cut' : held > this.cap ? 'refuse' : 'ok';
    if (verdict === 'refuse') this.over.add(peer);
    socket.once('close', () => {
      this.over.delete(peer);
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    return verdict;
  }

  /** Whether this socket (or the TLS socket over it) arrived over the cap. */
  refused(socket: Socket): boolean {
    return this.over.has(`${socket.remoteAddress}|${socket.remotePort}`);
  }

  held(address: string | undefined): number {
    return address ? (this.open.get(address) ?? 0) : 0;
  }

  private counts(address: string | undefined): address is string {
    if (this.cap <= 0 || !address) return false;
    return !(this.loopbackExempt && isLoopback(address));
  }
}

export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

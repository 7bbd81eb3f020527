// Who may hold a connection: the per-address cap (counted from TCP accept) and the room's connection limit.
// A refused peer is told why, in one error line, and closed.
import type { Socket } from 'node:net';
import { AddressCap } from './address-cap';
import type { ResolvedOptions } from './options';
import { errorLine } from './responses';

export class Admission {
  private readonly addressCap: AddressCap;

  constructor(private readonly opts: ResolvedOptions) {
    this.addressCap = new AddressCap(opts.maxConnectionsPerAddress, opts.loopbackExemptFromAddressCap);
  }

  /** Every TCP socket is counted from accept, before any TLS handshake, so stalled handshakes count too. */
  readonly countTcp = (socket: Socket): void => {
    if (this.addressCap.track(socket) === 'cut') socket.destroy();
  };

  /** Whether a socket ready to speak the protocol may join a room that holds `held` connections. */
  admit(socket: Socket, held: number): boolean {
    const { opts } = this;
    if (held >= opts.maxConnections) {
      opts.log(`refused ${socket.remoteAddress}:${socket.remotePort}: ${held} connections already`);
      this.refuse(socket, errorLine('server_full', 'the room is full: try again later'));
      return false;
    }
    if (this.addressCap.refused(socket)) {
      const fromAddress = this.addressCap.held(socket.remoteAddress);
      opts.log(
        `refused ${socket.remoteAddress}:${socket.remotePort}: ${fromAddress} connections from that address`,
      );
      this.refuse(
        socket,
        errorLine(
          'too_many_connections',
          `too many connections from your address (at most ${opts.maxConnectionsPerAddress}): close some and try again`,
        ),
      );
      return false;
    }
    return true;
  }

  /** Say why, then close; a peer that never closes its side is cut off after the close grace. */
  private refuse(socket: Socket, line: string): void {
    socket.on('error', () => {});
    socket.end(line);
    socket.setTimeout(this.opts.closeGraceMs, () => socket.destroy());
  }
}

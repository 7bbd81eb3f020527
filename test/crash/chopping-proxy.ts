// A loopback TCP proxy that cuts every link after a random number of bytes, in either direction. The links
// carry TLS, so the cut falls anywhere in the ciphertext: inside a TLS record (and so inside the frame it
// carries), or between two records. The bytes up to the cut are forwarded before both sockets are
// destroyed, so the far side really receives half a record.
import type { Socket } from 'node:net';
import { LoopbackProxy } from '../helpers/tcp-proxy';

export interface CutFigures {
  links: number;
  cuts: number;
  /** Cuts that left the receiver with part of a TLS record. */
  midRecord: number;
  /** Cuts while the client was sending / while the server was. */
  upstream: number;
  downstream: number;
}

export class ChoppingProxy extends LoopbackProxy {
  /** While false, links are left alone (setting up accounts, and letting everything settle at the end). */
  chopping = false;
  readonly figures: CutFigures = { links: 0, cuts: 0, midRecord: 0, upstream: 0, downstream: 0 };
  /** `budget()` draws how many bytes one direction of one link may carry before it is cut. */
  constructor(
    private readonly targetPort: number,
    private readonly budget: () => number,
  ) {
    super();
  }

  protected link(client: Socket): void {
    this.figures.links++;
    const upstream = this.upstream(this.targetPort);
    let severed = false;
    const sever = () => {
      severed = true;
      client.destroy();
      upstream.destroy();
    };
    const forward = (from: Socket, to: Socket, direction: 'upstream' | 'downstream') => {
      let left = this.budget();
      const records = new TlsRecords();
      from.on('data', (chunk: Buffer) => {
        if (severed) return;
        if (!this.chopping || chunk.length < left) {
          if (this.chopping) left -= chunk.length;
          records.pass(chunk);
          to.write(chunk);
          return;
        }
        const part = chunk.subarray(0, left);
        records.pass(part);
        this.figures.cuts++;
        this.figures[direction]++;
        if (!records.atBoundary) this.figures.midRecord++;
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

/** Follows the TLS record boundaries of one direction of a link: a 5-byte header whose last two bytes give the body length. */
class TlsRecords {
  private header: number[] = [];
  private bodyLeft = 0;

  pass(bytes: Buffer): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, bytes.length - i);
        this.bodyLeft -= take;
        i += take;
        continue;
      }
      this.header.push(bytes[i++] as number);
      if (this.header.length === 5) {
        this.bodyLeft = ((this.header[3] as number) << 8) | (this.header[4] as number);
        this.header = [];
      }
    }
  }

  get atBoundary(): boolean {
    return this.bodyLeft === 0 && this.header.length === 0;
  }
}

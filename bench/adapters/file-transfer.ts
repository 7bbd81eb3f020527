// The files scenario's transfer client: one TLS connection per transfer, one JSON line each way, then raw
// bytes (docs/protocol.md § Files). The same code drives the Hearth room and the plain TLS copy it is
// compared with (bench/tls-ceiling.ts speaks the same three answers), so the two figures differ only in
// what the server does with the bytes. Uploads write CHUNK_BYTES at a time and wait for `drain`, as a
// client streaming a file from disk does; downloads count the bytes and check the total.
import { createHash } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';

/** What the client writes per call: the size Node's file streams read (createReadStream's 64 KiB). */
export const CHUNK_BYTES = 64 * 1024;
/** The repeating block a bench file is made of; a multiple of CHUNK_BYTES. */
const BLOCK_BYTES = 16 * CHUNK_BYTES;

/** A bench file of `size` bytes: random bytes, unique per `seed` (so the room's dedupe never skips one). */
export class BenchFile {
  readonly sha256: string;
  private readonly block: Buffer;
  private readonly first: Buffer;

  constructor(
    readonly size: number,
    seed: number,
    block: Buffer,
  ) {
    if (block.length !== BLOCK_BYTES) throw new Error(`a bench file block is ${BLOCK_BYTES} bytes`);
    this.block = block;
    this.first = Buffer.from(block.subarray(0, CHUNK_BYTES));
    this.first.writeUInt32BE(seed, 0);
    const hash = createHash('sha256');
    for (let at = 0; at < size; at += CHUNK_BYTES) hash.update(this.chunkAt(at));
    this.sha256 = hash.digest('hex');
  }

  static block(): Buffer {
    const block = Buffer.allocUnsafe(BLOCK_BYTES);
    for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
    return block;
  }

  /** The chunk at byte `at` (a multiple of CHUNK_BYTES), cut at the end of the file. */
  chunkAt(at: number): Buffer {
    const length = Math.min(CHUNK_BYTES, this.size - at);
    if (at === 0) return this.first.subarray(0, length);
    const from = at % BLOCK_BYTES;
    return this.block.subarray(from, from + length);
  }
}

export interface Transferred {
  bytes: number;
  /** From the first byte of the body to the room's last answer (upload) or the last byte (download). */
  seconds: number;
  /** The TLS cipher the connection agreed on. */
  cipher: string;
}

interface Line {
  response: string;
  content?: { offset?: number; size?: number; id?: number } | string;
}

/** A transfer connection: the lines the room answers, and after `file_data` the raw bytes of the file. */
class TransferSocket {
  private buffered: Buffer = Buffer.alloc(0);
  private raw = false;
  private waiter: { resolve: (line: Line) => void; rawAfter: boolean } | null = null;
  onRaw: (chunk: Buffer) => void = () => {};
  readonly closed: Promise<void>;
  /** Read at the handshake: a closed socket no longer tells. */
  readonly cipher: string;

  private constructor(readonly socket: TLSSocket) {
    const c = socket.getCipher();
    this.cipher = `${c.version} ${c.name}`;
    socket.on('data', (chunk: Buffer) => this.take(chunk));
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static open(port: number, request: object): Promise<TransferSocket> {
    return new Promise((resolve, reject) => {
      // The bench room's certificate is self-signed and made for this run; the client pins nothing.
      const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      socket.once('secureConnect', () => {
        socket.off('error', reject);
        socket.on('error', () => {});
        socket.write(`${JSON.stringify(request)}\n`);
        resolve(new TransferSocket(socket));
      });
      socket.once('error', reject);
    });
  }

  /** The next line; with `rawAfter`, every byte after it goes to onRaw. */
  line(rawAfter = false): Promise<Line> {
    const line = new Promise<Line>((resolve, reject) => {
      this.waiter = { resolve, rawAfter };
      void this.closed.then(() => reject(new Error('the transfer connection closed before its answer')));
      this.deliver();
    });
    // Callers may await it only after writing the body; a close meanwhile must not be an unhandled rejection.
    line.catch(() => {});
    return line;
  }

  private take(chunk: Buffer): void {
    if (this.raw) {
      this.onRaw(chunk);
      return;
    }
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    this.deliver();
  }

  private deliver(): void {
    const nl = this.buffered.indexOf(10);
    if (!this.waiter || nl < 0) return;
    const { resolve, rawAfter } = this.waiter;
    this.waiter = null;
    const line = JSON.parse(this.buffered.subarray(0, nl).toString('utf8')) as Line;
    const rest = this.buffered.subarray(nl + 1);
    this.buffered = Buffer.alloc(0);
    if (rawAfter) {
      this.raw = true;
      if (rest.length) this.onRaw(rest);
    } else this.buffered = rest;
    resolve(line);
  }
}

function expect(line: Line, response: string): Line {
  if (line.response !== response) throw new Error(`expected ${response}, got ${JSON.stringify(line)}`);
  return line;
}

/** Sends `file` on a connection opened with `request` (a file_put) and waits for `file_stored`. */
export async function upload(port: number, request: object, file: BenchFile): Promise<Transferred> {
  const t = await TransferSocket.open(port, request);
  try {
    const ready = expect(await t.line(), 'file_ready');
    const offset = typeof ready.content === 'object' ? (ready.content.offset ?? 0) : 0;
    if (offset % CHUNK_BYTES !== 0) throw new Error(`the room resumes at ${offset}, not a chunk boundary`);
    const stored = t.line();
    const started = process.hrtime.bigint();
    for (let at = offset; at < file.size; at += CHUNK_BYTES) {
      if (!t.socket.write(file.chunkAt(at))) await drained(t.socket);
    }
    expect(await stored, 'file_stored');
    return { bytes: file.size - offset, seconds: since(started), cipher: t.cipher };
  } finally {
    t.socket.destroy();
  }
}

/**
 * Reads a file on a connection opened with `request` (a file_get) to the end; checks the byte count, and
 * with `sha256` (an untimed check: hashing here would slow the client the figures compare) the digest.
 */
export async function download(port: number, request: object, sha256?: string): Promise<Transferred> {
  const t = await TransferSocket.open(port, request);
  const hash = sha256 ? createHash('sha256') : null;
  try {
    let bytes = 0;
    t.onRaw = (chunk) => {
      bytes += chunk.length;
      hash?.update(chunk);
    };
    const data = expect(await t.line(true), 'file_data');
    const started = process.hrtime.bigint();
    const content = typeof data.content === 'object' ? data.content : {};
    const expected = (content.size ?? 0) - (content.offset ?? 0);
    await t.closed;
    if (bytes !== expected) throw new Error(`downloaded ${bytes} bytes of ${expected}`);
    if (hash && hash.digest('hex') !== sha256)
      throw new Error('the downloaded bytes do not match the upload');
    return { bytes, seconds: since(started), cipher: t.cipher };
  } finally {
    t.socket.destroy();
  }
}

function drained(socket: TLSSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('the transfer connection closed mid-upload'));
    socket.once('close', onClose);
    socket.once('drain', () => {
      socket.off('close', onClose);
      resolve();
    });
  });
}

const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

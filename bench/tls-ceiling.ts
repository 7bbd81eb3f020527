// The physical ceiling of the files scenario: a plain Node TLS server, in its own process pinned where the
// room runs, with the room's own certificate (so the same key and cipher), that only copies bytes. It speaks
// the three answers of a transfer connection (docs/protocol.md § Files) so the very same client code drives
// it: `file_put` {size} → `file_ready`, the bytes are read and dropped, `file_stored`; `file_get` {size} →
// `file_data`, then `size` bytes written CHUNK_BYTES at a time from memory (as the room reads its file in
// 64 KiB pieces), then the end. Hashing, the disk, the database and chat are what the room adds on top.
// usage: node --import tsx bench/tls-ceiling.ts <port> <dataDir holding the room's certificate>
import { createServer, type TLSSocket } from 'node:tls';
import { loadOrCreateCertificate } from '../src-main/server/certificate';
import { CHUNK_BYTES } from './adapters/file-transfer';

const [portArg, dataDir] = process.argv.slice(2);
if (!portArg || !dataDir) {
  console.error('usage: tls-ceiling.ts <port> <dataDir>');
  process.exit(2);
}

const CHUNK = Buffer.alloc(CHUNK_BYTES, 0x5a);

function answer(socket: TLSSocket, response: string, content: object): void {
  socket.write(`${JSON.stringify({ response, content })}\n`);
}

function serve(socket: TLSSocket): void {
  socket.on('error', () => {});
  let head = Buffer.alloc(0);
  const onHead = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(10);
    if (nl < 0) return;
    socket.off('data', onHead);
    const request = JSON.parse(head.subarray(0, nl).toString('utf8')) as {
      request: string;
      content: { size: number };
    };
    const size = request.content.size;
    if (request.request === 'file_put') sink(socket, size, head.subarray(nl + 1).length);
    else source(socket, size);
  };
  socket.on('data', onHead);
}

function sink(socket: TLSSocket, size: number, already: number): void {
  let left = size - already;
  answer(socket, 'file_ready', { size, offset: 0 });
  socket.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left <= 0) socket.end(`${JSON.stringify({ response: 'file_stored', content: { size } })}\n`);
  });
}

function source(socket: TLSSocket, size: number): void {
  answer(socket, 'file_data', { size, offset: 0 });
  let sent = 0;
  const pump = () => {
    while (sent < size) {
      const piece = CHUNK.subarray(0, Math.min(CHUNK_BYTES, size - sent));
      sent += piece.length;
      if (!socket.write(piece)) return;
    }
    socket.end();
  };
  socket.on('drain', pump);
  pump();
}

loadOrCreateCertificate(dataDir)
  .then((certificate) => {
    const server = createServer({ key: certificate.key, cert: certificate.cert }, serve);
    server.on('tlsClientError', (_error, socket) => socket.destroy());
    server.listen(Number(portArg), '127.0.0.1');
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  })
  .catch((error: Error) => {
    console.error(`tls ceiling failed to start: ${error.message}`);
    process.exit(1);
  });

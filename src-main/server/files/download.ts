// Sending one stored file on a transfer connection (docs/protocol.md § Files): `file_data`, then the bytes
// from the offset asked for. The whole file is hashed as it is read (the part before the offset too), and
// the last piece is held back until the digest is known: a file whose bytes changed on disk is never
// delivered whole. It is forgotten and deleted instead, and the connection is cut.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Socket } from 'node:net';
import type { ServerContext } from '../context';
import { type Transfers, transferLine } from './transfers';

export function sendFile(
  ctx: ServerContext,
  transfers: Transfers,
  socket: Socket,
  file: { sha256: string; size: number; offset: number },
  re: string | undefined,
): void {
  const hash = createHash('sha256');
  const input = createReadStream(transfers.blobs.blobPath(file.sha256));
  let position = 0;
  let held: Buffer | null = null;
  socket.write(transferLine('file_data', file, re));
  socket.on('drain', () => input.resume());
  socket.on('close', () => input.destroy());
  input.on('data', (data) => {
    const chunk = data as Buffer;
    hash.update(chunk);
    const start = Math.max(0, file.offset - position);
    position += chunk.length;
    if (held && !socket.write(held)) input.pause();
    held = start < chunk.length ? chunk.subarray(start) : null;
  });
  input.on('error', (error) => {
    ctx.log(`download ${file.sha256.slice(0, 12)}…: ${error.message}`);
    socket.destroy();
  });
  input.on('end', () => {
    const digest = hash.digest('hex');
    if (digest === file.sha256 && position === file.size) {
      if (held) socket.write(held);
      socket.end();
      return;
    }
    ctx.log(`stored file ${file.sha256} no longer matches its sha256 (${position} bytes): deleted`);
    ctx.store.forgetFile(file.sha256);
    socket.destroy();
    void transfers.blobs.removeBlob(file.sha256);
  });
}

// Receiving one upload on a transfer connection (docs/protocol.md § Files): the bytes the room already has
// are hashed again from disk, `file_ready` tells the client where to go on from, then every byte is hashed
// as it arrives and appended to the partial file, with the socket paused whenever the disk falls behind (so
// a fast sender never grows the room's memory) and the file datasynced in steps as it grows (writeback.ts). The last byte decides: the digest matches and the partial
// file becomes the stored file, or it does not and the upload is thrown away. A connection that drops
// keeps what it sent for a resume; a file larger than announced is refused.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import type { Socket } from 'node:net';
import type { ServerContext } from '../context';
import { errorLine } from '../responses';
import type { UploadRecord } from '../store/file-table';
import { PRIVATE_FILE } from './blob-store';
import { type Transfers, transferLine } from './transfers';
import { PacedWriteback } from './writeback';

/**
 * What an upload may hold in memory before its socket is paused. fs.WriteStream's default (16 KiB) is about
 * one TLS record, so the socket was paused and resumed for nearly every record, and an upload ran at about
 * half the speed (bench `files`, docs/performance.md § Files). At most maxTransfers × this in all.
 */
const WRITE_BUFFER_BYTES = 1024 * 1024;

export async function receiveUpload(
  ctx: ServerContext,
  transfers: Transfers,
  socket: Socket,
  upload: UploadRecord,
  re: string | undefined,
): Promise<void> {
  const { blobs } = transfers;
  transfers.claimUpload(upload.id, socket);
  let have = await blobs.partialSize(upload.id);
  if (have > upload.size) {
    await blobs.truncatePartial(upload.id, 0);
    have = 0;
  }
  const hash = createHash('sha256');
  if (have > 0) {
    for await (const chunk of createReadStream(blobs.partialPath(upload.id), { end: have - 1 }))
      hash.update(chunk as Buffer);
  }
  if (socket.destroyed || !transfers.carries(upload.id, socket)) return;
  const ready = { sha256: upload.sha256, size: upload.size, offset: have };
  socket.write(transferLine('file_ready', ready, re));
  if (have === upload.size) return finish(ctx, transfers, socket, upload, hash, re);
  const out = createWriteStream(blobs.partialPath(upload.id), {
    flags: 'a',
    mode: PRIVATE_FILE,
    highWaterMark: WRITE_BUFFER_BYTES,
  });
  out.on('error', (error) => {
    ctx.log(`upload ${upload.id}: writing failed: ${error.message}`);
    socket.end(errorLine('server_error', 'the room could not store the file', re));
  });
  const writeback = new PacedWriteback(blobs.partialPath(upload.id), () => resume());
  const state: Receiving = { hash, out, left: upload.size - have, writeback };
  // Reading goes on once the write stream has room and the disk is not too far behind; never after the end.
  const resume = () => {
    if (state.left > 0 && !out.writableNeedDrain && !writeback.behind) socket.resume();
  };
  socket.on('close', () => {
    out.end();
    void writeback.close();
  });
  out.on('drain', resume);
  receive(ctx, transfers, socket, upload, state, re);
  socket.resume();
}

interface Receiving {
  hash: Hash;
  out: WriteStream;
  /** Bytes still to come. */
  left: number;
  writeback: PacedWriteback;
}

function receive(
  ctx: ServerContext,
  transfers: Transfers,
  socket: Socket,
  upload: UploadRecord,
  state: Receiving,
  re: string | undefined,
): void {
  socket.on('data', (chunk: Buffer) => {
    if (state.left === 0) return;
    if (chunk.length > state.left) {
      ctx.log(`upload ${upload.id}: more bytes than the ${upload.size} announced, refused`);
      socket.removeAllListeners('data');
      void closed(state.out)
        .then(() => abandon(ctx, transfers, upload))
        .then(() =>
          socket.end(
            errorLine('invalid', `the file has more bytes than the ${upload.size} announced: refused`, re),
          ),
        );
      return;
    }
    state.left -= chunk.length;
    state.hash.update(chunk);
    const room = state.out.write(chunk);
    state.writeback.wrote(chunk.length);
    if (!room || state.writeback.behind) socket.pause();
    if (state.left === 0) {
      socket.pause();
      state.out.end(
        () => void state.writeback.close().then(() => finish(ctx, transfers, socket, upload, state.hash, re)),
      );
    }
  });
}

/** Every byte arrived: keep the file if its digest is the one announced, else throw the upload away. */
async function finish(
  ctx: ServerContext,
  transfers: Transfers,
  socket: Socket,
  upload: UploadRecord,
  hash: Hash,
  re: string | undefined,
): Promise<void> {
  const digest = hash.digest('hex');
  if (digest !== upload.sha256) {
    ctx.log(`upload ${upload.id}: bytes do not match their sha256, refused`);
    await abandon(ctx, transfers, upload);
    socket.end(errorLine('invalid', 'the bytes do not match the sha256 announced: nothing was stored', re));
    return;
  }
  // Stored already (someone else sent the same bytes): these only proved the uploader has them.
  if (ctx.store.storedFileSize(digest) === null) await transfers.blobs.commit(upload.id, digest);
  else await transfers.blobs.removePartial(upload.id);
  ctx.store.finishUpload(upload, Date.now());
  ctx.log(`stored file ${digest.slice(0, 12)}… (${upload.size} bytes)`);
  socket.end(transferLine('file_stored', { sha256: digest, size: upload.size }, re));
}

/**
 * Destroy the stream and wait for its file to be closed (an open still under way would make it again). The
 * upload is being thrown away, so a buffered write that fails as the stream goes is no longer news.
 */
function closed(out: WriteStream): Promise<void> {
  out.removeAllListeners('error');
  out.on('error', () => {});
  return new Promise((resolve) => {
    if (out.closed) resolve();
    else out.once('close', () => resolve());
    out.destroy();
  });
}

async function abandon(ctx: ServerContext, transfers: Transfers, upload: UploadRecord): Promise<void> {
  ctx.store.dropUpload(upload.id);
  await transfers.blobs.removePartial(upload.id);
}

// Uploading one file (docs/protocol.md § Files). `file_put` must name the file's SHA-256 before its first
// byte, so the file is read twice: once to hash it (hashFile), then once to send it from the offset the room
// says it already holds (a resume after a cut link goes on from there, not from zero). The room checks the
// digest of everything it got; its last line says whether the file is stored.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Socket } from 'node:net';
import { fail, OK, type Result } from '../../src-shared/result';
import { cutShort, openTransfer, readAnswer, readLine, type TransferAccess } from './file-transfer';

export interface LocalFile {
  path: string;
  sha256: string;
  size: number;
}

/** The SHA-256 and size of the file at `path`, read once as a stream. */
export async function hashFile(
  path: string,
  signal?: AbortSignal,
): Promise<Result<{ sha256: string; size: number }>> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { signal })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    if (signal?.aborted) return fail('cancelled', 'Cancelled.');
    return fail('not_found', `The file could not be read: ${(error as Error).message}`);
  }
  return { ok: true, value: { sha256: hash.digest('hex'), size } };
}

/**
 * One attempt: the room's offset, the bytes from there, its verdict. A cut link fails with a passing code
 * (file-transfer.ts PASSING_CODES) and the room keeps what arrived for the next attempt.
 */
export async function uploadOnce(
  access: TransferAccess,
  file: LocalFile,
  progress: (done: number) => void,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Result> {
  const request = { request: 'file_put' as const, content: { sha256: file.sha256, size: file.size } };
  const opened = await openTransfer(access, request, 'file_ready', timeoutMs, signal);
  if (!opened.ok) return opened;
  const { socket, answer, rest } = opened.value;
  const { offset } = answer.content;
  if (answer.content.sha256 !== file.sha256 || answer.content.size !== file.size || offset > file.size) {
    socket.destroy();
    return fail('protocol', 'The room answered the upload for another file or offset.');
  }
  progress(offset);
  // The verdict can come early (a refusal while bytes still go), so it is listened for from now on.
  const verdict = readLine(socket, rest, signal);
  const sent = sendFrom(socket, file, offset, progress, signal, verdict);
  const [line, wrote] = await Promise.all([verdict, sent]);
  socket.destroy();
  if (!wrote.ok) return wrote;
  if (!line.ok) return line;
  const stored = readAnswer(line.value.text, 'file_stored');
  if (!stored.ok) return stored;
  return stored.value.content.sha256 === file.sha256 ? OK : fail('protocol', 'The room stored another file.');
}

/** Write bytes `offset … size-1` of the file, waiting for the socket to drain; stops when `until` settles. */
async function sendFrom(
  socket: Socket,
  file: LocalFile,
  offset: number,
  progress: (done: number) => void,
  signal: AbortSignal,
  until: Promise<unknown>,
): Promise<Result> {
  if (offset === file.size) return OK;
  let stop = false;
  void until.then(() => {
    stop = true;
  });
  let done = offset;
  try {
    for await (const chunk of createReadStream(file.path, { start: offset, end: file.size - 1, signal })) {
      if (stop || socket.destroyed) return OK;
      done += (chunk as Buffer).length;
      if (!socket.write(chunk as Buffer)) await drained(socket);
      progress(done);
    }
  } catch (error) {
    if (signal.aborted) return fail('cancelled', 'Cancelled.');
    socket.destroy();
    return fail('not_found', `The file could not be read: ${(error as Error).message}`);
  }
  // The room's verdict came while the last bytes were still leaving (and it may have closed the link since):
  // the verdict decides.
  if (stop) return OK;
  if (done !== file.size) {
    // Shorter than when it was hashed: the room would wait for bytes that never come.
    socket.destroy();
    return fail('invalid', 'The file changed while it was being sent; attach it again.');
  }
  return socket.destroyed ? cutShort('it closed while sending') : OK;
}

function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}

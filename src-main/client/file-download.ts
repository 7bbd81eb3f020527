// Downloading one file (docs/protocol.md § Files) into a partial file the caller names: the bytes already
// there are kept and hashed again, `file_get` asks for the rest from that offset, and every byte is hashed
// as it arrives. Only a file whose size and SHA-256 are the ones its message announced counts as whole;
// anything else is deleted (wrong bytes) or kept for the next attempt (a cut link).
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat, truncate } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { fail, OK, type Result } from '../../src-shared/result';
import { type BackoffOptions, backoffDelay } from './backoff';
import { cutShort, openTransfer, PASSING_CODES, type TransferAccess } from './file-transfer';

export interface RemoteFile {
  /** The message that shares it. */
  id: number;
  sha256: string;
  size: number;
}

const PRIVATE_FILE = 0o600;

export async function downloadOnce(
  access: TransferAccess,
  file: RemoteFile,
  partialPath: string,
  progress: (done: number) => void,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Result> {
  const have = await partialBytes(partialPath, file.size);
  const hash = createHash('sha256');
  if (have > 0)
    for await (const chunk of createReadStream(partialPath, { end: have - 1 })) hash.update(chunk as Buffer);
  const request = { request: 'file_get' as const, content: { id: file.id, offset: have } };
  const opened = await openTransfer(access, request, 'file_data', timeoutMs, signal);
  if (!opened.ok) return opened;
  const { socket, answer, rest } = opened.value;
  const { content } = answer;
  if (content.sha256 !== file.sha256 || content.size !== file.size || content.offset !== have) {
    socket.destroy();
    return fail('protocol', 'The room sent another file than the message announced.');
  }
  progress(have);
  const received = await receive(
    socket,
    { hash, done: have, size: file.size },
    partialPath,
    rest,
    progress,
    signal,
  );
  if (!received.ok) {
    if (received.code === 'invalid') await rm(partialPath, { force: true });
    return received;
  }
  if (hash.digest('hex') !== file.sha256) {
    await rm(partialPath, { force: true });
    return fail('invalid', 'The downloaded bytes do not match the file announced; nothing was kept.');
  }
  return OK;
}

/** How many bytes of the download are on disk already (none when there are more than the file has). */
async function partialBytes(path: string, size: number): Promise<number> {
  const found = await stat(path).catch(() => null);
  if (!found) return 0;
  if (found.size <= size) return found.size;
  await truncate(path, 0);
  return 0;
}

interface Progress {
  hash: Hash;
  done: number;
  size: number;
}

/** Append the socket's bytes to the partial file until the room closes the connection. */
function receive(
  socket: Socket,
  state: Progress,
  partialPath: string,
  first: Buffer,
  progress: (done: number) => void,
  signal: AbortSignal,
): Promise<Result> {
  const out = createWriteStream(partialPath, { flags: 'a', mode: PRIVATE_FILE });
  return new Promise((resolve) => {
    let verdict: Result | null = null;
    const end = (result: Result) => {
      verdict ??= result;
      socket.destroy();
      signal.removeEventListener('abort', onAbort);
      out.end(() => resolve(verdict as Result));
    };
    const take = (chunk: Buffer) => {
      if (verdict || chunk.length === 0) return;
      if (state.done + chunk.length > state.size) {
        end(fail('invalid', `The room sent more than the file's ${state.size} bytes; nothing was kept.`));
        return;
      }
      state.done += chunk.length;
      state.hash.update(chunk);
      if (!out.write(chunk)) socket.pause();
      progress(state.done);
    };
    const onAbort = () => end(fail('cancelled', 'Cancelled.'));
    out.on('drain', () => socket.resume());
    out.on('error', (error) => end(fail('internal', `The download could not be written: ${error.message}`)));
    socket.on('data', take);
    socket.once('close', () =>
      end(state.done === state.size ? OK : cutShort(`${state.done} of ${state.size} bytes arrived`)),
    );
    signal.addEventListener('abort', onAbort, { once: true });
    take(first);
    socket.resume();
  });
}

/**
 * Download until the file is whole and verified, cancelled, or refused: a cut link is tried again after a
 * backoff, from what is on disk, on whatever transfer access the account has by then.
 */
export async function downloadFile(
  access: () => TransferAccess | null,
  file: RemoteFile,
  partialPath: string,
  progress: (done: number) => void,
  options: { idleMs: number; backoff: BackoffOptions },
  signal: AbortSignal,
): Promise<Result> {
  for (let attempt = 0; ; attempt++) {
    const now = access();
    const result = now
      ? await downloadOnce(now, file, partialPath, progress, options.idleMs, signal)
      : fail('disconnected', 'Not connected to the room.');
    if (result.ok || !PASSING_CODES.has(result.code) || signal.aborted) return result;
    const waited = await pause(backoffDelay(attempt, options.backoff), signal);
    if (!waited) return fail('cancelled', 'Cancelled.');
  }
}

/** Wait `ms`; false when cancelled first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

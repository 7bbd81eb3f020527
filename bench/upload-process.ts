// One upload from its own process, for the files scenario's chat measurement: the uploader is another
// client, so its TLS encryption and its event loop are not the chat clients' (whose latency is measured).
// It is the app's own client core (src-main/client/file-upload.ts: hash the file on disk, then `file_put`
// and stream it), on a bench file written to a temp dir and synced first, so its writing is not measured.
// Over IPC: it writes and hashes the file, says `ready`, uploads on `go`, and answers what it moved; then it
// waits to be stopped, so the coordinator can still read its CPU time.
// usage: fork with execArgv ['--import', 'tsx'], argv <port> <username> <token> <bytes> <seed>
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { hashFile, uploadOnce } from '../src-main/client/file-upload';
import { fail, ok, type Result } from '../src-shared/result';
import { BenchFile, CHUNK_BYTES } from './adapters/file-transfer';

export type UploadProcessMessage =
  | { type: 'ready' }
  | { type: 'done'; bytes: number; seconds: number }
  | { type: 'failed'; error: string };

const [port, username, token, bytes, seed] = process.argv.slice(2);
const send = (message: UploadProcessMessage) => process.send?.(message);
const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-upload-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

async function writeBenchFile(path: string): Promise<void> {
  const file = new BenchFile(Number(bytes), Number(seed), BenchFile.block());
  const handle = await open(path, 'w', 0o600);
  try {
    for (let at = 0; at < file.size; at += CHUNK_BYTES) await handle.write(file.chunkAt(at));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The bench room's certificate is made for the run; the app would check its pin here. */
const access = {
  username: username as string,
  token: token as string,
  open: () =>
    new Promise<Result<Socket>>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port), rejectUnauthorized: false });
      socket.once('secureConnect', () => resolve(ok(socket)));
      socket.once('error', (error) => resolve(fail('unreachable', error.message)));
    }),
};

async function prepare(): Promise<() => Promise<UploadProcessMessage>> {
  const path = join(dir, 'bench.bin');
  await writeBenchFile(path);
  const hashed = await hashFile(path);
  if (!hashed.ok) throw new Error(hashed.error);
  const file = { path, ...hashed.value };
  return async () => {
    const started = process.hrtime.bigint();
    const done = await uploadOnce(access, file, () => {}, 30_000, new AbortController().signal);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return done.ok ? { type: 'done', bytes: file.size, seconds } : { type: 'failed', error: done.error };
  };
}

prepare()
  .then((run) => {
    let started = false;
    // A listener for as long as the process lives keeps its IPC channel, and so the process, until stopped.
    process.on('message', () => {
      if (started) return;
      started = true;
      run()
        .then(send)
        .catch((error: Error) => send({ type: 'failed', error: error.message }));
    });
    send({ type: 'ready' });
  })
  .catch((error: Error) => send({ type: 'failed', error: error.message }));

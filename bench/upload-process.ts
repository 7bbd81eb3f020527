// One upload from its own process, for the files scenario's chat measurement: the uploader is another
// client, so its TLS encryption and its event loop are not the chat clients' (whose latency is measured).
// Over IPC: it builds and hashes the file, says `ready`, uploads on `go`, and answers what it moved; then it
// waits to be stopped, so the coordinator can still read its CPU time.
// usage: fork with execArgv ['--import', 'tsx'], argv <port> <username> <token> <bytes> <seed>
import { BenchFile, upload } from './adapters/file-transfer';

export type UploadProcessMessage =
  | { type: 'ready' }
  | { type: 'done'; bytes: number; seconds: number }
  | { type: 'failed'; error: string };

const [port, username, token, bytes, seed] = process.argv.slice(2);
const send = (message: UploadProcessMessage) => process.send?.(message);

const file = new BenchFile(Number(bytes), Number(seed), BenchFile.block());
let started = false;
// A listener for as long as the process lives keeps its IPC channel, and so the process, up until it is stopped.
process.on('message', () => {
  if (started) return;
  started = true;
  const request = { request: 'file_put', content: { username, token, sha256: file.sha256, size: file.size } };
  upload(Number(port), request, file)
    .then((done) => send({ type: 'done', bytes: done.bytes, seconds: done.seconds }))
    .catch((error: Error) => send({ type: 'failed', error: error.message }));
});
send({ type: 'ready' });

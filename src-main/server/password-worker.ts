// A password-hashing thread of the pool (password-pool.ts). bcrypt is deliberately slow (tens of milliseconds
// at cost 10), so it runs here, never on the room's event loop; the synchronous API is right in a thread that
// does nothing else.
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';
import type { PasswordJob, PasswordJobResult } from './password-jobs';

const port = parentPort;
if (!port) throw new Error('password-worker runs only as a worker thread');

port.on('message', ({ id, job }: { id: number; job: PasswordJob }) => {
  let result: PasswordJobResult;
  try {
    result =
      job.op === 'hash'
        ? { id, ok: true, value: bcrypt.hashSync(job.input, job.cost) }
        : { id, ok: true, value: bcrypt.compareSync(job.input, job.hash) };
  } catch (error) {
    result = { id, ok: false, message: String(error) };
  }
  port.postMessage(result);
});

// The process that hosts the fuzzed server: the real createChatServer with its default limits and TLS, plus the
// plaintext classic port, on loopback, storing into the data directory it is given. No error handlers of its
// own: a crash must stay a crash.
import { createChatServer } from '../src-main/server/server';
import { DEFAULT_MAX_FRAME_BYTES } from '../src-shared/protocol';
import type { ChildToFuzzer, FuzzerToChild } from './server-child-messages';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: server-child.ts <data directory>');
  const server = createChatServer({ host: '127.0.0.1', port: 0, classicPort: 0, dataDir });
  const { port, classicPort, fingerprint } = await server.listen();
  if (classicPort === null || fingerprint === null) throw new Error('expected a TLS port and a classic port');
  const tell = (message: ChildToFuzzer) => process.send?.(message);
  process.on('message', (message: FuzzerToChild) => {
    if (message.type === 'measure_heap') {
      global.gc?.();
      tell({ type: 'heap', heapUsedBytes: process.memoryUsage().heapUsed });
    } else {
      void server.close().then(() => process.exit(0));
    }
  });
  tell({ type: 'ready', port, classicPort, fingerprint, maxFrameBytes: DEFAULT_MAX_FRAME_BYTES });
}

void main();

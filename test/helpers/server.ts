// Starts a real chat server on an ephemeral loopback port with its data in a fresh temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatServer, createChatServer, type ServerOptions } from '../../src-main/server/server';

export interface TestServer {
  server: ChatServer;
  port: number;
  dataDir: string;
  /** Every log line the server wrote. */
  logs: string[];
  /** Close the server (the data directory stays, for restarts). */
  stop(): Promise<void>;
  /** Close the server and delete its data directory. */
  dispose(): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hearth-test-'));
}

export async function startServer(
  overrides: Partial<ServerOptions> = {},
  dataDir: string = makeDataDir(),
): Promise<TestServer> {
  const logs: string[] = [];
  const server = createChatServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    closeGraceMs: 500,
    log: (line) => logs.push(line),
    ...overrides,
  });
  const { port } = await server.listen();
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= server.close();
    return stopped;
  };
  return {
    server,
    port,
    dataDir,
    logs,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

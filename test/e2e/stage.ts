// What nearly every end-to-end file stands on: the built renderer served on loopback, Chromium, and one room
// with its SQLite file in a temp dir. Opened in `before`, closed in `after`; a start that fails half-way
// closes what it had opened, so no server is left keeping the test file alive.
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import type { ServerOptions } from '../../src-main/server/server';
import {
  buildRenderer,
  launchChromium,
  type RunningServer,
  type StaticServer,
  serveStatic,
  startServer,
  tempDir,
} from './harness';

export interface Stage {
  site: StaticServer;
  browser: Browser;
  serverDir: string;
  /** The room; a test that restarts it puts the new one here, so `close` ends that one. */
  running: RunningServer;
  close(): Promise<void>;
}

export async function openStage(
  prefix: string,
  serverOptions: Partial<ServerOptions> = {},
  chromiumArgs: readonly string[] = [],
): Promise<Stage> {
  let site: StaticServer | undefined;
  let browser: Browser | undefined;
  let serverDir: string | undefined;
  const closeOpened = async () => {
    await browser?.close();
    await site?.close();
    if (serverDir) await rm(serverDir, { recursive: true, force: true });
  };
  try {
    site = await serveStatic(buildRenderer());
    browser = await launchChromium(chromiumArgs);
    serverDir = await tempDir(prefix);
    const running = await startServer(serverDir, 0, serverOptions);
    const stage: Stage = {
      site,
      browser,
      serverDir,
      running,
      async close() {
        await stage.running.server.close();
        await closeOpened();
      },
    };
    return stage;
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

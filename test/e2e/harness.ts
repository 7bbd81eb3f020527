// Shared setup for the end-to-end tests: the built renderer served on loopback, Debian Chromium, real chat
// servers with their SQLite files in temp dirs, and one HearthService per user bridged into its own
// browser context. Nothing here is a fake: the page talks to the service, the service to the server.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ChatServer, createChatServer, type ServerOptions } from '../../src-main/server/server';
import type { SaveHooks } from '../../src-main/service/file-service';
import { type DesktopNotification, HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { bridgeContext } from './bridge';
import { type StaticServer, serveStatic } from './static-server';

const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERER_INPUTS = ['src-renderer', 'src-shared', 'vite.config.ts', 'package-lock.json'];

function hashInputs(): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else {
      hash.update(path).update(readFileSync(path));
    }
  };
  for (const input of RENDERER_INPUTS) walk(join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

/**
 * `vite build` of the renderer, once per state of its sources: test files run as separate processes, so the
 * output goes to a directory named by the sources' hash and is moved into place only when complete.
 */
export function buildRenderer(): string {
  const out = join(tmpdir(), `hearth-e2e-renderer-${hashInputs()}`);
  if (existsSync(join(out, 'index.html'))) return out;
  const staging = `${out}.${process.pid}`;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  try {
    renameSync(staging, out);
  } catch {
    // Another test process finished the same build first; its output is identical.
    rmSync(staging, { recursive: true, force: true });
  }
  return out;
}

/** `extraArgs`: switches a test needs besides these (fake camera and microphone for the call tests). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `hearth-e2e-${prefix}-`));
}

/** A loopback port that was free a moment ago (for tests that need to know a port before listening). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningServer {
  server: ChatServer;
  port: number;
}

export async function startServer(
  dataDir: string,
  port = 0,
  extra: Partial<ServerOptions> = {},
): Promise<RunningServer> {
  // The default room is called "Room" here (a server names it after its host machine), so steps can name it.
  const server = createChatServer({
    host: '127.0.0.1',
    port,
    dataDir,
    closeGraceMs: 300,
    roomName: 'Room',
    ...extra,
  });
  const listening = await server.listen();
  return { server, port: listening.port };
}

export interface User {
  name: string;
  context: BrowserContext;
  page: Page;
  service: HearthService;
  dialogs: string[];
  errors: string[];
  /** Links the service was asked to open in the user's browser. */
  opened: string[];
  /** Desktop notifications the service raised (the Electron shell would show them). */
  notifications: DesktopNotification[];
  close(): Promise<void>;
}

interface UserOptions {
  colorScheme?: 'light' | 'dark';
  /** The save dialog and file manager the Electron shell would give (files.test.ts writes them down). */
  files?: SaveHooks;
}

/** One person: their own browser context, their own service (own data dir), the renderer loaded. */
export async function openUser(
  browser: Browser,
  site: StaticServer,
  name: string,
  options: UserOptions = {},
): Promise<User> {
  const dataDir = await tempDir(`user-${name}`);
  const opened: string[] = [];
  const notifications: DesktopNotification[] = [];
  const service = new HearthService({
    dataDir,
    // What the Electron shell hands to shell.openExternal; here it is written down instead.
    openExternal: async (url) => {
      opened.push(url);
    },
    notify: (notification) => notifications.push(notification),
    hostLauncher: new NodeHostLauncher({ bindHost: '127.0.0.1' }),
    connection: { backoff: { initialMs: 200, maxMs: 800 }, connectTimeoutMs: 3000 },
    ...(options.files ? { files: options.files } : {}),
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const stopBridge = await bridgeContext(context, service);
  // tsx compiles these tests with esbuild's keepNames, which wraps named functions inside page.evaluate
  // callbacks in a __name() helper that only exists in Node; the page gets a do-nothing one.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(site.url);
  return {
    name,
    context,
    page,
    service,
    dialogs,
    errors,
    opened,
    notifications,
    async close() {
      stopBridge();
      await context.close();
      await service.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Screenshots `<name>-<width>-<theme>` light and dark, 1280x800 and 720x520; the page is left light at 1280x800. */
export async function screenshotsLightDark(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForTimeout(300); // colour transitions settle
    for (const size of [
      { width: 1280, height: 800 },
      { width: 720, height: 520 },
    ]) {
      await page.setViewportSize(size);
      await screenshot(page, `${name}-${size.width}-${theme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

export { type StaticServer, serveStatic };

/** Polls `read` until `done` holds for what it returns (or ten seconds pass), for state outside the page. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

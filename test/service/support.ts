// Builds HearthService instances for tests: a temp data dir each, quick reconnects, the real Node host
// launcher bound to loopback, and a recorder of every event the renderer would receive.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { SaveHooks } from '../../src-main/service/file-service';
import { type DesktopNotification, HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { EVENT_NAMES, type HearthEvents, type Result } from '../../src-shared/ipc';
import { FAST, waitFor } from '../client/support';
import { startServer, type TestServer } from '../helpers/server';

export type Recorded = { [E in keyof HearthEvents]: HearthEvents[E][] };

export interface TestService {
  service: HearthService;
  launcher: NodeHostLauncher;
  dataDir: string;
  events: Recorded;
  notifications: DesktopNotification[];
  opened: string[];
  dispose(): Promise<void>;
}

const made: TestService[] = [];

export function makeService(
  dataDir = mkdtempSync(join(tmpdir(), 'hearth-service-')),
  files?: SaveHooks,
): TestService {
  const notifications: DesktopNotification[] = [];
  const opened: string[] = [];
  const launcher = new NodeHostLauncher({ bindHost: '127.0.0.1' });
  const service = new HearthService({
    dataDir,
    hostLauncher: launcher,
    connection: FAST,
    notify: (n) => notifications.push(n),
    openExternal: async (url) => {
      opened.push(url);
    },
    ...(files ? { files } : {}),
  });
  const events = Object.fromEntries(EVENT_NAMES.map((name) => [name, []])) as unknown as Recorded;
  for (const name of EVENT_NAMES) {
    service.on(name, (payload) => (events[name] as unknown[]).push(payload));
  }
  const testService: TestService = {
    service,
    launcher,
    dataDir,
    events,
    notifications,
    opened,
    dispose: () => service.dispose(),
  };
  made.push(testService);
  return testService;
}

/** Dispose every service made so far and delete their data dirs. */
export async function disposeAll(): Promise<void> {
  for (const s of made.splice(0)) {
    await s.dispose();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}

/** The value of a call that must succeed; otherwise the test fails with the service's sentence and code. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected success, got: ${result.error} (${result.code})`);
  return result.value;
}

export const PASSWORD = 'correct horse';

/** The failure of a call that must fail: the service's sentence and its code. */
export function failure(result: Result<unknown>): { error: string; code: string } {
  assert.equal(result.ok, false, 'expected a failure');
  return result as { ok: false; error: string; code: string };
}

/** A service connected to the room on `port` and signed in as `name`: a new account unless `login`. */
export async function signedIn(
  port: number,
  name: string,
  options: { login?: boolean; service?: TestService } = {},
): Promise<TestService> {
  const s = options.service ?? makeService();
  unwrap(await s.service.connect({ host: '127.0.0.1', port }));
  const credentials = { username: name, password: PASSWORD };
  unwrap(await (options.login ? s.service.login(credentials) : s.service.register(credentials)));
  return s;
}

/** a asks b to be friends and b accepts; returns once a sees b among its friends. */
export async function befriend(a: TestService, aName: string, b: TestService, bName: string): Promise<void> {
  unwrap(await a.service.friendRequest(bName));
  await waitFor(
    `${bName} to see the request`,
    () => b.events.friends.at(-1)?.incoming.includes(aName) === true,
  );
  unwrap(await b.service.friendRespond({ username: aName, accept: true }));
  await waitFor(`${aName} to see ${bName} as a friend`, () =>
    (a.events.friends.at(-1)?.friends ?? []).some((f) => f.username === bName),
  );
}

/**
 * One real room on loopback for a test file: started before its tests, stopped after them together with
 * every service the file made. Its port and data dir are read inside tests, once it has started.
 */
export function sharedRoom(
  options?: Parameters<typeof startServer>[0],
): Pick<TestServer, 'port' | 'dataDir'> {
  let server: TestServer | undefined;
  before(async () => {
    server = await startServer(options);
  });
  after(async () => {
    await disposeAll();
    await server?.dispose();
  });
  const started = (): TestServer => {
    if (!server) throw new Error('the shared room starts in before()');
    return server;
  };
  return {
    get port() {
      return started().port;
    },
    get dataDir() {
      return started().dataDir;
    },
  };
}

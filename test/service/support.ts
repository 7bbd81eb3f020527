// Builds HearthService instances for tests: a temp data dir each, quick reconnects, the real Node host
// launcher bound to loopback, and a recorder of every event the renderer would receive.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DesktopNotification, HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { EVENT_NAMES, type HearthEvents, type Result } from '../../src-shared/ipc';
import { FAST } from '../client/support';

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

export function makeService(dataDir = mkdtempSync(join(tmpdir(), 'hearth-service-'))): TestService {
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

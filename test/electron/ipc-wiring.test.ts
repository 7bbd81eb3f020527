// Every method and event of the API contract is wired through the real preload and the real IPC adapter,
// with only Electron's module replaced (see fake-electron.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { IpcService } from '../../src-main/electron/ipc';
import {
  EVENT_NAMES,
  type EventName,
  type HearthApi,
  type HearthEvents,
  INVOKE_METHODS,
  type InvokeMethod,
  ipcContract,
} from '../../src-shared/ipc';
import { FakeElectron, installFakeElectron } from './fake-electron';

const fake = new FakeElectron();
installFakeElectron(fake);

/** Records which method got which argument and answers with a value that names the method. */
class RecordingService {
  readonly calls: Array<{ method: InvokeMethod; arg: unknown }> = [];
  readonly listeners = new Map<EventName, Array<(payload: unknown) => void>>();

  constructor() {
    for (const method of INVOKE_METHODS) {
      Object.defineProperty(this, method, {
        value: async (arg: unknown) => {
          this.calls.push({ method, arg });
          return { ok: true, value: `answer from ${method}` };
        },
      });
    }
  }

  on(event: EventName, listener: (payload: unknown) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit(event: EventName, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}

const service = new RecordingService();
let api: HearthApi;

before(() => {
  const { wireIpc } = require('../../src-main/electron/ipc') as typeof import('../../src-main/electron/ipc');
  wireIpc(service as unknown as IpcService, {
    trustedOrigin: 'app://hearth',
    target: () => fake.webContents as never,
  });
  require('../../src-main/electron/preload');
  assert.deepEqual([...fake.exposed.keys()], ['hearth'], 'preload exposes exactly one object, window.hearth');
  api = fake.exposed.get('hearth') as HearthApi;
});

test('the exposed object has exactly the contract methods plus on()', () => {
  assert.deepEqual(Object.keys(api).sort(), [...INVOKE_METHODS, 'on'].sort());
  for (const key of Object.keys(api))
    assert.equal(typeof (api as unknown as Record<string, unknown>)[key], 'function');
});

test('every contract channel has exactly one ipcMain handler and nothing else is handled', () => {
  assert.deepEqual([...fake.handlers.keys()].sort(), Object.values(ipcContract.invoke).sort());
});

test('each api method invokes its own channel and reaches the service method of the same name', async () => {
  for (const method of INVOKE_METHODS) {
    const arg = { probe: method };
    fake.invoked.length = 0;
    service.calls.length = 0;
    const call = api[method] as (a: unknown) => Promise<unknown>;
    const answer = await call(arg);
    assert.deepEqual(
      fake.invoked,
      [{ channel: ipcContract.invoke[method], arg }],
      `${method} uses its channel`,
    );
    assert.deepEqual(service.calls, [{ method, arg }], `${method} reaches service.${method}`);
    assert.deepEqual(answer, { ok: true, value: `answer from ${method}` });
  }
});

test('each service event reaches a renderer listener as the bare payload, until unsubscribed', () => {
  for (const event of EVENT_NAMES) {
    const received: unknown[][] = [];
    const off = api.on(event, ((...args: unknown[]) => received.push(args)) as (
      p: HearthEvents[EventName],
    ) => void);
    assert.equal(fake.listenerCount(ipcContract.events[event]), 1, `${event} listens on its own channel`);
    const payload = { probe: event };
    service.emit(event, payload);
    assert.deepEqual(received, [[payload]], `${event} delivers the payload only, no IpcRendererEvent`);
    off();
    assert.equal(
      fake.listenerCount(ipcContract.events[event]),
      0,
      `${event} unsubscribe removes the listener`,
    );
    service.emit(event, payload);
    assert.equal(received.length, 1);
  }
});

test('events are not sent to a destroyed window', () => {
  const received: unknown[] = [];
  const off = api.on('unread', (p) => received.push(p));
  fake.destroyed = true;
  service.emit('unread', { total: 1, byConversation: {}, mentions: {} });
  fake.destroyed = false;
  off();
  assert.deepEqual(received, []);
});

test('unknown event names and non-function listeners are rejected', () => {
  const on = api.on as (event: string, listener: unknown) => unknown;
  for (const name of ['bogus', 'hearth:event:message', 'constructor', '__proto__', '']) {
    assert.throws(() => on(name, () => {}), /Unknown Hearth event/, name);
  }
  assert.throws(() => on('message', 'not a function'), /must be a function/);
  assert.equal(
    [...fake.rendererListeners.values()].reduce((n, s) => n + s.size, 0),
    0,
  );
});

test('calls from a foreign page, a subframe or a vanished frame are refused before reaching the service', async () => {
  const foreign = [
    { url: 'https://evil.example/index.html', parent: null },
    { url: 'app://other/index.html', parent: null },
    { url: 'file:///etc/passwd', parent: null },
    { url: 'http://127.0.0.1:5173/', parent: null },
    { url: 'app://hearth/index.html', parent: { url: 'app://hearth/index.html' } },
    null,
  ];
  try {
    for (const frame of foreign) {
      fake.senderFrame = frame;
      service.calls.length = 0;
      await assert.rejects(api.getState(), /untrusted frame/, JSON.stringify(frame));
      await assert.rejects(api.login({ username: 'a', password: 'b' }), /untrusted frame/);
      assert.deepEqual(service.calls, []);
    }
  } finally {
    fake.senderFrame = { url: 'app://hearth/index.html', parent: null };
  }
  await api.getState();
  assert.equal(service.calls.length, 1);
});

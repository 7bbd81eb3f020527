// The real electron-main, loaded with Electron's module replaced by the recording fake: what it asks of
// Electron before and after 'ready', that its guards are attached to every WebContents, that links leave
// only through the allow-list (end to end through IPC and the real service), and how it quits.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, test } from 'node:test';
import { APP_ENTRY_URL, contentSecurityPolicy, DEV_SERVER_ENV } from '../../src-main/electron/security';
import { INVOKE_METHODS, ipcContract } from '../../src-shared/ipc';
import { FakeElectron, FakeWebContents, installFakeElectron } from './fake-electron';

const MAIN = require.resolve('../../src-main/electron/electron-main');
const SHELL_DIR = join(__dirname, '..', '..', 'src-main', 'electron') + sep;
const scratch = mkdtempSync(join(tmpdir(), 'hearth-electron-main-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
mkdirSync(join(scratch, 'app', 'dist-renderer'), { recursive: true });
writeFileSync(join(scratch, 'app', 'dist-renderer', 'index.html'), '<!doctype html><title>Hearth</title>');

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'timed out waiting for electron-main');
}

/** A fresh fake, a fresh copy of electron-main, and 'ready' fired. */
async function launch(setup: (fake: FakeElectron) => void = () => {}): Promise<FakeElectron> {
  const fake = new FakeElectron();
  fake.app.appPath = join(scratch, 'app');
  fake.app.userData = mkdtempSync(join(scratch, 'user-'));
  setup(fake);
  installFakeElectron(fake);
  // The Electron-facing modules bind the fake at load time, so each launch loads them afresh.
  for (const file of Object.keys(require.cache)) if (file.startsWith(SHELL_DIR)) delete require.cache[file];
  require(MAIN);
  fake.app.becomeReady();
  if (fake.app.hasLock) await until(() => fake.windows.length === 1 || fake.errorBoxes.length > 0);
  assert.deepEqual(fake.errorBoxes, []);
  return fake;
}

function navigationEvent(): { prevented: boolean; preventDefault(): void } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

const trusted = { senderFrame: { url: APP_ENTRY_URL, parent: null } };

test('before ready: privileged app scheme, sandbox for every renderer, single-instance lock, guards', async () => {
  const fake = await launch();
  assert.deepEqual(fake.privilegedSchemes, [
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
  assert.equal(fake.app.sandboxed, true);
  assert.deepEqual(fake.app.protocolClients, ['hearth']);
  for (const event of [
    'web-contents-created',
    'second-instance',
    'open-url',
    'before-quit',
    'window-all-closed',
  ]) {
    assert.equal(fake.app.listeners.get(event)?.length, 1, event);
  }
});

test('after ready: permissions denied but clipboard writes, app:// served with the CSP, one window on app://, IPC wired', async () => {
  const fake = await launch();
  const answers: boolean[] = [];
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'];
  for (const permission of [...permissions, 'clipboard-sanitized-write']) {
    fake.permissionRequestHandler?.({}, permission, (granted: boolean) => answers.push(granted));
    const checked = fake.permissionCheckHandler?.({}, permission);
    assert.equal(checked, permission === 'clipboard-sanitized-write', permission);
  }
  assert.deepEqual(answers, [false, false, false, false, false, true]);

  const serve = fake.protocolHandlers.get('app');
  assert.ok(serve, 'app:// has a handler');
  const page = await serve(new Request(APP_ENTRY_URL));
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), contentSecurityPolicy());
  assert.deepEqual(fake.headerListeners, [], 'no dev-server header rewriting in production');

  const [window] = fake.windows;
  assert.deepEqual(window?.loaded, [APP_ENTRY_URL]);
  const preferences = window?.options.webPreferences as Record<string, unknown>;
  assert.ok(String(preferences.preload).endsWith(`src-main${sep}electron${sep}preload.js`));
  assert.equal(preferences.sandbox, true);
  assert.deepEqual([...fake.handlers.keys()].sort(), INVOKE_METHODS.map((m) => ipcContract.invoke[m]).sort());
  assert.equal(fake.trays.length, 1);
});

test('every WebContents gets the navigation, window-open and webview guards', async () => {
  const fake = await launch();
  const contents = new FakeWebContents();
  fake.app.fire('web-contents-created', {}, contents);

  const navigate = (url: string, event = 'will-navigate') => {
    const e = navigationEvent();
    contents.fire(event, e, url);
    return e.prevented;
  };
  assert.equal(navigate(APP_ENTRY_URL), false, 'our own origin may reload');
  assert.equal(navigate('https://example.com/page'), true);
  assert.equal(navigate('file:///etc/passwd'), true);
  assert.equal(navigate('javascript:alert(1)'), true);
  assert.equal(navigate('https://example.com/redirected', 'will-redirect'), true);
  const webview = navigationEvent();
  contents.fire('will-attach-webview', webview, {}, {});
  assert.equal(webview.prevented, true);

  assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://example.org/' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'smb://attacker/share' }), { action: 'deny' });
  await until(() => fake.openedExternally.length === 2);
  assert.deepEqual(fake.openedExternally, ['https://example.com/page', 'https://example.org/']);
});

test('openExternal from the renderer reaches the browser only for web links', async () => {
  const fake = await launch();
  const open = fake.handlers.get(ipcContract.invoke.openExternal);
  assert.ok(open);
  assert.deepEqual(await open(trusted, 'https://example.com/docs'), { ok: true, value: null });
  for (const url of ['file:///etc/passwd', 'ms-msdt:/id PCWDiagnostic', 'javascript:alert(1)']) {
    const answer = (await open(trusted, url)) as { ok: boolean };
    assert.equal(answer.ok, false, url);
  }
  assert.deepEqual(fake.openedExternally, ['https://example.com/docs']);
  await assert.rejects(
    async () => open({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'https://example.com/'),
    /untrusted frame/,
  );
});

test('quitting waits for the service to stop, then quits once', async () => {
  const fake = await launch();
  const first = navigationEvent();
  fake.app.fire('before-quit', first);
  assert.equal(first.prevented, true, 'the first quit waits for cleanup');
  await until(() => fake.app.quits === 1);
  assert.equal(fake.trays[0]?.destroyed, true);
  const second = navigationEvent();
  fake.app.fire('before-quit', second);
  assert.equal(second.prevented, false, 'the quit that follows cleanup goes through');
});

test('a second instance quits at once and builds nothing', async () => {
  const fake = await launch((f) => {
    f.app.hasLock = false;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(fake.app.quits, 1);
  assert.equal(fake.windows.length, 0);
  assert.equal(fake.app.listeners.get('web-contents-created'), undefined);
});

test('npm run dev: Vite on loopback with the dev CSP as a header; packaged builds ignore it', async () => {
  process.env[DEV_SERVER_ENV] = 'http://127.0.0.1:5173';
  try {
    const dev = await launch();
    assert.deepEqual(dev.windows[0]?.loaded, ['http://127.0.0.1:5173/']);
    assert.equal(dev.protocolHandlers.size, 0);
    const [rewrite] = dev.headerListeners;
    assert.deepEqual(rewrite?.filter, { urls: ['http://127.0.0.1:5173/*'] });
    let headers: Record<string, string[]> = {};
    rewrite?.listener(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r: { responseHeaders: typeof headers }) => {
        headers = r.responseHeaders;
      },
    );
    assert.deepEqual(headers, {
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [contentSecurityPolicy('http://127.0.0.1:5173')],
    });
    const getState = dev.handlers.get(ipcContract.invoke.getState);
    await getState?.({ senderFrame: { url: 'http://127.0.0.1:5173/', parent: null } }, undefined);
    await assert.rejects(
      async () => getState?.(trusted, undefined),
      /untrusted frame/,
      'app:// is not the origin in dev',
    );

    const packaged = await launch((f) => {
      f.app.isPackaged = true;
    });
    assert.deepEqual(packaged.windows[0]?.loaded, [APP_ENTRY_URL]);
    assert.deepEqual(packaged.headerListeners, []);
  } finally {
    delete process.env[DEV_SERVER_ENV];
  }
});

// The window's webPreferences, the Content-Security-Policy, the navigation/link guards and the app://
// protocol handler, asserted on the same functions electron-main uses.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createAppProtocolHandler, resolveAppAsset } from '../../src-main/electron/app-protocol';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  contentSecurityPolicy,
  DEV_SERVER_ENV,
  devServerUrl,
  isAllowedExternalUrl,
  isNavigationAllowed,
  isTrustedSender,
  mayUseMedia,
} from '../../src-main/electron/security';
import type { MainWindowParams } from '../../src-main/electron/window-options';
import { FakeElectron, installFakeElectron } from './fake-electron';

const fake = new FakeElectron();
installFakeElectron(fake);
const { createMainWindow } =
  require('../../src-main/electron/window-options') as typeof import('../../src-main/electron/window-options');

function windowOptions(params: MainWindowParams): Record<string, unknown> {
  createMainWindow(params);
  return fake.windows.at(-1)?.options ?? {};
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

test('the window is isolated, sandboxed, without Node, with web security and no webview', () => {
  const options = windowOptions({
    preloadPath: '/app/preload.js',
    iconPath: '/app/icon.png',
    dark: true,
  });
  assert.deepEqual(options.webPreferences, {
    preload: '/app/preload.js',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  });
  assert.equal(options.show, false, 'shown on ready-to-show');
  assert.notEqual(
    options.backgroundColor,
    windowOptions({ preloadPath: '', iconPath: '', dark: false }).backgroundColor,
  );
});

test('the production CSP allows only our own scripts and styles and no network', () => {
  const csp = directives(contentSecurityPolicy());
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), ["'self'"]);
  assert.deepEqual(csp.get('style-src'), ["'self'"]);
  assert.deepEqual(csp.get('connect-src'), ["'none'"]);
  for (const d of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) {
    assert.deepEqual(csp.get(d), ["'none'"], d);
  }
  const all = [...csp.values()].flat();
  for (const banned of [
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'wasm-unsafe-eval'",
    '*',
    'http:',
    'https:',
    'blob:',
  ]) {
    assert.ok(!all.includes(banned), `${banned} is not allowed anywhere`);
  }
  assert.ok(!all.some((v) => /^(https?|wss?):\/\//.test(v)), 'no remote host in production');
});

test('the dev CSP only adds the loopback dev server and Vite’s inline preamble', () => {
  const csp = directives(contentSecurityPolicy('http://127.0.0.1:5173'));
  assert.deepEqual(csp.get('connect-src'), ["'self'", 'ws://127.0.0.1:5173']);
  assert.deepEqual(csp.get('script-src'), ["'self'", "'unsafe-inline'"]);
  assert.ok(![...csp.values()].flat().includes("'unsafe-eval'"));
});

test('a dev server is honoured only unpackaged, over http, on loopback', () => {
  const env = (url: string) => ({ [DEV_SERVER_ENV]: url });
  assert.equal(devServerUrl(env('http://127.0.0.1:5173/'), false), 'http://127.0.0.1:5173');
  assert.equal(devServerUrl(env('http://localhost:5173'), false), 'http://localhost:5173');
  assert.equal(devServerUrl(env('http://127.0.0.1:5173'), true), null, 'packaged apps never load a server');
  assert.equal(devServerUrl(env('http://192.168.1.20:5173'), false), null);
  assert.equal(devServerUrl(env('https://evil.example'), false), null);
  assert.equal(devServerUrl(env('http://127.0.0.1.evil.example:5173'), false), null);
  assert.equal(devServerUrl(env('not a url'), false), null);
  assert.equal(devServerUrl({}, false), null);
});

test('navigation is allowed only within our own origin', () => {
  assert.ok(isNavigationAllowed(APP_ENTRY_URL, APP_ORIGIN));
  for (const url of [
    'https://example.com/',
    'http://hearth/index.html',
    'file:///etc/passwd',
    'app://evil/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
  ]) {
    assert.equal(isNavigationAllowed(url, APP_ORIGIN), false, url);
  }
  assert.ok(isNavigationAllowed('http://127.0.0.1:5173/', 'http://127.0.0.1:5173'));
  assert.equal(isNavigationAllowed('http://127.0.0.1:5174/', 'http://127.0.0.1:5173'), false);
});

test('only the top frame of our own renderer may call IPC', () => {
  assert.ok(isTrustedSender({ url: APP_ENTRY_URL, parent: null }, APP_ORIGIN));
  assert.equal(isTrustedSender({ url: APP_ENTRY_URL, parent: {} }, APP_ORIGIN), false);
  assert.equal(isTrustedSender({ url: 'https://evil.example/', parent: null }, APP_ORIGIN), false);
  assert.equal(isTrustedSender(null, APP_ORIGIN), false);
  assert.equal(isTrustedSender(undefined, APP_ORIGIN), false);
});

test('external links: http(s) web pages only', () => {
  for (const url of [
    'https://example.com/a?b=c#d',
    'http://192.168.1.20:8080/',
    'https://xn--hearth-9ua.example/',
  ]) {
    assert.ok(isAllowedExternalUrl(url), url);
  }
  for (const url of [
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share/x.exe',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'app://hearth/index.html',
    'mailto:a@b.c',
    'https://user:pass@example.com/',
    'https://',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ]) {
    assert.equal(isAllowedExternalUrl(url), false, url);
  }
  assert.equal(isAllowedExternalUrl(42 as unknown as string), false);
});

const root = mkdtempSync(join(tmpdir(), 'hearth-app-protocol-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Hearth</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'notes.txt'), 'not a web asset');
writeFileSync(join(root, '..', 'hearth-secret.html'), 'outside the root');
after(() => rmSync(join(root, '..', 'hearth-secret.html'), { force: true }));

test('app:// serves the built renderer with the CSP header and the right types', async () => {
  const csp = contentSecurityPolicy();
  const handle = createAppProtocolHandler(root, csp);
  const page = await handle(new Request('app://hearth/index.html'));
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), csp);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await page.text(), '<!doctype html><title>Hearth</title>');
  const script = await handle(new Request('app://hearth/assets/index-abc.js'));
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await handle(new Request('app://hearth/'))).status, 200);
  assert.equal((await handle(new Request('app://hearth/missing.js'))).status, 404);
  assert.equal(
    (await handle(new Request('app://hearth/index.html', { method: 'POST', body: 'x' }))).status,
    405,
  );
});

test('app:// refuses other hosts, unknown types and every way out of the root', async () => {
  const handle = createAppProtocolHandler(root, contentSecurityPolicy());
  for (const url of [
    'app://hearth/notes.txt',
    'app://other/index.html',
    'app://hearth/..%2Fhearth-secret.html',
    'app://hearth/%2e%2e/hearth-secret.html',
    'app://hearth/assets/..%2F..%2Fhearth-secret.html',
    'app://hearth/..%5Chearth-secret.html',
    'app://hearth/index.html%00.js',
    'app://hearth/%E0%A4%A',
  ]) {
    const res = await handle(new Request(url));
    assert.equal(res.status, 404, url);
    assert.ok(res.headers.get('content-security-policy'), 'errors carry the CSP too');
  }
  assert.equal(resolveAppAsset(root, 'https://hearth/index.html'), null);
  assert.equal(
    resolveAppAsset(root, 'app://hearth/assets/index-abc.js'),
    join(root, 'assets', 'index-abc.js'),
  );
});

test('camera and microphone: only our own origin, only audio or video, only while the user is in a call', () => {
  const ours = { requestingUrl: `${APP_ORIGIN}/index.html`, mediaTypes: ['audio', 'video'] };
  assert.equal(mayUseMedia(ours, APP_ORIGIN, true), true);
  assert.equal(mayUseMedia(ours, APP_ORIGIN, false), false, 'not before the user starts or accepts a call');
  assert.equal(mayUseMedia({ securityOrigin: APP_ORIGIN }, APP_ORIGIN, true), true, 'a permission check');
  for (const foreign of ['https://example.com/', 'app://other', 'file:///etc/passwd', undefined]) {
    assert.equal(
      mayUseMedia({ requestingUrl: foreign, mediaTypes: ['audio'] }, APP_ORIGIN, true),
      false,
      foreign,
    );
  }
  assert.equal(mayUseMedia({ ...ours, mediaTypes: ['video', 'display-capture'] }, APP_ORIGIN, true), false);
  assert.equal(mayUseMedia(undefined, APP_ORIGIN, true), false);
});

// `npm run dev` loads the renderer from Vite's dev server on loopback, under the dev variant of the CSP
// (sent by electron-main through webRequest.onHeadersReceived). Here the same header is sent by Vite
// itself, and Debian Chromium shows that hot reload connects and styles apply with nothing else refused.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { contentSecurityPolicy } from '../../src-main/electron/security';
import { launchChromium } from '../e2e/harness';

const root = join(__dirname, '..', '..');

/** Runs in the page before its scripts; the test's tsconfig has no DOM library, hence the loose types. */
const RECORD_VIOLATIONS = `globalThis.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => globalThis.__csp.push(e.effectiveDirective + ' ' + e.blockedURI));`;

test('the dev CSP lets Vite serve with hot reload and styles, and refuses everything else', async () => {
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  const { createServer } = await import('vite');
  let csp = '';
  const server = await createServer({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    server: { port: 0, strictPort: false, hmr: true },
    plugins: [
      {
        name: 'hearth-dev-csp',
        configureServer(vite) {
          vite.middlewares.use((_req, res, next) => {
            res.setHeader('Content-Security-Policy', csp);
            next();
          });
        },
      },
    ],
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo | null | undefined;
  assert.ok(address, 'the dev server listens');
  const { port } = address;
  const origin = `http://127.0.0.1:${port}`;
  csp = contentSecurityPolicy(origin);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript({ content: RECORD_VIOLATIONS });
    const page = await context.newPage();
    const connected = page.waitForEvent('console', {
      predicate: (m) => m.text().includes('[vite] connected'),
    });
    const response = await page.goto(`${origin}/`);
    assert.equal(response?.headers()['content-security-policy'], csp);
    await connected;
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { styleSheets: { length: number } } }).document.styleSheets
          .length > 0,
    );
    const violations = await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
    // zod's one-off `new Function` probe is refused, as it should be (see renderer-csp.test.ts).
    assert.deepEqual(
      violations.filter((v) => v !== 'script-src eval'),
      [],
    );
    // Anything beyond our own origin and Vite's socket stays refused, even on loopback.
    const refused = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/').then(
        () => false,
        () => true,
      ),
    );
    assert.equal(refused, true);
    const after = await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
    assert.ok(after.includes('connect-src http://127.0.0.1:9/'), after.join(', '));
  } finally {
    await browser.close();
    await server.close();
  }
});

// The built renderer under the production Content-Security-Policy, served by the real app:// handler
// (behind a loopback HTTP adapter, since Chromium without Electron has no custom schemes) and driven in
// Debian Chromium through a whole session: connect, register, chat. No CSP violation may occur, and an
// injected inline script must be blocked, which proves the policy is in force.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createAppProtocolHandler } from '../../src-main/electron/app-protocol';
import { APP_ORIGIN, contentSecurityPolicy } from '../../src-main/electron/security';
import {
  buildRenderer,
  launchChromium,
  openUser,
  type RunningServer,
  type StaticServer,
  startServer,
  tempDir,
} from '../e2e/harness';
import { bubble, connectTo, register, send, waitForChat } from '../e2e/ui';

interface Violation {
  directive: string;
  blocked: string;
}

/** Runs in the page before its scripts; the test's tsconfig has no DOM library, hence the loose types. */
function recordViolations(): void {
  const page = globalThis as unknown as {
    __csp: Violation[];
    document: { addEventListener(type: string, listener: (event: Record<string, string>) => void): void };
  };
  page.__csp = [];
  page.document.addEventListener('securitypolicyviolation', (event) => {
    page.__csp.push({ directive: event.effectiveDirective ?? '', blocked: event.blockedURI ?? '' });
  });
}

const csp = contentSecurityPolicy();
let browser: Browser;
let http: Server;
let site: StaticServer;
let chat: RunningServer;
let chatDir: string;

before(async () => {
  const handle = createAppProtocolHandler(buildRenderer(), csp);
  http = createServer(async (req, res) => {
    const response = await handle(new Request(new URL(req.url ?? '/', APP_ORIGIN), { method: req.method }));
    response.headers.forEach((value, name) => {
      res.setHeader(name, value);
    });
    res.writeHead(response.status);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  site = {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
  chatDir = await tempDir('csp-server');
  chat = await startServer(chatDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await chat?.server.close();
  await site?.close();
  if (chatDir) await rm(chatDir, { recursive: true, force: true });
});

test('a whole session runs under the production CSP without a single violation', async () => {
  const user = await openUser(browser, site, 'csp');
  try {
    await user.context.addInitScript(recordViolations);
    const response = await user.page.reload();
    assert.equal(response?.headers()['content-security-policy'], csp, 'the page carries the CSP header');

    await connectTo(user.page, chat.port);
    await register(user.page, 'cspuser');
    await waitForChat(user.page);
    await send(user.page, 'hello under a strict policy');
    await bubble(user.page, 'hello under a strict policy').waitFor();

    const violations = await user.page.evaluate(
      () => (globalThis as unknown as { __csp: Violation[] }).__csp,
    );
    assert.deepEqual(violations, []);

    const ran = await user.page.evaluate(async () => {
      const page = globalThis as unknown as {
        __inlineRan?: boolean;
        document: {
          createElement(tag: string): { textContent: string };
          body: { append(node: unknown): void };
        };
      };
      const script = page.document.createElement('script');
      script.textContent = 'globalThis.__inlineRan = true';
      page.document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return page.__inlineRan === true;
    });
    assert.equal(ran, false, 'an injected inline script does not run');
    // One report per policy in force (the header, and the page's own meta tag), all for the inline script.
    const refused = (
      await user.page.evaluate(() => (globalThis as unknown as { __csp: Violation[] }).__csp)
    ).map((v) => v.directive);
    assert.ok(refused.length > 0, 'the inline script was reported');
    assert.deepEqual(new Set(refused), new Set(['script-src-elem']));
  } finally {
    await user.close();
  }
});

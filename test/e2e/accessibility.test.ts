// axe-core on every screen a person meets, in light and dark: connect, the first visit with the room's
// certificate, creating an account and logging in, the chat with messages, the narrow
// window's drawers, hosting, and the warning when a room's certificate changes.
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { assertAccessible } from './axe';
import {
  buildRenderer,
  launchChromium,
  openUser,
  type RunningServer,
  type StaticServer,
  serveStatic,
  startServer,
  tempDir,
  type User,
} from './harness';
import { bubble, connectTo, logIn, register, send, waitForChat } from './ui';

let browser: Browser;
let site: StaticServer;
let serverDir: string;
let running: RunningServer;
let ana: User;
let bo: User;

before(async () => {
  site = await serveStatic(buildRenderer());
  browser = await launchChromium();
  serverDir = await tempDir('accessibility');
  running = await startServer(serverDir);
  [ana, bo] = await Promise.all([openUser(browser, site, 'ana'), openUser(browser, site, 'bo')]);
  await connectTo(ana.page, running.port);
  await register(ana.page, 'ana');
  await waitForChat(ana.page);
});

after(async () => {
  await Promise.all([ana?.close(), bo?.close()]);
  await running?.server.close();
  await browser?.close();
  await site?.close();
  await rm(serverDir, { recursive: true, force: true });
});

test('the connect screen, empty and with a field error', async () => {
  const { page } = bo;
  await page.getByLabel('Server address').waitFor();
  await assertAccessible(page, 'connect');
  await page.getByLabel('Port').fill('99999');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.locator('[aria-invalid="true"]').waitFor();
  await assertAccessible(page, 'connect with an error');
});

test('the first visit, with the certificate to compare, and both tabs', async () => {
  const { page } = bo;
  await connectTo(page, running.port);
  await assertAccessible(page, 'first visit (create account)');
  await page.getByRole('tab', { name: 'Log in' }).click();
  await assertAccessible(page, 'log in');
  await logIn(page, 'nobody', 'wrong password here');
  await page.getByRole('alert').first().waitFor();
  await assertAccessible(page, 'log in with an error');
  await register(page, 'bo');
  await waitForChat(page);
});

test('the chat with messages from both sides', async () => {
  await send(ana.page, 'Hello from ana');
  await send(bo.page, 'Hello back from bo');
  await bubble(bo.page, 'Hello from ana').waitFor();
  await bubble(bo.page, 'Hello back from bo').waitFor();
  await assertAccessible(bo.page, 'chat');
});

test('the narrow window, with each drawer open', async () => {
  const { page } = bo;
  await page.setViewportSize({ width: 720, height: 520 });
  await assertAccessible(page, 'narrow chat');
  await page.getByRole('button', { name: /^Conversations/ }).click();
  await page.getByRole('complementary', { name: 'Hearth' }).waitFor();
  await assertAccessible(page, 'conversation drawer');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Friends', exact: true }).click();
  await page.getByRole('complementary', { name: 'Friends' }).waitFor();
  await assertAccessible(page, 'friends drawer');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the warning when the room certificate changes', async () => {
  await running.server.close();
  rmSync(join(serverDir, CERTIFICATE_FILE));
  rmSync(join(serverDir, PRIVATE_KEY_FILE));
  running = await startServer(serverDir, running.port);
  const dialog = ana.page.getByRole('alertdialog', { name: "The room's certificate has changed" });
  await dialog.waitFor({ timeout: 20_000 });
  await assertAccessible(ana.page, 'certificate changed');
});

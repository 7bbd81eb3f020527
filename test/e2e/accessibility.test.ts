// axe-core on every screen a person meets, in light and dark: connect, the first visit with the room's
// certificate, creating an account and logging in, the chat with messages, the narrow
// window's drawers, the banners while the room is closed and while the network is down, and the warning
// when a room's certificate changes.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { CuttableProxy } from '../client/support';
import { assertAccessible } from './axe';
import { openUser, startServer, type User } from './harness';
import { picture } from './pictures';
import { openStage, type Stage } from './stage';
import { bubble, connectTo, logIn, register, send, waitForChat } from './ui';

let stage: Stage;
let ana: User;
let bo: User;

before(async () => {
  stage = await openStage('accessibility');
  [ana, bo] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bo'),
  ]);
  await connectTo(ana.page, stage.running.port);
  await register(ana.page, 'ana');
  await waitForChat(ana.page);
});

after(async () => {
  await Promise.all([ana?.close(), bo?.close()]);
  await stage?.close();
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
  await connectTo(page, stage.running.port);
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

test('the banner while the room is closed, with a message waiting to be sent', async () => {
  await stage.running.server.close();
  const banner = bo.page.getByRole('status').filter({ hasText: 'The host closed the room' });
  await banner.waitFor();
  await send(bo.page, 'Written while the room was down');
  await bo.page.getByRole('article', { name: 'You, sending' }).waitFor();
  await assertAccessible(bo.page, 'room closed');
  await picture(bo.page, 'a11y-room-closed', async () => {
    await bo.page.getByRole('article', { name: 'You, sending' }).waitFor();
  });
  stage.running = await startServer(stage.serverDir, stage.running.port);
  await banner.waitFor({ state: 'detached', timeout: 15_000 });
  await bubble(bo.page, 'Written while the room was down').waitFor();
});

test('the reconnecting banner when the network drops, said without its ticking seconds', async () => {
  const proxy = new CuttableProxy(stage.running.port);
  const cy = await openUser(stage.browser, stage.site, 'cy');
  try {
    await connectTo(cy.page, await proxy.start());
    await register(cy.page, 'cy');
    await waitForChat(cy.page);
    await proxy.refuse();
    const banner = cy.page.getByRole('status').filter({ hasText: /Reconnecting (in \d+ s|now)…/ });
    await banner.waitFor({ timeout: 15_000 });
    const said = await banner.ariaSnapshot();
    assert.match(said, /- strong: Reconnecting…$/m);
    assert.doesNotMatch(said, /Reconnecting (in|now)/, 'the countdown is not in what is said');
    await assertAccessible(cy.page, 'reconnecting');
  } finally {
    await proxy.refuse();
    await cy.close();
  }
});

test('the warning when the room certificate changes', async () => {
  await stage.running.server.close();
  rmSync(join(stage.serverDir, CERTIFICATE_FILE));
  rmSync(join(stage.serverDir, PRIVATE_KEY_FILE));
  stage.running = await startServer(stage.serverDir, stage.running.port);
  const dialog = ana.page.getByRole('alertdialog', { name: "The room's certificate has changed" });
  await dialog.waitFor({ timeout: 20_000 });
  await assertAccessible(ana.page, 'certificate changed');
});

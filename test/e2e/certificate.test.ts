// The room's certificate changes while people are in it (the room was reinstalled, or someone pretends to
// be it): they stay on the chat behind a blocking warning with both fingerprints readable, and decide.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { openUser, screenshot, startServer, type User, until } from './harness';
import { openStage, type Stage } from './stage';
import { bubble, connectTo, register, send, waitForChat } from './ui';

let stage: Stage;
let alice: User;
let bob: User;

before(async () => {
  stage = await openStage('certificate');
  [alice, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'alice'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  for (const [user, name] of [
    [alice, 'alice'],
    [bob, 'bob'],
  ] as const) {
    await connectTo(user.page, stage.running.port);
    await register(user.page, name);
    await waitForChat(user.page);
  }
  await send(alice.page, 'Hello before the reinstall');
  await bubble(bob.page, 'Hello before the reinstall').waitFor();
});

after(async () => {
  await Promise.all([alice?.close(), bob?.close()]);
  await stage?.close();
});

function warning(page: Page): Locator {
  return page.getByRole('alertdialog', { name: "The room's certificate has changed" });
}

async function assertInside(inner: Locator, outer: Locator, what: string): Promise<void> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  assert.ok(a && b);
  assert.ok(a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1, `${what} stays inside its card`);
}

test('a changed certificate keeps people on the chat behind a warning with both fingerprints', async () => {
  const before = stage.running.server;
  const oldFingerprint = (await alice.service.getState()).connection.fingerprint;
  await before.close();
  rmSync(join(stage.serverDir, CERTIFICATE_FILE));
  rmSync(join(stage.serverDir, PRIVATE_KEY_FILE));
  stage.running = await startServer(stage.serverDir, stage.running.port);
  const { page } = alice;
  const dialog = warning(page);
  await dialog.waitFor({ timeout: 20_000 });
  await warning(bob.page).waitFor({ timeout: 20_000 });

  assert.equal(await page.getByRole('button', { name: 'Connect', exact: true }).count(), 0, 'not logged out');
  await bubble(page, 'Hello before the reinstall').waitFor();
  assert.equal(await page.locator('.chat-layout[inert]').count(), 1, 'the chat behind takes no input');

  await dialog.getByRole('button', { name: 'Compare' }).click();
  const trusted = dialog.locator('.fingerprint', { hasText: 'You trusted' }).locator('[data-fingerprint]');
  const presented = dialog
    .locator('.fingerprint', { hasText: 'It presents now' })
    .locator('[data-fingerprint]');
  assert.equal(await trusted.getAttribute('data-fingerprint'), oldFingerprint);
  const newFingerprint = await presented.getAttribute('data-fingerprint');
  assert.notEqual(newFingerprint, oldFingerprint);
  assert.equal(await presented.locator('span').count(), 8, 'grouped in eight groups of four pairs');
  assert.ok((await presented.locator('.differs').count()) > 0, 'the groups that differ are marked');
  for (const size of [
    { width: 720, height: 520 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    for (const fingerprint of await dialog.locator('.fingerprint').all()) {
      await assertInside(fingerprint, dialog.locator('.certificate-change'), 'a fingerprint');
    }
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(300); // the buttons' colour transitions settle
      await screenshot(page, `certificate-changed-${size.width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  await dialog.getByRole('button', { name: 'Trust the new certificate' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await waitForChat(page);
  await send(page, 'Back with the new certificate');
  await bubble(page, 'Back with the new certificate').waitFor();
  const state = await alice.service.getState();
  assert.equal(state.connection.fingerprint, newFingerprint, 'the new certificate is the one trusted now');
  assert.equal(state.session?.username, 'alice', 'the remembered session came back by itself');
});

test('Disconnect leaves for the connect screen, with the room still filled in', async () => {
  const { page } = bob;
  await warning(page).getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
  // The settings arrive a moment after the screen; the fields follow them.
  const host = await until(
    () => page.getByLabel('Server address').inputValue(),
    (value) => value !== 'localhost',
  );
  assert.equal(host, '127.0.0.1');
  assert.equal(await page.getByLabel('Port').inputValue(), String(stage.running.port));
  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bob.errors, []);
});

// The settings screen in Chromium against the real service: opened from the sidebar, driven by keyboard,
// its choices taking effect at once (the theme, join and leave lines) and kept by the main process.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from './axe';
import { openUser, screenshot, type User } from './harness';
import { openStage, type Stage } from './stage';
import { connectTo, register, waitForChat } from './ui';

let stage: Stage;
let ana: User;
let bo: User;

before(async () => {
  stage = await openStage('settings');
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

// The test tsconfig has no DOM library: the little of the DOM these page functions use.
declare const document: {
  body: unknown;
  activeElement: { closest(selector: string): unknown } | null;
  documentElement: { dataset: Record<string, string | undefined> };
};
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Settings', exact: true });
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('Settings opens from the sidebar, Escape closes it and focus goes back to the button', async () => {
  const { page } = ana;
  const opener = page.getByRole('button', { name: 'Settings', exact: true });
  await opener.click();
  await dialog(page).waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest('dialog') !== null),
    true,
    'focus moved into the dialog',
  );
  await assertAccessible(page, 'settings');
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus returned');
});

test('the theme follows the system until one is picked, and the pick is kept', async () => {
  const { page } = ana;
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await dialog(page).getByRole('radio', { name: 'Dark' }).check();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.waitForTimeout(300); // colour transitions settle
  const dark = await background(page);
  assert.notEqual(dark, light, 'dark colours while the system says light');
  assert.equal((await ana.service.getState()).settings.preferences.theme, 'dark');
  for (const size of [
    { width: 720, height: 520 },
    { width: 1400, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await screenshot(page, `settings-${size.width}-dark`);
  }
  await dialog(page).getByRole('radio', { name: 'Light' }).check();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.waitForTimeout(300);
  assert.equal(await background(page), light, 'light colours while the system says dark');
  for (const width of [720, 1400]) {
    await page.setViewportSize(width === 720 ? { width, height: 520 } : { width, height: 900 });
    await screenshot(page, `settings-${width}-light`);
  }
  // Back to the system's choice, by keyboard: arrow keys move within the radio group.
  await dialog(page).getByRole('radio', { name: 'Light' }).focus();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.documentElement.dataset.theme === undefined);
  assert.equal((await ana.service.getState()).settings.preferences.theme, 'system');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('Escape');
});

test('join and leave lines can be hidden, and come back when shown again', async () => {
  const { page } = ana;
  await connectTo(bo.page, stage.running.port);
  await register(bo.page, 'bo');
  await waitForChat(bo.page);
  const joined = page.locator('.system-line.crowd', { hasText: 'bo joined' });
  await joined.waitFor();

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await dialog(page)
    .getByRole('checkbox', { name: /join and leave/ })
    .uncheck();
  await joined.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.system-line.crowd').count(), 0);

  await dialog(page)
    .getByRole('checkbox', { name: /join and leave/ })
    .check();
  await joined.waitFor();
  await page.keyboard.press('Escape');
});

test('what is stored where names the settings file on this computer', async () => {
  const { page } = ana;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const places = dialog(page).locator('.storage-places');
  await places.getByText('settings.json').waitFor();
  assert.match(await places.innerText(), /host/);
  await page.keyboard.press('Escape');
  assert.deepEqual(ana.errors, []);
  assert.deepEqual(bo.errors, []);
});

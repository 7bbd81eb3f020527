// The account section of the settings in Chromium against a real room: a display name the other person sees
// (with the username beside it), "do not disturb", and a password change that tells the other device why it
// was signed out, then a login with the new one. axe and screenshots of the section, light and dark, narrow
// and wide.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from './axe';
import { openUser, screenshot, type User, until } from './harness';
import { openMembers } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { connectTo, friendRow, logIn, PASSWORD, register, waitForChat } from './ui';

let stage: Stage;
let ana: User;
let bo: User;

before(async () => {
  stage = await openStage('account');
  [ana, bo] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bo'),
  ]);
  for (const [user, name] of [
    [ana, 'ana'],
    [bo, 'bo'],
  ] as const) {
    await connectTo(user.page, stage.running.port);
    await register(user.page, name);
    await waitForChat(user.page);
  }
});

after(async () => {
  await Promise.all([ana?.close(), bo?.close()]);
  await stage?.close();
});

// The test tsconfig has no DOM library: the little of the DOM these page functions use.
declare const document: { documentElement: { dataset: Record<string, string | undefined> } };

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Settings', exact: true });

test('a display name and "do not disturb" reach the other person, the username beside the name', async () => {
  const { page } = ana;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await dialog(page).getByLabel('Display name').fill('Ána Ω');
  await dialog(page).getByRole('button', { name: 'Save profile' }).click();
  await dialog(page).getByText('Profile saved.').waitFor();
  await dialog(page).getByRole('radio', { name: 'Do not disturb' }).check();
  await dialog(page).getByText('Status: Do not disturb.').waitFor();
  assert.equal(ana.service.accountCalls.doNotDisturb, true, 'desktop notifications are quiet now');

  const panel = await openMembers(bo.page);
  const row = panel.locator('li.member', { hasText: '@ana' });
  await row.getByText('Ána Ω').waitFor();
  await row.getByText('Do not disturb').waitFor();
  assert.equal(await row.locator('.friend-name').getAttribute('title'), 'Ána Ω (@ana)');

  // As a friend, too: the display name with the username beside it.
  await ana.service.friendRequest('bo');
  await bo.service.friendRespond({ username: 'ana', accept: true });
  await bo.page.getByRole('button', { name: /^Members, / }).click(); // the friends column again
  const friend = friendRow(bo.page, 'ana');
  await friend.getByText('Ána Ω').waitFor();
  await friend.getByText('@ana').waitFor();
});

test('the account section passes axe and is pictured light and dark, narrow and wide', async () => {
  const { page } = ana;
  for (const theme of ['light', 'dark'] as const) {
    await dialog(page)
      .getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark', exact: true })
      .check();
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.waitForTimeout(300); // colour transitions settle
    await assertAccessible(page, `settings account ${theme}`);
    for (const size of [
      { width: 720, height: 520 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await dialog(page)
        .locator('#account-profile')
        .evaluate((el) => el.scrollIntoView());
      await screenshot(page, `settings-account-${size.width}-${theme}`);
    }
    await dialog(page)
      .locator('#account-security')
      .evaluate((el) => el.scrollIntoView());
    await screenshot(page, `settings-account-security-${theme}`);
  }
  await dialog(page).getByRole('radio', { name: 'Like the system' }).check();
});

test('ten minutes without input show an online account as away, and the next input brings it back', async () => {
  const { page } = ana;
  await page.keyboard.press('Escape');
  await ana.service.updateProfile({ status: 'online' });
  await page.clock.install();
  await page.mouse.move(10, 10); // the timer is set again, on the installed clock
  await page.mouse.move(20, 20);
  await page.clock.fastForward('10:01');
  await page.locator('.me-text').getByText('Away').waitFor();
  const seen = await until(
    () => bo.service.profiles(['ana']),
    (found) => found.ok && found.value[0]?.status === 'away',
  );
  assert.ok(seen.ok, 'the room told bo');
  await page.mouse.move(30, 30);
  await page.locator('.me-text').getByText('Online').waitFor();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
});

test('a wrong current password is refused; the other device is told; the new one logs in', async () => {
  const { page } = ana;
  const phone = await openUser(stage.browser, stage.site, 'ana-phone');
  await connectTo(phone.page, stage.running.port);
  await logIn(phone.page, 'ana');
  await waitForChat(phone.page);
  const form = dialog(page).getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password').fill('a brand new secret');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByText('not your current password', { exact: false }).waitFor();
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password').fill('a brand new secret');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByText('Password changed.', { exact: false }).waitFor();
  await phone.page.getByText('the password of this account was changed on another device').waitFor();
  await phone.close();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await logIn(page, 'ana', 'a brand new secret');
  await waitForChat(page);
});

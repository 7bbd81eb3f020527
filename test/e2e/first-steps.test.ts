// What a new person meets first: the right tab and words for a room they have just opened or never visited,
// errors that clear when they are no longer true, a lockout that counts down, and friend answers that
// keep usernames as they are spelt.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  buildRenderer,
  freePort,
  launchChromium,
  openUser,
  type RunningServer,
  type StaticServer,
  screenshot,
  serveStatic,
  startServer,
  tempDir,
  type User,
} from './harness';
import { openRoom } from './rooms-steps';
import { connectTo, logIn, PASSWORD, register, waitForChat } from './ui';

let browser: Browser;
let site: StaticServer;
let throttledDir: string;
let throttled: RunningServer;
let alice: User;
let bob: User;
let hostPort: number;

before(async () => {
  site = await serveStatic(buildRenderer());
  browser = await launchChromium();
  throttledDir = await tempDir('throttled');
  // One free failure, then a 3 s wait: long enough to watch it count down. No guests, as `--no-guests`.
  throttled = await startServer(throttledDir, 0, {
    allowGuests: false,
    loginFreeFailures: 1,
    loginFreeFailuresPerAddress: 100,
    loginBaseDelayMs: 3000,
  });
  [alice, bob] = await Promise.all([openUser(browser, site, 'alice'), openUser(browser, site, 'bob')]);
});

after(async () => {
  await Promise.all([alice?.close(), bob?.close()]);
  await throttled?.server.close();
  await browser?.close();
  await site?.close();
  await rm(throttledDir, { recursive: true, force: true });
});

async function selectedTab(page: Page): Promise<string | null> {
  return page.getByRole('tab', { selected: true }).textContent();
}

test('a host who has just opened a room is asked to create an account in it, under its name', async () => {
  hostPort = await freePort();
  const started = await alice.service.startHost({ port: hostPort, allowGuests: true });
  assert.ok(started.ok, 'the room started');
  const { page } = alice;
  await page.getByRole('tablist', { name: 'How to join' }).waitFor({ timeout: 30_000 });
  const { roomName } = await alice.service.getState();
  assert.equal(await selectedTab(page), 'Create account');
  await page.getByRole('heading', { name: 'Create your account in your room' }).waitFor();
  await page.getByText(roomName, { exact: true }).waitFor();
  await page.getByText('This is the room you host').waitFor();
  assert.equal(await page.getByText('Welcome back').count(), 0);
  assert.equal(await page.getByText('matches the one from your first visit').count(), 0);
  await screenshot(page, 'auth-own-room');
  await register(page, 'alice');
  await waitForChat(page);
});

test('a first-time visitor lands on Create account, with the fingerprint to compare', async () => {
  const { page } = bob;
  await connectTo(page, hostPort);
  assert.equal(await selectedTab(page), 'Create account');
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByRole('region', { name: 'First visit to this room' }).waitFor();
  await screenshot(page, 'auth-first-visit');
  await register(page, 'bob');
  await waitForChat(page);
});

test('a request to someone who had asked you makes friends and says so; names keep their spelling', async () => {
  assert.ok((await alice.service.friendRequest('bob')).ok);
  const panel = bob.page.getByRole('complementary', { name: 'Friends' });
  await panel.getByRole('button', { name: 'Accept friend request from alice' }).waitFor();
  await panel.getByLabel('Add a friend').fill('alice');
  await panel.getByRole('button', { name: 'Send friend request' }).click();
  await panel.getByText('alice had asked you too: you are now friends.').waitFor();

  await panel.getByLabel('Add a friend').fill('alice');
  await panel.getByRole('button', { name: 'Send friend request' }).click();
  const status = panel.locator('#add-friend-status');
  await status.getByText('alice is already your friend.', { exact: true }).waitFor();
  await screenshot(bob.page, 'friend-already');
  await panel.getByLabel('Add a friend').fill('alic');
  // Well before the answer would time out by itself: editing the name is what cleared it.
  await status.getByText(/.+/).waitFor({ state: 'detached', timeout: 2000 });

  await panel.getByRole('button', { name: 'Send friend request' }).click();
  await status.getByText('There is no user "alic".').waitFor();
  // The answer goes away by itself after a few seconds rather than staying for the session.
  await status.getByText(/.+/).waitFor({ state: 'detached', timeout: 15_000 });
});

test('an old connection error goes away when a new attempt fails on a field', async () => {
  const { page } = alice;
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Change server' }).click();
  await page.getByLabel('Server address').fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(await freePort()));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: /./ });
  await alert.waitFor();
  await page.getByLabel('Server address').fill('');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText('Enter the address of the computer hosting the room.').waitFor();
  assert.equal(await alert.count(), 0, 'the old "could not reach" is gone');
  await screenshot(page, 'connect-field-error');
});

test('after too many failed logins the form counts down and stays disabled until it may try again', async () => {
  const { page } = alice;
  await connectTo(page, throttled.port);
  await register(page, 'carol');
  await waitForChat(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  const button = page.getByRole('button', { name: /^Try again in \d s$/ });
  const alerts: string[] = [];
  // The first failure is free; the room throttles from one of the next on.
  for (let attempt = 1; attempt <= 3 && !(await button.isVisible()); attempt++) {
    await logIn(page, 'carol', `wrong password ${attempt}`);
    await page
      .getByRole('alert')
      .filter({ hasText: /password|credentials|try again/i })
      .waitFor();
    alerts.push(...(await page.getByRole('alert').allTextContents()));
  }
  await button
    .waitFor({ timeout: 3000 })
    .catch(() => assert.fail(`no countdown; the form said: ${alerts.join(' | ')}`));
  assert.equal(await button.isDisabled(), true, 'the button waits too');
  const first = Number(/(\d) s/.exec((await button.textContent()) ?? '')?.[1]);
  await screenshot(page, 'login-lockout');
  await page.getByRole('button', { name: `Try again in ${first - 1} s` }).waitFor({ timeout: 5000 });
  await page
    .getByRole('alert')
    .filter({ hasText: `try again in ${first - 1} s` })
    .waitFor();
  // What a screen reader hears does not tick: it would read the alert out again every second.
  assert.equal(
    await page.getByRole('alert').filter({ hasText: 'try again in' }).ariaSnapshot(),
    '- alert: Too many failed logins. Log in works again in a few seconds.',
  );
  const login = page.getByRole('button', { name: 'Log in', exact: true });
  await login.waitFor({ timeout: 10_000 });
  assert.equal(await login.isDisabled(), false);
  assert.equal(await page.getByText(/try again in/).count(), 0, 'the countdown is gone once it reached zero');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await login.click();
  await waitForChat(page);
});

test('"Keep me logged in", once unticked, is still unticked the next time', async () => {
  const { page } = alice;
  await page.getByRole('button', { name: 'Log out' }).click();
  const keep = page.getByRole('checkbox', { name: /Keep me logged in/ });
  assert.equal(await keep.isChecked(), true, 'ticked by default');
  await keep.uncheck();
  await logIn(page, 'carol');
  await waitForChat(page);
  assert.equal((await alice.service.getState()).settings.keepLoggedIn, false);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('tablist', { name: 'How to join' }).waitFor();
  await page.getByRole('checkbox', { name: /Keep me logged in/, checked: false }).waitFor();
  assert.equal(await page.getByLabel('Username').inputValue(), 'carol');
  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bob.errors, []);
});

test("a room's settings say guests cannot join when the host started the room without guests", async () => {
  const { page } = alice;
  await logIn(page, 'carol');
  await waitForChat(page);
  const created = await alice.service.createRoom({ name: 'Porch', topic: '', visibility: 'public' });
  assert.ok(created.ok, 'the room was created');
  await openRoom(page, 'Porch');
  await page.getByRole('button', { name: 'Room settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Porch settings' });
  await dialog.getByText('Guests cannot join any room: the host started the room without guests.').waitFor();
  assert.equal(
    await dialog.getByRole('checkbox', { name: /^Let guests in/ }).count(),
    0,
    'no box that would do nothing',
  );
  await page.keyboard.press('Escape');
});

// Hosting a room from the app: the service starts the real headless room in a child process, the host
// joins it, a friend connects to the address shown, and stopping closes it.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  buildRenderer,
  freePort,
  launchChromium,
  openUser,
  type StaticServer,
  screenshot,
  serveStatic,
  type User,
  until,
} from './harness';
import { assertEveryControlNamed, bubble, connectTo, send, waitForChat } from './ui';

let browser: Browser;
let site: StaticServer;
let host: User;
let guest: User;

before(async () => {
  site = await serveStatic(buildRenderer());
  browser = await launchChromium();
  [host, guest] = await Promise.all([openUser(browser, site, 'host'), openUser(browser, site, 'guest')]);
});

after(async () => {
  await Promise.all([host?.close(), guest?.close()]);
  await browser?.close();
  await site?.close();
});

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function joinAsGuest(user: User, nickname: string): Promise<void> {
  await user.page.getByRole('tab', { name: 'Guest' }).click();
  await user.page.getByLabel('Nickname').fill(nickname);
  await user.page.getByRole('button', { name: 'Join', exact: true }).click();
  await waitForChat(user.page);
}

test('host a room, share its address, chat in it, and stop it', async () => {
  const { page, service } = host;
  const port = await freePort();

  await page.getByRole('button', { name: /Host a room/ }).click();
  await page.getByRole('heading', { name: 'Host a room' }).waitFor();
  await assertEveryControlNamed(page);
  await screenshot(page, 'host');

  await page.getByLabel('Port', { exact: true }).fill(String(port));
  assert.equal(await page.getByRole('checkbox', { name: /Allow guests/ }).isChecked(), true);
  const classicPort = await freePort();
  await page.getByRole('checkbox', { name: /classic terminal clients/ }).check();
  await page.getByLabel('Classic port (not encrypted)').fill(String(classicPort));
  await page.getByRole('button', { name: 'Start hosting' }).click();
  await page.getByRole('heading', { name: `Your room is open on port ${port}` }).waitFor({ timeout: 30_000 });
  const shared = await page
    .getByRole('list', { name: 'Addresses to share' })
    .locator('code')
    .allTextContents();
  assert.deepEqual(shared, [`127.0.0.1:${port}`]);
  await screenshot(page, 'host-running', true);

  const state = await service.getState();
  assert.equal(state.host.running, true);
  assert.equal(state.host.port, port);
  assert.equal(state.connection.state, 'connected', 'the host joined their own room');
  assert.equal(await portAccepts(port), true);
  assert.equal(state.host.classicPort, classicPort);
  assert.equal(await portAccepts(classicPort), true, 'the classic port listens too');
  await page
    .getByText(`Classic terminal clients connect on port ${classicPort} without encryption`)
    .waitFor();
  const shownFingerprint = page.locator('[data-fingerprint]');
  if (state.host.fingerprint === null) {
    assert.equal(await shownFingerprint.count(), 0, 'no fingerprint shown while the room reports none');
  } else {
    assert.equal(
      await shownFingerprint.getAttribute('data-fingerprint'),
      state.host.fingerprint,
      'the host screen shows the fingerprint friends will be asked to compare',
    );
  }

  await page.getByRole('button', { name: 'Enter your room' }).click();
  await joinAsGuest(host, 'hostess');
  await page.getByRole('region', { name: /Hosting on port/ }).waitFor();
  await send(page, 'Welcome to my room!');
  await bubble(page, 'Welcome to my room!').waitFor();

  await connectTo(guest.page, port);
  await joinAsGuest(guest, 'visitor');
  await bubble(guest.page, 'Welcome to my room!').waitFor();
  await send(guest.page, 'Thanks for having me');
  await bubble(page, 'Thanks for having me').waitFor();
  await screenshot(page, 'host-chat');

  await page.getByRole('button', { name: 'Stop hosting' }).click();
  await page.getByText('1 person is in the room besides you; they are disconnected.').waitFor();
  await screenshot(page, 'host-stop-confirm');
  await page.getByRole('button', { name: 'Keep hosting' }).click();
  assert.equal((await service.getState()).host.running, true, 'keeping it changes nothing');
  await page.getByRole('button', { name: 'Stop hosting' }).click();
  await page.getByRole('button', { name: 'Stop the room' }).click();
  await page.getByRole('button', { name: 'Host a room' }).waitFor();
  const stopped = await until(service.getState.bind(service), (s) => !s.host.running);
  assert.equal(stopped.host.running, false);
  assert.equal(stopped.connection.state, 'disconnected');
  assert.equal(await portAccepts(port), false, 'the room no longer listens');
  assert.equal(await portAccepts(classicPort), false, 'nor does its classic port');
  // docs/protocol.md § Notices: the room said goodbye, so the guest is told it closed rather than retrying.
  const closed = guest.page.getByRole('status').filter({ hasText: 'The host closed the room' });
  await closed.waitFor();
  await bubble(guest.page, 'Thanks for having me').waitFor();
  await guest.page.waitForTimeout(1500);
  assert.doesNotMatch(
    (await closed.textContent()) ?? '',
    /refused|Reconnecting in/,
    'no loop of refusals shown',
  );
  await screenshot(guest.page, 'room-closed');
  // Reconnect tries at once; the room is still closed, so the banner stays as it was (and nothing breaks).
  await closed.getByRole('button', { name: 'Reconnect' }).click();
  await guest.page.waitForTimeout(500);
  await closed.waitFor();
  await closed.getByRole('button', { name: 'Leave' }).click();
  await guest.page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
  assert.deepEqual(host.errors, []);
  assert.deepEqual(guest.errors, []);
});

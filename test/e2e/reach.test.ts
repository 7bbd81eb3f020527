// Joining without typing an address, in the built renderer in Chromium: the host's screen offers an invite
// link (address, fingerprint, room name); a friend's Connect screen lists the room found on the local
// network (mDNS bound to loopback) with its fingerprint and joins it with one click; a pasted bad link
// gets its sentence and a good one joins.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { parseInvite } from '../../src-shared/invite';
import { bridgeContext } from './bridge';
import {
  buildRenderer,
  freePort,
  launchChromium,
  type StaticServer,
  screenshot,
  serveStatic,
} from './harness';

const LOOPBACK_ONLY = { interface: '127.0.0.1', bind: '0.0.0.0' };
const ROOM_NAME = `Anna's <b>room</b> ${process.pid}`;

let browser: Browser;
let site: StaticServer;
const cleanups: Array<() => Promise<void>> = [];

before(async () => {
  site = await serveStatic(buildRenderer());
  browser = await launchChromium();
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
  await site?.close();
});

async function openApp(lan: boolean): Promise<{ page: Page; service: HearthService }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-reach-'));
  const service = new HearthService({
    dataDir,
    hostLauncher: new NodeHostLauncher({ bindHost: '127.0.0.1' }),
    reach: { lan: lan ? LOOPBACK_ONLY : null, roomName: ROOM_NAME },
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const stopBridge = await bridgeContext(context, service);
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = await context.newPage();
  await page.goto(site.url);
  cleanups.push(async () => {
    stopBridge();
    await context.close();
    await service.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { page, service };
}

test('a room found on the LAN joins with one click; invite links are offered, refused and followed', async () => {
  const host = await openApp(true);
  const port = await freePort();
  await host.page.getByRole('button', { name: /Host a room/ }).click();
  await host.page.getByLabel('Port', { exact: true }).fill(String(port));
  await host.page.getByRole('button', { name: 'Start hosting' }).click();
  await host.page
    .getByRole('heading', { name: `Your room is open on port ${port}` })
    .waitFor({ timeout: 30_000 });
  const fingerprint = (await host.service.getState()).host.fingerprint;
  assert.ok(fingerprint);
  const offered = await host.page.locator('.invite-links code').allTextContents();
  assert.equal(offered.length, 1);
  const link = offered[0] ?? '';
  assert.deepEqual(parseInvite(link), {
    ok: true,
    value: { host: '127.0.0.1', port, fingerprint, name: ROOM_NAME },
  });
  await screenshot(host.page, 'host-invite-link');

  const friend = await openApp(true);
  const listed = friend.page.getByRole('button', { name: `Join ${ROOM_NAME}` });
  await listed.waitFor({ timeout: 15_000 });
  // The name is shown as the text it is, markup and all.
  assert.equal(await friend.page.locator('.lan-room strong').first().textContent(), ROOM_NAME);
  assert.equal(await friend.page.locator('.lan-room b').count(), 0);
  assert.equal(await friend.page.locator('.lan-room .fingerprint-line').first().textContent(), fingerprint);

  await friend.page.locator('summary', { hasText: 'Have an invite link?' }).click();
  await friend.page.getByLabel('Invite link').fill(`hearth://someone@127.0.0.1:${port}`);
  await friend.page.getByRole('button', { name: 'Join', exact: true }).click();
  await friend.page.getByText('Invite links never contain a user name or password.').waitFor();
  await screenshot(friend.page, 'connect-lan-rooms');

  await listed.click();
  await friend.page.getByRole('tablist', { name: 'How to join' }).waitFor();
  const joined = await friend.service.getState();
  assert.equal(joined.connection.state, 'connected');
  assert.deepEqual(joined.connection.server, { host: '127.0.0.1', port });

  const invited = await openApp(false);
  await invited.page.locator('summary', { hasText: 'Have an invite link?' }).click();
  await invited.page.getByLabel('Invite link').fill(link);
  await invited.page.getByRole('button', { name: 'Join', exact: true }).click();
  await invited.page.getByRole('tablist', { name: 'How to join' }).waitFor();
  assert.equal((await invited.service.getState()).connection.fingerprint, fingerprint);
});

// The rooms screens as people see them, checked with axe-core in light and dark and photographed at a
// narrow (800×600) and a wide (1400×900) window: the room list with an invite, the member list with roles,
// a mute and a guest, and the settings dialog (with its guests setting, at 1280×800 and 720×520). Also: a
// group conversation made from friends, a guest let into a room, and the guest badge on a guest's messages. Rooms are set up through the services; what is checked is the window.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import type { Result } from '../../src-shared/ipc';
import { assertAccessible } from './axe';
import { openUser, screenshot, tempDir, type User } from './harness';
import {
  befriend,
  memberRow,
  openMembers,
  openRoom,
  registerAll,
  sidebarButton,
  systemLine,
} from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, send } from './ui';

type Size = { width: number; height: number };
const SIZES: readonly Size[] = [
  { width: 800, height: 600 },
  { width: 1400, height: 900 },
];
/** The settings dialog with its guests setting: a common laptop window and a small one. */
const DIALOG_SIZES: readonly Size[] = [
  { width: 1280, height: 800 },
  { width: 720, height: 520 },
];

let stage: Stage;
let ana: User;
let bob: User;
let cara: User;
let visitor: HearthService;
let visitorDir: string;

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

before(async () => {
  stage = await openStage('rooms-screens');
  [ana, bob, cara] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
    openUser(stage.browser, stage.site, 'cara'),
  ]);
  await registerAll([ana, bob, cara], stage.running.port);
  for (const friend of [bob, cara]) {
    await befriend(ana, 'ana', friend, friend.name);
  }
  const club = ok(
    await ana.service.createRoom({ name: 'Book club', topic: 'One book a month', visibility: 'private' }),
  );
  const quiet = ok(await ana.service.createRoom({ name: 'Garden 10', topic: '', visibility: 'public' }));
  ok(await ana.service.setRoomMuted({ room: quiet.id, muted: true }));
  ok(await ana.service.createRoom({ name: 'Garden 2', topic: 'Seeds and swaps', visibility: 'public' }));
  for (const friend of [bob, cara]) {
    ok(await ana.service.inviteToRoom({ room: club.id, username: friend.name }));
    ok(await friend.service.joinRoom(club.id));
  }
  ok(await ana.service.setRoomRole({ room: club.id, username: 'bob', role: 'moderator' }));
  ok(await bob.service.moderate({ room: club.id, username: 'cara', action: 'mute', minutes: 60 }));
  ok(await bob.service.send({ conversation: club.id, text: 'Chapter three tonight?' }));
  // An invite waiting in ana's list: bob's private room.
  const bobs = ok(await bob.service.createRoom({ name: 'Chess corner', topic: '', visibility: 'private' }));
  ok(await bob.service.inviteToRoom({ room: bobs.id, username: 'ana' }));
  await ana.page.getByRole('region', { name: 'Invitations' }).getByText('from bob').waitFor();

  visitorDir = await tempDir('user-visitor');
  visitor = new HearthService({ dataDir: visitorDir, hostLauncher: new NodeHostLauncher() });
  ok(await visitor.connect({ host: '127.0.0.1', port: stage.running.port }));
  ok(await visitor.loginGuest('visitor'));
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close(), cara?.close(), visitor?.dispose()]);
  if (visitorDir) await rm(visitorDir, { recursive: true, force: true });
  await stage?.close();
});

/** Photographs the page at both sizes in both schemes; `prepare` opens what is shown at each size. */
async function photograph(
  page: Page,
  name: string,
  prepare: (narrow: boolean) => Promise<void>,
  sizes = SIZES,
) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await prepare(size.width < 900);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(250);
      await screenshot(page, `rooms-${name}-${size.width}x${size.height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the room list: the default room first, then A–Z in natural order; an invite; axe in light and dark', async () => {
  const { page } = ana;
  const names = await page
    .getByRole('region', { name: 'Rooms' })
    .locator(':scope > ul .conversation-name')
    .allTextContents();
  assert.deepEqual(names, ['Room', 'Book club', 'Garden 2', 'Garden 10']);
  await sidebarButton(page, /^Book club\s*1\s*unread$/).waitFor();
  await sidebarButton(page, /^Garden 10\s*muted$/).waitFor();
  await assertAccessible(page, 'room list');
  await photograph(page, 'list', async (narrow) => {
    if (narrow) await page.getByRole('button', { name: /^Conversations/ }).click();
    await page.getByRole('complementary', { name: 'Hearth' }).waitFor();
  });
  await page.keyboard.press('Escape');
});

test('the member list: roles, presence, a mute and a guest; axe in light and dark', async () => {
  const { page } = ana;
  await openRoom(page, 'Book club');
  await openMembers(page);
  await memberRow(page, 'bob').getByText('Moderator').waitFor();
  await memberRow(page, 'cara')
    .getByText(/^Muted until /)
    .waitFor();
  await assertAccessible(page, 'member list');
  await photograph(page, 'members', async () => {
    await openMembers(page);
  });

  await openRoom(page, 'Room');
  await openMembers(page);
  await memberRow(page, 'visitor').getByText('guest', { exact: true }).waitFor();
  await page.keyboard.press('Escape');
});

test('the settings dialog for the owner; axe in light and dark', async () => {
  const { page } = ana;
  await openRoom(page, 'Book club');
  const open = async () => {
    const dialog = page.getByRole('dialog', { name: 'Book club settings' });
    if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Room settings' }).click();
    await dialog.getByRole('radio', { name: /^Private/ }).waitFor();
  };
  await open();
  await assertAccessible(page, 'room settings');
  await photograph(page, 'settings', open);
  await page.keyboard.press('Escape');
});

test('ana lets guests into Garden 2 from its settings; a guest joins and posts, marked as a guest there', async () => {
  const { page } = ana;
  await openRoom(page, 'Garden 2');
  const dialog = page.getByRole('dialog', { name: 'Garden 2 settings' });
  const guests = dialog.getByRole('checkbox', { name: /^Let guests in/ });
  const open = async () => {
    if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Room settings' }).click();
    await guests.waitFor();
  };
  await open();
  assert.equal(await guests.isChecked(), false, 'a room keeps guests out until someone lets them in');
  await guests.check();
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.getByText('Saved.').waitFor();
  await assertAccessible(page, 'room settings with guests');
  await photograph(page, 'settings-guests', open, DIALOG_SIZES);
  await page.keyboard.press('Escape');
  await systemLine(page, 'ana let guests in').waitFor();

  const garden = ok(await visitor.browseRooms()).find((r) => r.name === 'Garden 2');
  assert.ok(garden?.guests, 'the guest is offered the room');
  ok(await visitor.joinRoom(garden.id));
  ok(await visitor.send({ conversation: garden.id, text: 'hello garden' }));
  await bubble(page, 'hello garden').locator('.guest-badge').waitFor();
  await openMembers(page);
  await memberRow(page, 'visitor').getByText('guest', { exact: true }).waitFor();
  await page.keyboard.press('Escape');
});

test('a group conversation from two friends, named after the others in it', async () => {
  const { page } = ana;
  await page.getByRole('button', { name: 'New group' }).click();
  const dialog = page.getByRole('dialog', { name: 'New group' });
  const create = dialog.getByRole('button', { name: 'Create group' });
  await dialog.getByRole('checkbox', { name: 'bob' }).check();
  assert.equal(await create.isDisabled(), true, 'one friend is not a group');
  await dialog.getByRole('checkbox', { name: 'cara' }).check();
  await assertAccessible(page, 'new group');
  await create.click();
  await page.getByRole('heading', { name: 'bob, cara', exact: true }).waitFor();
  await send(page, 'Picnic on Sunday?');
  await sidebarButton(bob.page, 'ana, cara').click();
  await bubble(bob.page, 'Picnic on Sunday?').waitFor();
});

test('a guest’s messages carry a guest badge', async () => {
  const { page } = ana;
  await openRoom(page, 'Room');
  ok(await visitor.send({ conversation: 'room', text: 'hello from a guest' }));
  const said = bubble(page, 'hello from a guest');
  await said.locator('.guest-badge').waitFor();
  assert.equal(await said.getAttribute('aria-label'), 'visitor (guest)');
  await send(cara.page, 'hello from cara');
  await bubble(page, 'hello from cara').waitFor();
  assert.equal(await bubble(page, 'hello from cara').locator('.guest-badge').count(), 0);
  for (const user of [ana, bob, cara])
    assert.deepEqual(user.errors, [], `${user.name}'s page logged no errors`);
});

test('bob browses the public rooms, largest first, and joins one; ana declines an invite', async () => {
  const { page } = bob;
  await page.getByRole('button', { name: 'Browse rooms' }).click();
  const dialog = page.getByRole('dialog', { name: 'Browse rooms' });
  const list = dialog.getByRole('list', { name: 'Public rooms' });
  await list.getByRole('button', { name: 'Join Garden 2' }).waitFor();
  assert.equal(
    await list.getByRole('button', { name: 'Open Book club' }).count(),
    0,
    'private rooms are not listed',
  );
  await assertAccessible(page, 'browse rooms');
  await list.getByRole('button', { name: 'Join Garden 2' }).click();
  await page.getByRole('heading', { name: 'Garden 2', exact: true }).waitFor();
  await page.getByText('Seeds and swaps').waitFor();
  await sidebarButton(page, 'Garden 2').waitFor();

  const invites = ana.page.getByRole('region', { name: 'Invitations' });
  await invites.getByRole('button', { name: 'Decline the invite to Chess corner' }).click();
  await invites.waitFor({ state: 'detached' });
});

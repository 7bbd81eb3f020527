// Rooms in the app with three people on a real server, each in their own Chromium context with their own
// service: ana creates a private room and invites bob and cara (each sees the invite and joins), they
// talk; ana makes bob a moderator from the keyboard, bob mutes and unmutes cara, messages are deleted,
// ana locks the room, and ana bans cara and removes bob; each is taken back to the default room and told why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openUser, type User } from './harness';
import {
  focusedName,
  memberAction,
  memberPanel,
  memberRow,
  openMembers,
  registerAll,
  sidebarButton,
  systemLine,
} from './rooms-steps';
import { openStage, type Stage } from './stage';
import { assertEveryControlNamed, bubble, send } from './ui';

const ROOM_NAME = 'Book club';

let stage: Stage;
let ana: User;
let bob: User;
let cara: User;

before(async () => {
  stage = await openStage('rooms');
  [ana, bob, cara] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
    openUser(stage.browser, stage.site, 'cara'),
  ]);
  await registerAll([ana, bob, cara], stage.running.port);
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close(), cara?.close()]);
  await stage?.close();
});

test('ana creates a private room; bob and cara see her invites and join', async () => {
  const { page } = ana;
  await page.getByRole('button', { name: 'Create a room' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a room' });
  await dialog.getByRole('button', { name: 'Create room' }).click();
  await dialog.getByText('Give the room a name.').waitFor();
  await dialog.getByLabel('Name').fill(ROOM_NAME);
  await dialog.getByLabel('Topic (optional)').fill('One book a month, <b>no spoilers</b>');
  await dialog.getByRole('radio', { name: /^Private/ }).check();
  await dialog.getByRole('button', { name: 'Create room' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: ROOM_NAME, exact: true }).waitFor();
  // The topic is text: its markup is shown, not run.
  await page.locator('.conversation-header').getByText('One book a month, <b>no spoilers</b>').waitFor();
  await sidebarButton(page, ROOM_NAME).waitFor();

  const panel = await openMembers(page);
  await memberRow(page, 'ana').getByText('Owner').waitFor();
  for (const name of ['bob', 'cara']) {
    await panel.getByLabel('Invite someone').fill(name);
    await panel.getByLabel('Invite someone').press('Enter');
    await panel.getByText(`Invited ${name}.`).waitFor();
  }

  for (const user of [bob, cara]) {
    const invites = user.page.getByRole('region', { name: 'Invitations' });
    await invites.getByText('from ana').waitFor();
    await invites.getByRole('button', { name: `Join ${ROOM_NAME}` }).click();
    await user.page.getByRole('heading', { name: ROOM_NAME, exact: true }).waitFor();
    await invites.waitFor({ state: 'detached' });
  }
  await systemLine(page, 'bob joined').waitFor();
  await memberRow(page, 'cara').waitFor();

  await send(bob.page, 'Hello book club');
  await bubble(ana.page, 'Hello book club').waitFor();
  await bubble(cara.page, 'Hello book club').waitFor();
  await assertEveryControlNamed(page);
});

test('ana makes bob a moderator with the keyboard: arrows move, Escape closes, focus comes back', async () => {
  const { page } = ana;
  const actions = memberRow(page, 'bob').getByRole('button', { name: 'Actions for bob' });
  await actions.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for bob' });
  await menu.waitFor();
  assert.equal(await focusedName(page), 'Make moderator', 'the menu opens on its first item');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedName(page), 'Mute for 10 minutes');
  await page.keyboard.press('End');
  assert.equal(await focusedName(page), 'Ban from the room');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedName(page), 'Make moderator', 'the arrows wrap around');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.equal(await focusedName(page), 'Actions for bob', 'Escape gives focus back to the button');
  assert.equal(await memberPanel(page).isVisible(), true, 'Escape in the menu leaves the panel open');

  // The same menu opens from the member's row by right-click (the context menu).
  await memberRow(page, 'bob').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Make moderator' }).waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });

  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await menu.waitFor();
  await page.keyboard.press('Enter');
  await memberRow(page, 'bob').getByText('Moderator').waitFor();
  await systemLine(page, /ana made bob a moderator|bob is now a moderator/).waitFor();
  assert.equal(await focusedName(page), 'Actions for bob');
});

test('bob, now a moderator, mutes cara: her composer closes until he unmutes her', async () => {
  await openMembers(bob.page);
  // A moderator is offered nothing against the owner.
  assert.equal(await memberRow(bob.page, 'ana').getByRole('button').count(), 0);
  await memberAction(bob.page, 'cara', 'Mute for 10 minutes');
  await cara.page.getByText(/^You are muted until /).waitFor();
  assert.equal(await cara.page.getByRole('textbox', { name: /^Message / }).count(), 0);
  await systemLine(ana.page, 'bob muted cara for 10 minutes').waitFor();
  await memberRow(bob.page, 'cara')
    .getByText(/^Muted until /)
    .waitFor();

  await memberAction(bob.page, 'cara', 'Unmute');
  await cara.page.getByRole('textbox', { name: `Message ${ROOM_NAME}` }).waitFor();
  await systemLine(cara.page, 'bob unmuted cara').waitFor();
});

test('bob deletes his own message and ana, the owner, deletes cara’s: both leave a tombstone', async () => {
  await send(cara.page, 'cara was here');
  await bubble(ana.page, 'cara was here').waitFor();
  // cara is a plain member: she may delete only her own.
  assert.equal(
    await bubble(cara.page, 'Hello book club')
      .getByRole('button', { name: /^Delete/ })
      .count(),
    0,
  );

  const own = bubble(bob.page, 'Hello book club');
  await own.hover();
  await own.getByRole('button', { name: 'Delete your message' }).click();
  await own.getByRole('button', { name: 'Delete', exact: true }).click();
  for (const [user, who] of [
    [ana, 'bob'],
    [bob, 'You'],
    [cara, 'bob'],
  ] as const) {
    const tombstone = user.page.getByRole('article', { name: `${who}, deleted` });
    await tombstone.getByText('message deleted').waitFor();
  }
  assert.equal(await bubble(cara.page, 'Hello book club').count(), 0, 'the text is gone');

  const hers = bubble(ana.page, 'cara was here');
  await hers.hover();
  await hers.getByRole('button', { name: 'Delete this message' }).click();
  await hers.getByRole('button', { name: 'Delete', exact: true }).click();
  await cara.page.getByRole('article', { name: 'You, deleted' }).waitFor();
  assert.equal(await bubble(cara.page, 'cara was here').count(), 0);
});

test('ana makes the room read-only in its settings: cara can no longer post, bob still can', async () => {
  const { page } = ana;
  await page.getByRole('button', { name: 'Room settings' }).click();
  const dialog = page.getByRole('dialog', { name: `${ROOM_NAME} settings` });
  await dialog.getByRole('checkbox', { name: /^Read-only/ }).check();
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.getByText('Saved.').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focusedName(page), 'Room settings', 'closing the dialog gives focus back to its button');

  await cara.page.getByText('Only moderators can post here.').waitFor();
  await send(bob.page, 'Moderators may still talk');
  await bubble(cara.page, 'Moderators may still talk').waitFor();

  // A member's settings have no room form: notifications and leaving only.
  await cara.page.getByRole('button', { name: 'Room settings' }).click();
  const hers = cara.page.getByRole('dialog', { name: `${ROOM_NAME} settings` });
  await hers.getByRole('checkbox', { name: /^Mute notifications/ }).check();
  assert.equal(await hers.getByRole('button', { name: 'Save changes' }).count(), 0);
  await hers.getByRole('button', { name: 'Close' }).click();
  await sidebarButton(cara.page, new RegExp(`^${ROOM_NAME}.*muted`)).waitFor();
  assert.deepEqual((await cara.service.getState()).mutedRooms.length, 1);
});

test('ana bans cara: the room leaves her list, she is back in the default room and told why', async () => {
  await memberAction(ana.page, 'cara', 'Ban from the room');
  await memberRow(ana.page, 'cara').waitFor({ state: 'detached' });
  await systemLine(bob.page, 'ana banned cara').waitFor();

  const { page } = cara;
  await page.getByRole('heading', { name: 'Room', exact: true }).waitFor();
  await systemLine(page, `ana banned you from ${ROOM_NAME}.`).waitFor();
  assert.equal(await sidebarButton(page, new RegExp(`^${ROOM_NAME}`)).count(), 0);
  const rooms = (await cara.service.getState()).rooms.rooms.map((r) => r.name);
  assert.deepEqual(rooms, ['Room']);
  const room = (await ana.service.getState()).rooms.rooms.find((r) => r.name === ROOM_NAME);
  assert.ok(room);
  const again = await cara.service.joinRoom(room.id);
  assert.equal(again.ok, false, 'a banned user cannot rejoin');

  // Removing (not banning) bob, who has the room open: he too is taken back and told.
  await memberAction(ana.page, 'bob', 'Remove from the room');
  await bob.page.getByRole('heading', { name: 'Room', exact: true }).waitFor();
  await systemLine(bob.page, `ana removed you from ${ROOM_NAME}.`).waitFor();
  for (const user of [ana, bob, cara])
    assert.deepEqual(user.errors, [], `${user.name}'s page logged no errors`);
});

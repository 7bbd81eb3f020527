// axe-core on what the chat screen opens, in light and dark (test/e2e/axe.ts): the friends panel with
// requests both ways, a direct conversation, a reply and an edit in progress, the reaction picker and a
// message with reactions, the composer's completions, confirmations, a room member's menu, the new-room
// dialog, the blocked list, every section of the settings, the guest tab, the connect screen with a recent
// room, and the host screen with the room open and its ways in. accessibility.test.ts covers connect, the
// first visit, log in and the plain chat; rooms-screens.test.ts the room list, member list, browse and
// room settings dialogs.
import { after, before, test } from 'node:test';
import type { Result } from '../../src-shared/ipc';
import { assertAccessible } from './axe';
import { tabTo } from './focus';
import { freePort, openUser, type User } from './harness';
import { picture } from './pictures';
import { befriend, memberRow, openMembers, openRoom, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, friendRow, send } from './ui';

let stage: Stage;
let ana: User;
let bo: User;
let cy: User;
let dee: User;

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

before(async () => {
  stage = await openStage('accessibility-chat');
  [ana, bo, cy, dee] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bo'),
    openUser(stage.browser, stage.site, 'cy'),
    openUser(stage.browser, stage.site, 'dee'),
  ]);
  await registerAll([ana, bo, cy, dee], stage.running.port);
  await befriend(ana, 'ana', bo, 'bo');
  ok(await cy.service.friendRequest('bo'));
  ok(await bo.service.friendRequest('dee'));
  // dee hosts a room of their own later, from the connect screen; first the log-in screen waits.
  await dee.page.getByRole('button', { name: 'Log out' }).click();
  await dee.page.getByRole('tablist', { name: 'How to join' }).waitFor();
  const club = ok(
    await ana.service.createRoom({ name: 'Book club', topic: 'One a month', visibility: 'private' }),
  );
  for (const friend of [bo, cy]) {
    ok(await ana.service.inviteToRoom({ room: club.id, username: friend.name }));
    ok(await friend.service.joinRoom(club.id));
  }
  ok(await bo.service.send({ conversation: club.id, text: 'Chapter three tonight?' }));
  await friendRow(bo.page, 'ana').waitFor();
});

after(async () => {
  await Promise.all([ana, bo, cy, dee].map((user) => user?.close()));
  await stage?.close();
});

test('the friends panel with a request received and one sent', async () => {
  const { page } = bo;
  const friends = page.getByRole('complementary', { name: 'Friends' });
  await friends.getByRole('button', { name: 'Accept friend request from cy' }).waitFor();
  await assertAccessible(page, 'friends with requests');
});

test('a direct conversation, then a reply and an edit in progress', async () => {
  const { page } = bo;
  await friendRow(page, 'ana')
    .getByRole('button', { name: /^Message ana/ })
    .click();
  await page.getByRole('textbox', { name: 'Message ana' }).waitFor();
  ok(await ana.service.send({ conversation: '@bo', text: 'Are you coming on Friday?' }));
  await bubble(page, 'Are you coming on Friday?').waitFor();
  await send(page, 'Yes, with cake');
  await bubble(page, 'Yes, with cake').waitFor();
  await assertAccessible(page, 'direct conversation');

  await picture(page, 'a11y-bubble-actions', async () => {
    // The actions of the friend's message, reached from the message box: the focus ring on Reply.
    await page.getByRole('textbox', { name: 'Message ana' }).focus();
    await tabTo(page, 'Reply to ana', { back: true });
  });

  await bubble(page, 'Are you coming on Friday?').hover();
  await page.getByRole('button', { name: 'Reply to ana' }).click();
  await page.getByRole('button', { name: 'Cancel the reply' }).waitFor();
  await assertAccessible(page, 'reply in progress');
  await page.keyboard.press('Escape');

  const box = page.getByRole('textbox', { name: /^Message / });
  await box.focus();
  await box.press('ArrowUp');
  await page.getByRole('button', { name: 'Cancel the edit' }).waitFor();
  await assertAccessible(page, 'edit in progress');
  await page.keyboard.press('Escape');
  await box.waitFor();
});

test('the reaction picker, and a message with reactions', async () => {
  const { page } = bo;
  await bubble(page, 'Are you coming on Friday?').hover();
  await page.getByRole('button', { name: 'Add a reaction' }).first().click();
  const search = page.getByRole('searchbox', { name: 'Search emoji' }).or(page.getByLabel('Search emoji'));
  await search.first().waitFor();
  await assertAccessible(page, 'reaction picker');
  await search.first().fill('thumbs');
  await assertAccessible(page, 'reaction picker with results');
  await page.keyboard.press('Escape');
  ok(await ana.service.react({ id: await messageId(page, 'Yes, with cake'), emoji: '🎂', on: true }));
  await bubble(page, 'Yes, with cake').getByRole('button', { name: /🎂/ }).waitFor();
  await assertAccessible(page, 'message with reactions');
});

test('the completion lists, a delete to confirm, and a friend to remove', async () => {
  const { page } = bo;
  const box = page.getByRole('textbox', { name: 'Message ana' });
  await box.fill('');
  await box.pressSequentially('@a');
  await page.getByRole('listbox', { name: 'People' }).waitFor();
  await assertAccessible(page, 'mention completion');
  await box.fill('');
  await box.pressSequentially(':smi');
  await page.getByRole('listbox', { name: 'Emoji' }).waitFor();
  await assertAccessible(page, 'emoji completion');
  await box.fill('');

  await bubble(page, 'Yes, with cake').hover();
  await page.getByRole('button', { name: 'Delete your message' }).click();
  await page.getByRole('button', { name: 'Keep' }).waitFor();
  await assertAccessible(page, 'delete to confirm');
  await page.getByRole('button', { name: 'Keep' }).click();

  const friend = friendRow(page, 'ana');
  await friend.hover();
  await friend.getByRole('button', { name: 'Remove ana from friends' }).click();
  await friend.getByRole('button', { name: 'Yes, remove ana' }).waitFor();
  await assertAccessible(page, 'friend removal to confirm');
  await friend.getByRole('button', { name: 'Keep ana' }).click();
});

test('the "new messages" strip while scrolled up', async () => {
  const { page } = bo;
  for (let i = 1; i <= 30; i++) ok(await ana.service.send({ conversation: '@bo', text: `filler ${i}` }));
  await bubble(page, 'filler 30').waitFor();
  await page.locator('.message-scroller').evaluate((el: { scrollTop: number }) => {
    el.scrollTop = 0;
  });
  ok(await ana.service.send({ conversation: '@bo', text: 'one more below' }));
  await page.getByRole('button', { name: /new message/ }).waitFor();
  await assertAccessible(page, 'new messages strip');
});

async function messageId(page: User['page'], text: string): Promise<number> {
  return Number(await bubble(page, text).getAttribute('data-id'));
}

test("a room member's menu, as the room's owner", async () => {
  const { page } = ana;
  await openRoom(page, 'Book club');
  await bubble(page, 'Chapter three tonight?').waitFor();
  await openMembers(page);
  await memberRow(page, 'cy').getByRole('button', { name: 'Actions for cy' }).click();
  await page.getByRole('menu', { name: 'Actions for cy' }).waitFor();
  await assertAccessible(page, 'member menu');
  await page.keyboard.press('Escape');
});

test('the new-room dialog, and the blocked list with someone in it', async () => {
  const { page } = bo;
  await page.getByRole('button', { name: 'Create a room' }).click();
  const dialog = page.getByRole('dialog', { name: /room/i });
  await dialog.waitFor();
  await assertAccessible(page, 'create a room');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByLabel('Block someone').fill('cy');
  await page.getByRole('button', { name: 'Block this user' }).click();
  await page.getByRole('button', { name: 'Unblock cy' }).waitFor();
  await assertAccessible(page, 'blocked list');
  await page.getByRole('button', { name: 'Unblock cy' }).click();
  await page.getByRole('button', { name: 'Unblock cy' }).waitFor({ state: 'detached' });
});

test('every section of the settings, with the account forms filled in', async () => {
  const { page } = bo;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await dialog.waitFor();
  for (const heading of ['Your profile', 'Password and sessions', 'Delete account', 'What is stored where']) {
    await dialog.getByRole('heading', { name: heading }).scrollIntoViewIfNeeded();
    await assertAccessible(page, `settings: ${heading}`);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('the guest tab, and the connect screen with a recent room', async () => {
  const { page } = dee;
  await page.getByRole('tab', { name: 'Guest' }).click();
  await page.getByLabel('Nickname').waitFor();
  await assertAccessible(page, 'join as a guest');
  await page.getByRole('button', { name: /Change server/ }).click();
  await page.getByLabel('Server address').waitFor();
  await page.getByText(`127.0.0.1:${stage.running.port}`).first().waitFor();
  await assertAccessible(page, 'connect with a recent room');
});

test('the host screen: the form, then the open room with its ways in', async () => {
  const { page } = dee;
  await page.getByRole('button', { name: /Host a room/ }).click();
  await page.getByRole('heading', { name: 'Host a room' }).waitFor();
  await assertAccessible(page, 'host a room');
  const port = await freePort();
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByRole('button', { name: 'Start hosting' }).click();
  await page.getByRole('heading', { name: `Your room is open on port ${port}` }).waitFor({ timeout: 30_000 });
  await assertAccessible(page, 'hosting');
  ok(await dee.service.stopHost());
});

// The chat's main actions with the keyboard alone, with a visible focus ring at every stop: open a room
// from the list, reply to a message, react to it, edit one's own with the Up arrow, cancel with Escape,
// search with Ctrl+K, change the theme in Settings, add a friend, open a direct conversation, and (as a
// room's owner) open a member's menu.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Result } from '../../src-shared/ipc';
import { assertFocusOn, focused, tabTo } from './focus';
import { openUser, type User } from './harness';
import { befriend, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, friendRow } from './ui';

let stage: Stage;
let ana: User;
let bo: User;
let cy: User;

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

before(async () => {
  stage = await openStage('keyboard-walk');
  [ana, cy, bo] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'cy'),
    openUser(stage.browser, stage.site, 'bo'),
  ]);
  await registerAll([ana, cy, bo], stage.running.port);
  await befriend(ana, 'ana', bo, 'bo');
  const club = ok(await ana.service.createRoom({ name: 'Book club', topic: '', visibility: 'private' }));
  ok(await ana.service.inviteToRoom({ room: club.id, username: 'bo' }));
  ok(await bo.service.joinRoom(club.id));
  ok(await ana.service.send({ conversation: club.id, text: 'Chapter three tonight?' }));
  await friendRow(bo.page, 'ana').waitFor();
  // Where a keyboard user starts: the message box of the open conversation.
  await bo.page.getByRole('textbox', { name: 'Message Room' }).focus();
});

after(async () => {
  await Promise.all([ana?.close(), bo?.close(), cy?.close()]);
  await stage?.close();
});

/**
 * Tab, `presses` times, never reaches what is behind the open modal dialog: focus is on a control inside
 * it, or (past its last control) on the document itself, where the next Tab comes back in.
 */
async function assertTabStaysInDialog(page: Page, presses: number): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { activeElement: { tagName: string; closest(s: string): unknown } | null; body: unknown };
      };
      const el = document.activeElement;
      if (!el || el === document.body) return 'document';
      return el.closest('dialog[open]') ? 'dialog' : `outside: ${el.tagName}`;
    });
    assert.notEqual(where.startsWith('outside'), true, `Tab ${i + 1} left the dialog (${where})`);
  }
}

const box = (page: Page) => page.getByRole('textbox', { name: /^(Message |Edit your message)/ });

test('open a room from the list', async () => {
  const { page } = bo;
  await tabTo(page, /^Book club/, { back: true, maxStops: 40 });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Book club', exact: true }).waitFor();
  await bubble(page, 'Chapter three tonight?').waitFor();
  await tabTo(page, 'Message Book club', { maxStops: 40 });
});

test('reply to a message, from the message box back to the message', async () => {
  const { page } = bo;
  await tabTo(page, 'Reply to ana', { back: true });
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Cancel the reply' }).waitFor();
  await assertFocusOn(page, 'Message Book club');
  await page.keyboard.type('Yes, at eight');
  await page.keyboard.press('Enter');
  const reply = bubble(page, 'Yes, at eight');
  await reply.waitFor();
  await reply.getByText('Chapter three tonight?').waitFor();
});

test('react to a message with the picker, by search and Enter', async () => {
  const { page } = bo;
  await tabTo(page, 'Add a reaction', { back: true });
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: 'Add a reaction' });
  await picker.waitFor();
  await assertFocusOn(page, 'Search emoji');
  await page.keyboard.type('thumbs up');
  // Enter picks the first result, once the emoji list has found one.
  await picker.getByRole('region', { name: 'Results' }).getByRole('button').first().waitFor();
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
  await bubble(page, 'Yes, at eight').getByRole('button', { name: /👍/ }).waitFor();
  await assertFocusOn(page, 'Add a reaction');
});

test('edit with the Up arrow, and Escape cancels', async () => {
  const { page } = bo;
  await tabTo(page, 'Message Book club');
  await page.keyboard.press('ArrowUp');
  await page.getByRole('button', { name: 'Cancel the edit' }).waitFor();
  await assertFocusOn(page, 'Edit your message');
  assert.equal(await box(page).inputValue(), 'Yes, at eight');
  await page.keyboard.type(' or nine');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Cancel the edit' }).waitFor({ state: 'detached' });
  await assertFocusOn(page, 'Message Book club');
  assert.equal(await box(page).inputValue(), '');
  await bubble(page, 'Yes, at eight').waitFor();
  assert.equal(await bubble(page, 'Yes, at eight or nine').count(), 0, 'the cancelled edit was not sent');
});

test('search with Ctrl+K; Escape closes and gives the focus back', async () => {
  const { page } = bo;
  await page.keyboard.press('Control+k');
  const panel = page.getByRole('dialog', { name: 'Search messages' });
  await panel.waitFor();
  await assertFocusOn(page, 'Search for');
  await page.keyboard.type('chapter');
  await panel.getByRole('option').filter({ hasText: 'Chapter three tonight?' }).first().waitFor();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await assertFocusOn(page, 'Message Book club');
});

test('open Settings and change the theme with the arrow keys', async () => {
  const { page } = bo;
  await tabTo(page, 'Settings', { back: true, maxStops: 40 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await dialog.waitFor();
  await assertTabStaysInDialog(page, 40);
  await dialog.getByRole('button', { name: 'Close' }).focus();
  await tabTo(page, 'Like the system');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await assertFocusOn(page, 'Dark');
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { documentElement: { dataset: { theme?: string } } } }).document
        .documentElement.dataset.theme === 'dark',
  );
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await assertFocusOn(page, 'Settings');
});

test('add a friend, then open a direct conversation', async () => {
  const { page } = bo;
  await tabTo(page, 'Add a friend', { maxStops: 40 });
  await page.keyboard.type('cy');
  await page.keyboard.press('Enter');
  await page
    .getByRole('complementary', { name: 'Friends' })
    .getByText(/request sent/i)
    .first()
    .waitFor();
  // The avatar's initial (hidden from screen readers) leads the button's text.
  await tabTo(page, /^A?Message ana/);
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Message ana' }).waitFor();
  await assertFocusOn(page, 'Message ana');
  assert.equal((await focused(page)).name, 'Message ana');
  assert.deepEqual(bo.errors, []);
});

test("a room's owner opens a member's menu and leaves it with Escape", async () => {
  const { page } = ana;
  await page.getByRole('textbox', { name: 'Message Room' }).focus();
  await tabTo(page, /^Book club/, { back: true, maxStops: 40 });
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Message Book club' }).waitFor();
  await tabTo(page, /^Members, /, { back: true, maxStops: 40 });
  await page.keyboard.press('Enter');
  await page
    .getByRole('complementary', { name: /^Members/ })
    .getByRole('list')
    .waitFor();
  await tabTo(page, 'Actions for bo', { maxStops: 40 });
  await page.keyboard.press('Enter');
  await page.getByRole('menu', { name: 'Actions for bo' }).waitFor();
  await assertFocusOn(page, 'Make moderator');
  await page.keyboard.press('ArrowDown');
  await assertFocusOn(page, 'Mute for 10 minutes');
  await page.keyboard.press('Escape');
  await assertFocusOn(page, 'Actions for bo');
  assert.deepEqual(ana.errors, []);
});

// Keyboard only: from the connect screen to a sent message without a mouse, with a visible focus ring on
// every stop along the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { focused, tabTo } from './focus';
import { openUser, type User } from './harness';
import { openStage, type Stage } from './stage';
import { bubble, PASSWORD } from './ui';

let stage: Stage;
let user: User;

before(async () => {
  stage = await openStage('keyboard');
  user = await openUser(stage.browser, stage.site, 'keys');
});

after(async () => {
  await user?.close();
  await stage?.close();
});

test('connect, register and send a message with the keyboard alone', async () => {
  const { page } = user;
  await tabTo(page, 'Server address');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('127.0.0.1');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).name, 'Port', 'the port comes right after the address');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(String(stage.running.port));
  await page.keyboard.press('Enter');

  await page.getByRole('tablist', { name: 'How to join' }).waitFor();
  // A first visit opens on Create account: nobody has an account in a room they have never been to.
  await tabTo(page, 'Create account');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused(page)).name, 'Log in', 'arrow keys move between the tabs');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).name, 'Create account', 'arrow keys move between the tabs');
  await tabTo(page, 'Username');
  await page.keyboard.type('keys');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).name, 'Confirm password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');

  await page.getByRole('textbox', { name: 'Message Room' }).waitFor();
  assert.equal((await focused(page)).name, 'Message Room', 'the message box has focus in a new conversation');
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await bubble(page, 'Typed without a mouse').waitFor();

  await tabTo(page, 'Add a friend');
  await tabTo(page, 'Log out', { maxStops: 20 });
  await page.keyboard.press('Enter');
  await page.getByRole('tablist', { name: 'How to join' }).waitFor();
  assert.deepEqual(user.errors, []);
});

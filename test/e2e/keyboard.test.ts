// Keyboard only: from the connect screen to a sent message without a mouse, with a visible focus ring on
// every stop along the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openUser, type User } from './harness';
import type { PageElement } from './page-globals';
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

interface Focused {
  name: string;
  outline: string;
}

/** What has focus, by accessible name, and whether a focus ring is drawn around it. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { activeElement: (PageElement & { id: string }) | null };
      getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };
    };
    const el = g.document.activeElement;
    if (!el) return { name: '', outline: 'none' };
    const label = Array.from(el.labels ?? [], (l) => l.textContent ?? '').join(' ');
    const style = g.getComputedStyle(el);
    return {
      name: (el.getAttribute('aria-label') ?? label ?? '') || (el.textContent ?? '').trim(),
      outline: style.outlineStyle === 'none' ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

async function tabTo(page: Page, name: string | RegExp, maxStops = 12): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now.name);
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) {
      assert.notEqual(now.outline, 'none', `${now.name} shows a focus ring`);
      return;
    }
  }
  assert.fail(`never reached ${name}; focus went ${seen.join(' → ')}`);
}

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
  await tabTo(page, 'Log out', 20);
  await page.keyboard.press('Enter');
  await page.getByRole('tablist', { name: 'How to join' }).waitFor();
  assert.deepEqual(user.errors, []);
});

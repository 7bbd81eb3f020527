// The chat screen at the window sizes people use, from the 720×520 minimum to 1920×1080, in light and dark:
// screenshots of each, and the layout facts behind "nothing is squeezed" checked on element boxes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openUser, screenshot, type User } from './harness';
import { befriend } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, connectTo, friendRow, register, send, waitForChat } from './ui';

/** The longest name the room accepts (32 characters). */
const LONG_NAME = 'bartholomew_the_very_long_named1';
const SIZES = [
  { width: 720, height: 520 },
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

let stage: Stage;
let alice: User;
let bart: User;

before(async () => {
  stage = await openStage('layout');
  [alice, bart] = await Promise.all([
    openUser(stage.browser, stage.site, 'alice'),
    openUser(stage.browser, stage.site, 'bart'),
  ]);
  await connectTo(alice.page, stage.running.port);
  await register(alice.page, 'alice');
  await waitForChat(alice.page);
  await connectTo(bart.page, stage.running.port);
  await register(bart.page, LONG_NAME);
  await waitForChat(bart.page);
  await befriend(alice, 'alice', bart, LONG_NAME);
  for (let i = 1; i <= 14; i++) {
    await send(
      bart.page,
      `Message ${i}: the board games are in the cupboard under the stairs, next to the cake tins.`,
    );
  }
  await bubble(alice.page, 'Message 14:').waitFor();
  await send(alice.page, 'Thank you! I will bring the chocolate cake and the big teapot.');
  await bubble(bart.page, 'Thank you!').waitFor();
});

after(async () => {
  await Promise.all([alice?.close(), bart?.close()]);
  await stage?.close();
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  assert.ok(found, 'the element is on screen');
  return found;
}

/** How many lines of text an element takes, from its height and its computed line height. */
async function lines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const g = globalThis as unknown as {
      getComputedStyle(e: unknown): { lineHeight: string; fontSize: string };
    };
    const style = g.getComputedStyle(el);
    const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
    return Math.round(
      (el as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height /
        line,
    );
  });
}

/** The newest bubble ends above the composer, inside the message list. */
async function assertNewestVisible(page: Page, text: string): Promise<void> {
  const log = await box(page.getByRole('log'));
  const newest = await box(bubble(page, text));
  assert.ok(newest.y + newest.height <= log.y + log.height + 1, `"${text}" is not hidden under the composer`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the conversation keeps its room at every window size (${scheme})`, async () => {
    const { page } = bart;
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const pane = await box(page.locator('.conversation-pane'));
      // Side columns fold into drawers before the conversation gets narrower than this.
      assert.ok(
        pane.width >= Math.min(size.width, 700),
        `conversation ${pane.width} px wide at ${size.width}`,
      );
      const header = await box(page.locator('.conversation-header'));
      const title = await box(page.locator('#conversation-title'));
      assert.ok(title.x + title.width <= header.x + header.width, 'the title ends inside the header');
      const stamp = bubble(page, 'Message 14:').locator('time');
      assert.equal(await lines(stamp), 1, `the timestamp is on one line at ${size.width}`);
      const sender = bubble(page, 'Thank you!').locator('.sender');
      assert.equal(await lines(sender), 1, 'the sender is on one line');
      assert.equal(
        await lines(page.locator('#composer-help')),
        1,
        `the composer hint is on one line at ${size.width}`,
      );
      await assertNewestVisible(page, 'Thank you!');
      await screenshot(page, `layout-${size.width}x${size.height}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
}

test('a long name ends in an ellipsis in the header, with the whole name as its tooltip', async () => {
  const { page } = alice;
  await page.setViewportSize({ width: 720, height: 520 });
  await page.getByRole('button', { name: 'Friends', exact: true }).click();
  await friendRow(page, LONG_NAME)
    .getByRole('button', { name: new RegExp(`^Message ${LONG_NAME}`) })
    .click();
  const title = page.locator('#conversation-title');
  assert.equal(await title.getAttribute('title'), LONG_NAME);
  assert.equal(await lines(title), 1);
  const titleBox = await box(title);
  const toggle = await box(page.getByRole('button', { name: 'Friends', exact: true }));
  assert.ok(titleBox.x + titleBox.width <= toggle.x, 'the name stops before the friends toggle');
  await screenshot(page, 'layout-720x520-dm-long-name');
});

test('in a narrow window the side columns open as drawers and close again', async () => {
  const { page } = alice;
  await page.setViewportSize({ width: 720, height: 520 });
  const friends = page.getByRole('complementary', { name: 'Friends' });
  const sidebar = page.getByRole('complementary', { name: 'Hearth' });
  assert.equal(await friends.isVisible(), false, 'the friends column is folded away');
  assert.equal(await sidebar.isVisible(), false, 'the conversation list is folded away');

  const toggle = page.getByRole('button', { name: /^Conversations/ });
  await toggle.click();
  await sidebar.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await screenshot(page, 'layout-720x520-drawer');
  await page.keyboard.press('Escape');
  await sidebar.waitFor({ state: 'hidden' });

  await toggle.click();
  await sidebar.getByRole('button', { name: 'Room', exact: true }).click();
  await sidebar.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: 'Room' }).waitFor();

  await page.getByRole('button', { name: 'Friends', exact: true }).click();
  await friends.waitFor();
  await page.getByRole('button', { name: 'Close panel' }).click({ position: { x: 20, y: 300 } });
  await friends.waitFor({ state: 'hidden' });

  await page.setViewportSize({ width: 1920, height: 1080 });
  assert.equal(await friends.isVisible(), true, 'a wide window shows both columns');
  assert.equal(await sidebar.isVisible(), true);
  assert.equal(await page.getByRole('button', { name: /^Conversations/ }).count(), 0, 'no toggles when wide');
});

test('after growing the window the newest message is still in view, not under the composer', async () => {
  const { page } = alice;
  await page.setViewportSize({ width: 720, height: 520 });
  await page.getByRole('heading', { name: 'Room' }).waitFor();
  await assertNewestVisible(page, 'Thank you!');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  await assertNewestVisible(page, 'Thank you!');
  await page.setViewportSize({ width: 720, height: 520 });
  await page.waitForTimeout(300);
  await assertNewestVisible(page, 'Thank you!');
  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bart.errors, []);
});

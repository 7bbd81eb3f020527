// The chat screen in words 40 % longer than English (the pseudo-locale) and right to left (Arabic), at
// 720×520 and 1280×800, light and dark: screenshots, and the layout facts checked on element boxes. Nothing
// that holds one line is cut without an ellipsis or spills into its neighbour, nothing runs outside the
// window, no timestamp wraps; in Arabic the document says dir="rtl" and the columns and bubbles mirror.
// The locale is switched the way the developer setting does it: localStorage, then a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LOCALE_SETTING } from '../../src-renderer/i18n/intl';
import { PSEUDO_LOCALE } from '../../src-renderer/i18n/locale';
import { openUser, type User } from './harness';
import { picture } from './pictures';
import { befriend } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, connectTo, register, send, waitForChat } from './ui';

/** The longest name the room accepts (32 characters). */
const LONG_NAME = 'bartholomew_the_very_long_named1';

let stage: Stage;
let alice: User;
let bart: User;

before(async () => {
  stage = await openStage('i18n-layout');
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
  await bart.page.locator('.friend-open', { hasText: 'alice' }).click();
  for (let i = 1; i <= 4; i++) await send(bart.page, `Message ${i}: the board games are in the cupboard.`);
  await alice.page.locator('#sidebar button', { hasText: LONG_NAME }).click();
  await bubble(alice.page, 'Message 4:').waitFor();
  await send(alice.page, 'Thank you! I will bring the chocolate cake.');
});

after(async () => {
  await Promise.all([alice?.close(), bart?.close()]);
  await stage?.close();
});

async function reloadIn(page: Page, locale: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(`localStorage.setItem(${JSON.stringify(LOCALE_SETTING)}, ${JSON.stringify(locale)})`);
  await page.reload();
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(locale)}`);
}

async function switchLocale(page: Page, locale: string): Promise<void> {
  await reloadIn(page, locale);
  await page.locator('textarea').waitFor();
  // A reload starts the window afresh on the room: the friend's conversation opens from the friends column.
  await page.locator('.friend-open', { hasText: LONG_NAME }).click();
  await bubble(page, 'Thank you!').waitFor();
}

/**
 * What overflows on screen: an element whose content is wider than its box without an ellipsis (cut, or
 * spilling over its neighbour), a timestamp on more than one line, or the page wider than the window.
 */
const OVERFLOWS = `(() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth + 1) found.push('the page is ' + root.scrollWidth + ' px wide in ' + innerWidth);
  const rows = document.querySelectorAll(
    'button, h1, h2, h3, legend, label, .conversation-name, .friend-name, .presence, .me-text, .composer-foot, ' +
    '.bubble-meta .sender, .section-head, .panel-title, .day-separator, .typing-line, .conversation-heading p, .brand-text',
  );
  for (const el of rows) {
    if (!el.checkVisibility({ checkVisibilityCSS: true }) || el.closest('.visually-hidden')) continue;
    const style = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
      found.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 40) + '" ' +
        el.scrollWidth + ' > ' + el.clientWidth);
    }
  }
  for (const time of document.querySelectorAll('.bubble-meta time')) {
    const line = parseFloat(getComputedStyle(time).lineHeight) || 20;
    if (time.getBoundingClientRect().height > line * 1.5) found.push('a timestamp wraps: ' + time.textContent);
  }
  return found;
})()`;

async function assertNothingOverflows(page: Page, where: string): Promise<void> {
  const found = (await page.evaluate(OVERFLOWS)) as string[];
  assert.deepEqual(found, [], `${where}: nothing overflows`);
}

test('in the pseudo-locale, 40 % longer words fit the chat screen narrow and wide, light and dark', async () => {
  await switchLocale(alice.page, PSEUDO_LOCALE);
  const send = alice.page.locator('button[type=submit]', { has: alice.page.locator('.icon-send') });
  assert.match(
    (await send.getAttribute('aria-label')) ?? '',
    /^\[Šéñð ɱéššåĝé ~+\]$/,
    'the words are pseudo',
  );
  const titleOverflow = await alice.page.evaluate(
    `getComputedStyle(document.getElementById('conversation-title')).textOverflow`,
  );
  assert.equal(titleOverflow, 'ellipsis', 'the conversation title ellipsises');
  await picture(alice.page, 'i18n-pseudo-chat', async () => {
    await assertNothingOverflows(alice.page, 'pseudo-locale');
  });
});

test('in the pseudo-locale the settings dialog and the connect screen fit too', async () => {
  await switchLocale(alice.page, PSEUDO_LOCALE);
  await alice.page.locator('.me button[aria-haspopup=dialog]').click();
  await alice.page.getByRole('dialog').waitFor();
  await picture(alice.page, 'i18n-pseudo-settings', async () => {
    await assertNothingOverflows(alice.page, 'pseudo-locale settings');
  });
  await alice.page.keyboard.press('Escape');
  const cara = await openUser(stage.browser, stage.site, 'cara');
  try {
    await reloadIn(cara.page, PSEUDO_LOCALE);
    await cara.page.locator('.welcome-card form').first().waitFor();
    await picture(cara.page, 'i18n-pseudo-connect', async () => {
      await assertNothingOverflows(cara.page, 'pseudo-locale connect screen');
    });
  } finally {
    await cara.close();
  }
});

test('in Arabic the document is right to left, the columns and the bubbles mirror, and nothing overflows', async () => {
  await switchLocale(alice.page, 'ar');
  assert.equal(await alice.page.evaluate('document.documentElement.dir'), 'rtl');
  assert.match((await alice.page.locator('textarea').getAttribute('placeholder')) ?? '', /^راسل /);
  await picture(alice.page, 'i18n-arabic-chat', async () => {
    await assertNothingOverflows(alice.page, 'Arabic');
  });
  await alice.page.setViewportSize({ width: 1280, height: 800 });
  const sidebar = await alice.page.locator('#sidebar').boundingBox();
  const log = await alice.page.getByRole('log').boundingBox();
  assert.ok(sidebar && log && sidebar.x > log.x, 'the conversation list is on the right');
  const own = await bubble(alice.page, 'Thank you!').locator('.bubble').boundingBox();
  const theirs = await bubble(alice.page, 'Message 4:').locator('.bubble').boundingBox();
  assert.ok(own && theirs && own.x < theirs.x, 'my bubble is on the left, the friend’s on the right');
  // What people wrote keeps its own direction.
  assert.equal(await bubble(alice.page, 'Thank you!').locator('.bubble-text').getAttribute('dir'), 'auto');
});

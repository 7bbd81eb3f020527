// Issue 12's timeline and text in Chromium, with two people on a real room: Markdown shown safely, day
// separators and groups, the "new messages" pill while scrolled up, the "new since you were away" line,
// and drafts kept per conversation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ROOM } from '../../src-shared/limits';
import { unwrap } from '../service/support';
import { openUser, screenshot, type User, until } from './harness';
import { openRoom, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, conversationButton, messages, send } from './ui';

let stage: Stage;
let ana: User;
let bob: User;

before(async () => {
  // The pill needs a screenful of messages sent quickly; the rate limit has its own tests.
  stage = await openStage('conversation', { requestRate: 0 });
  [ana, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  await registerAll([ana, bob], stage.running.port);
  unwrap(await ana.service.createRoom({ name: 'Side', topic: '', visibility: 'public' }));
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close()]);
  await stage?.close();
});

/** The window losing or getting focus, as the OS would report it (headless Chromium keeps every page focused). */
async function setWindowFocus(page: Page, focused: boolean): Promise<void> {
  await page.evaluate((focused) => {
    const g = globalThis as unknown as {
      document: { hasFocus(): boolean };
      dispatchEvent(event: unknown): boolean;
      Event: new (type: string) => unknown;
    };
    g.document.hasFocus = () => focused;
    g.dispatchEvent(new g.Event(focused ? 'focus' : 'blur'));
  }, focused);
}

/** The text of the message the "new since you were away" line is above. */
function markedText(line: Locator): Promise<string> {
  return line.evaluate((el) => {
    const slot = (el as unknown as { parentElement: { querySelector(s: string): { textContent: string } } })
      .parentElement;
    return slot.querySelector('.bubble-text').textContent;
  });
}

async function bobSays(...texts: string[]): Promise<void> {
  for (const text of texts) unwrap(await bob.service.send({ conversation: ROOM, text }));
}

test('Markdown: typed HTML stays text, *bold* is bold, code, quotes and links render as elements', async () => {
  const { page } = ana;
  await openRoom(page, 'Room');
  await bobSays(
    '<b>not bold</b> but *bold* and _slanted_, `<i>code</i>` and www.example.com',
    '> a quote\n\n```\nlet x = "<script>";\n```',
    'emoji in colour: 🔥 👍🏽 🇳🇴 ❤️ 1 # *',
  );
  const first = bubble(page, 'not bold');
  await first.waitFor();
  const text = first.locator('.bubble-text');
  assert.equal(await text.locator('b, i, script, img').count(), 0, 'no element from typed markup');
  assert.match(
    (await text.textContent()) ?? '',
    /^<b>not bold<\/b> but bold and slanted, <i>code<\/i> and www/,
  );
  assert.equal(await text.locator('strong').textContent(), 'bold');
  assert.equal(await text.locator('em').textContent(), 'slanted');
  assert.equal(await text.locator('code').textContent(), '<i>code</i>');
  const link = text.getByRole('link', { name: 'www.example.com' });
  await link.click();
  assert.deepEqual(ana.opened, ['http://www.example.com/'], 'the link went to the browser, not the app');

  const second = bubble(page, 'a quote');
  assert.equal(await second.locator('blockquote').textContent(), 'a quote');
  assert.equal(await second.locator('pre code').textContent(), 'let x = "<script>";');
  await bubble(page, 'emoji in colour').waitFor();
  // The bundled colour emoji font is served by the app itself (CSP font-src 'self') and used.
  const emojiFont = await page.evaluate(async () => {
    const { document } = globalThis as unknown as {
      document: { fonts: { load(font: string, text: string): Promise<{ status: string }[]> } };
    };
    const faces = await document.fonts.load('16px "Noto Color Emoji"', '🔥');
    return faces.map((face) => face.status);
  });
  assert.ok(emojiFont.length > 0 && emojiFont.every((status) => status === 'loaded'), emojiFont.join());
  await screenshot(page, 'conversation-markdown');
});

test('one day separator, one header for a run of messages, times in the locale', async () => {
  const { page } = ana;
  await bobSays('third in a row');
  await bubble(page, 'third in a row').waitFor();
  const separators = page.getByRole('log').locator('.day-separator');
  assert.deepEqual(await separators.allTextContents(), ['Today']);
  // bob's four messages share his one header.
  const bobs = messages(page).filter({ has: page.locator('.bubble-text') });
  assert.deepEqual(
    await bobs.evaluateAll((rows) =>
      rows.map((row) => (row as unknown as { className: string }).className.includes('continued')),
    ),
    [false, true, true, true],
  );
  assert.equal(await bobs.locator('.sender').count(), 1);
  // en-GB: 24-hour "14:05".
  assert.match((await bobs.first().locator('time').textContent()) ?? '', /^\d{1,2}:\d{2}$/);

  // The next day, the same messages are yesterday's.
  await page.clock.setSystemTime(Date.now() + 24 * 3600_000);
  await openRoom(page, 'Side');
  await openRoom(page, 'Room');
  await bubble(page, 'third in a row').waitFor();
  assert.deepEqual(await separators.allTextContents(), ['Yesterday']);
  await page.clock.setSystemTime(Date.now());
});

test('scrolled up, new messages are counted on a pill under the list that never covers it', async () => {
  const { page } = ana;
  await bobSays(...Array.from({ length: 30 }, (_, i) => `filler ${i + 1}\nwith a second line`));
  await bubble(page, 'filler 30').waitFor();
  const log = page.getByRole('log');
  await log.evaluate((el) => {
    (el as unknown as { scrollTop: number }).scrollTop = 0;
  });
  const pill = page.getByRole('button', { name: /new message|Latest messages/ });
  await pill.waitFor();
  await bobSays('one below', 'two below');
  await page.getByRole('button', { name: '2 new messages' }).waitFor();
  const [list, strip] = await Promise.all([log.boundingBox(), pill.boundingBox()]);
  assert.ok(list && strip && strip.y >= list.y + list.height, 'the pill sits under the list, not over it');
  await pill.click();
  await bubble(page, 'two below').waitFor();
  await pill.waitFor({ state: 'detached' });
});

test('"new since you were away" above the first message that came while ana was elsewhere', async () => {
  const { page } = ana;
  await openRoom(page, 'Side');
  await bobSays('while away 1', 'while away 2');
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /2 unread/ })
    .waitFor();
  await openRoom(page, 'Room');
  const line = page.locator('.away-line');
  await line.waitFor();
  const marked = await markedText(line);
  assert.equal(marked, 'while away 1');
  assert.equal(await line.textContent(), 'New since you were away');
});

test('the line also marks what came while the window was in the background, with the room open', async () => {
  const { page } = ana;
  await openRoom(page, 'Side');
  // Opened again once it is read: the list starts over, without the line of the visit before.
  await conversationButton(page, /^Room$/).waitFor();
  await openRoom(page, 'Room');
  await bobSays('seen at once');
  await bubble(page, 'seen at once').waitFor();
  assert.equal(await page.locator('.away-line').count(), 0, 'opened with nothing unread: no line');
  await setWindowFocus(page, false);
  await bobSays('while in the background');
  const line = page.locator('.away-line');
  await line.waitFor();
  const marked = await markedText(line);
  assert.equal(marked, 'while in the background');
  await setWindowFocus(page, true);
  await bobSays('after coming back');
  assert.equal(await line.count(), 1, 'one line, where the reader left off');
});

test('a draft waits in its conversation while ana looks at another', async () => {
  const { page } = ana;
  const box = page.getByRole('textbox', { name: /^Message / });
  await box.fill('half a thought');
  await openRoom(page, 'Side');
  assert.equal(await box.inputValue(), '');
  await send(page, 'said in Side');
  await openRoom(page, 'Room');
  assert.equal(await page.getByRole('textbox', { name: 'Message Room' }).inputValue(), 'half a thought');
  await box.press('Enter');
  await bubble(page, 'half a thought').waitFor();
  await openRoom(page, 'Side');
  await openRoom(page, 'Room');
  assert.equal(await box.inputValue(), '', 'a sent draft is gone');
  assert.deepEqual(ana.errors, []);
});

/** A bubble's action button, as a keyboard user reaches it (they show on focus). */
async function action(page: Page, text: string, name: string | RegExp): Promise<void> {
  await bubble(page, text).getByRole('button', { name }).click();
}

test('a reply quotes the original; its quote jumps there; the original deleted, the quote says so', async () => {
  const { page } = ana;
  await bobSays('the original');
  await action(page, 'the original', 'Reply to bob');
  await page.locator('.composer-target').getByText('Replying to bob').waitFor();
  // Enough in between that the original is far out of view when the reply is sent.
  await bobSays(...Array.from({ length: 25 }, (_, i) => `between ${i + 1}\nand a line`));
  await bubble(page, 'between 25').waitFor();
  await send(page, 'answering you');
  const reply = bubble(page, 'answering you');
  await reply.locator('.reply-quote', { hasText: 'the original' }).waitFor();
  assert.match((await reply.getAttribute('aria-label')) ?? '', /replying to bob/);
  assert.equal(await page.locator('.composer-target').count(), 0, 'the composer let go of the reply');
  assert.equal(await bubble(page, 'the original').count(), 0, 'the original is out of view');

  const quote = reply.getByRole('button', { name: /^Replying to bob: the original/ });
  await quote.focus();
  await page.keyboard.press('Enter');
  const focused = () =>
    page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
          .activeElement?.textContent ?? '',
    );
  assert.match(await until(focused, (text) => text.includes('the original')), /the original/);

  await openRoom(bob.page, 'Room');
  // bob gets there the same way, and deletes it.
  await bubble(bob.page, 'answering you')
    .getByRole('button', { name: /^Replying to bob/ })
    .click();
  await action(bob.page, 'the original', 'Delete your message');
  await bob.page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('log').getByText('message deleted').first().waitFor();
  await page.getByRole('button', { name: 'Latest messages' }).click();
  await reply.locator('.reply-quote', { hasText: 'Original message deleted' }).waitFor();
  assert.match(
    (await reply.locator('.reply-quote').getAttribute('aria-label')) ?? '',
    /^Replying to bob: Original message deleted/,
  );
  await bob.page.getByRole('button', { name: 'Latest messages' }).click();
});

test('Up in the empty box edits the last message, Escape lets go; the edit shows "edited" everywhere', async () => {
  const { page } = ana;
  const box = page.getByRole('textbox', { name: 'Message Room' });
  await box.focus();
  await box.press('ArrowUp');
  const editBox = page.getByRole('textbox', { name: 'Edit your message' });
  assert.equal(await editBox.inputValue(), 'answering you');
  await editBox.press('Escape');
  assert.equal(await box.inputValue(), '', 'Escape gave the box back empty');

  await box.press('ArrowUp');
  await editBox.fill('answering you, *with more*');
  await editBox.press('Enter');
  await box.waitFor();
  for (const viewer of [page, bob.page]) {
    const edited = bubble(viewer, 'answering you, with more');
    await edited.locator('.edited', { hasText: 'edited' }).waitFor();
    assert.equal(await edited.locator('strong').textContent(), 'with more');
  }
  assert.equal(
    await messages(page)
      .filter({ hasText: /^answering you$/ })
      .count(),
    0,
    'the old text is gone',
  );
});

test('reactions: a picker with search, chips both people toggle, who reacted on hover and focus', async () => {
  const { page } = ana;
  await bobSays('react to me', 'and to me');
  await action(page, 'react to me', 'Add a reaction');
  const picker = page.getByRole('dialog', { name: 'Add a reaction' });
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('fire');
  await picker.getByRole('button', { name: 'fire', exact: true }).waitFor();
  await picker.getByRole('searchbox', { name: 'Search emoji' }).press('Enter');
  await picker.waitFor({ state: 'detached' });

  const chip = (viewer: Page) => bubble(viewer, 'react to me').getByRole('button', { name: /^🔥/ });
  await until(
    () => chip(page).getAttribute('aria-label'),
    (label) => label === '🔥 1',
  );
  assert.equal(await chip(page).getAttribute('aria-pressed'), 'true');
  await until(
    () => chip(bob.page).getAttribute('aria-label'),
    (label) => label === '🔥 1',
  );
  assert.equal(await chip(bob.page).getAttribute('aria-pressed'), 'false');

  await chip(bob.page).focus();
  await bob.page.keyboard.press('Enter');
  await until(
    () => chip(bob.page).getAttribute('aria-pressed'),
    (pressed) => pressed === 'true',
  );
  assert.equal(await chip(bob.page).getAttribute('aria-label'), '🔥 2');
  // The names are the chip's description, shown on keyboard focus (and hover).
  const tip = bubble(bob.page, 'react to me').getByRole('tooltip');
  assert.equal(await tip.textContent(), 'You and ana reacted with 🔥');
  await tip.waitFor({ state: 'visible' });

  await until(
    () => chip(page).getAttribute('aria-label'),
    (label) => label === '🔥 2',
  );
  await chip(page).click();
  await until(
    () => chip(bob.page).getAttribute('aria-label'),
    (label) => label === '🔥 1',
  );
  assert.equal(await chip(page).getAttribute('aria-pressed'), 'false');

  // The picker remembers what was used.
  await action(page, 'and to me', 'Add a reaction');
  await picker.getByRole('region', { name: 'Recently used' }).getByRole('button', { name: '🔥' }).click();
  await until(
    () => bubble(page, 'and to me').getByRole('button', { name: /^🔥/ }).getAttribute('aria-label'),
    (l) => l === '🔥 1',
  );
});

test(':shortcode: completes to an emoji and @name to a member, and a mention of bob stands out for him', async () => {
  const { page } = ana;
  // bob looks at another room, so the mention reaches him as an "@" on Room in his sidebar.
  unwrap(await bob.service.createRoom({ name: 'Corner', topic: '', visibility: 'private' }));
  await openRoom(bob.page, 'Corner');
  const box = page.getByRole('textbox', { name: 'Message Room' });
  await box.fill('');
  await box.pressSequentially('so :fir');
  const list = page.getByRole('listbox', { name: 'Emoji' });
  await list.getByRole('option', { name: /:fire: fire/ }).waitFor();
  assert.equal(
    await box.getAttribute('aria-activedescendant'),
    await list.getByRole('option').first().getAttribute('id'),
  );
  await box.press('Enter');
  assert.equal(await box.inputValue(), 'so 🔥 ');
  await box.pressSequentially('hey @bo');
  await page.getByRole('listbox', { name: 'People' }).getByRole('option', { name: '@bob' }).waitFor();
  await box.press('Tab');
  assert.equal(await box.inputValue(), 'so 🔥 hey @bob ');
  await box.press('Enter');

  const mine = bubble(page, 'so 🔥 hey @bob');
  await mine.waitFor();
  assert.doesNotMatch((await mine.getAttribute('class')) ?? '', /mentions-me/);
  await conversationButton(bob.page, 'Room')
    .and(bob.page.getByRole('button', { name: /mentions you, 1 unread$/ }))
    .waitFor();
  await openRoom(bob.page, 'Room');
  const his = bubble(bob.page, 'so 🔥 hey @bob');
  await his.waitFor();
  assert.match((await his.getAttribute('class')) ?? '', /mentions-me/);
  assert.match((await his.getAttribute('aria-label')) ?? '', /mentions you/);
  assert.deepEqual(await his.locator('mark.mention').allTextContents(), ['@bob']);
  assert.equal(await mine.locator('mark').count(), 0, 'ana sees no mark on her own words');
  assert.deepEqual([...ana.errors, ...bob.errors], []);
});

test('a lively room, light and dark, wide and narrow (screenshots)', async () => {
  const { page } = ana;
  const lake = unwrap(
    await ana.service.createRoom({ name: 'Lake trip', topic: 'Saturday', visibility: 'public' }),
  );
  unwrap(await bob.service.joinRoom(lake.id));
  // Each line waits for the one before to be stored, so the room keeps this order.
  const say = async (who: User, text: string, shown: string, replyTo?: number) => {
    unwrap(await who.service.send({ conversation: lake.id, text, replyTo }));
    await bubble(page, shown).waitFor();
  };
  await openRoom(page, 'Lake trip');
  await say(bob, 'Anyone up for *pizza* at the lake tonight? 🍕', 'Anyone up');
  await say(bob, 'I can bring the big table.', 'big table');
  await say(ana, '> at the lake\n\nYes! _Count me in._ Directions: www.example.com/lake', 'Count me in');
  await say(bob, '@ana could you bring the basil?', 'the basil');
  await say(
    ana,
    '```\nconst list = ["dough", "tomatoes", "basil"];\nlist.forEach(buy);\n```',
    'list.forEach',
  );
  const id = Number(await bubble(page, 'I can bring the big table').getAttribute('data-id'));
  await say(ana, 'Perfect, thank you 🙌', 'Perfect', id);
  for (const [who, emoji] of [
    [ana, '🔥'],
    [bob, '🔥'],
    [ana, '👍'],
    [bob, '😂'],
  ] as const) {
    unwrap(await who.service.react({ id, emoji, on: true }));
  }
  await until(
    () => bubble(page, 'I can bring the big table').getByRole('button', { name: '🔥 2' }).count(),
    (n) => n === 1,
  );
  await page.mouse.move(0, 0);
  for (const [width, height] of [
    [1280, 800],
    [720, 520],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page
        .getByRole('button', { name: 'Latest messages' })
        .click()
        .catch(() => undefined);
      await screenshot(page, `conversation-${width}-${scheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
});

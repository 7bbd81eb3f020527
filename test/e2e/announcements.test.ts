// What a screen reader hears in the open conversation, read from the polite live region in Chromium as
// messages arrive: one line per message from someone else, a count for a burst, and nothing for history
// loaded by scrolling back, for the user's own sends or for another conversation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Result } from '../../src-shared/ipc';
import { openUser, type User, until } from './harness';
import type { PageGlobals } from './page-globals';
import { befriend, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, friendRow, send } from './ui';

let stage: Stage;
let ana: User;
let bo: User;
let cy: User;

function ok(result: Result<unknown>): void {
  if (!result.ok) throw new Error(result.error);
}

before(async () => {
  stage = await openStage('announcements');
  [ana, cy, bo] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'cy'),
    openUser(stage.browser, stage.site, 'bo'),
  ]);
  await registerAll([ana, cy], stage.running.port);
  // More than the first page bo will load, so scrolling back fetches history.
  for (let i = 1; i <= 70; i++)
    ok(await ana.service.send({ conversation: 'room', text: `old message ${i} of 70` }));
  // All stored before bo arrives, so they are bo's history; sends still on their way would reach bo live,
  // and be announced as the news they are.
  await until(
    () => ana.service.loadHistory({ conversation: 'room', limit: 1 }),
    (page) => page.ok && page.value.messages.at(-1)?.text === 'old message 70 of 70',
  );
  await registerAll([bo], stage.running.port);
  await befriend(ana, 'ana', bo, 'bo');
  await friendRow(bo.page, 'ana').waitFor();
  await bubble(bo.page, 'old message 70 of 70').waitFor();
  await listen(bo.page);
});

after(async () => {
  await Promise.all([ana?.close(), bo?.close(), cy?.close()]);
  await stage?.close();
});

/** Records every announcement the page makes, in order, as the live region's new paragraphs. */
async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals & {
      said: string[];
      MutationObserver: new (
        cb: (
          records: { addedNodes: ArrayLike<{ textContent: string | null; parentElement: unknown }> }[],
        ) => void,
      ) => { observe(target: unknown, options: unknown): void };
      document: { body: unknown };
    };
    g.said = [];
    const region = g.document.querySelector('.arrivals-announcer');
    if (!region) throw new Error('no live region');
    new g.MutationObserver((records) => {
      for (const record of records)
        for (const node of Array.from(record.addedNodes)) g.said.push(node.textContent ?? '');
    }).observe(region, { childList: true });
  });
}

async function said(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { said: string[] }).said);
}

/** Waits until `count` announcements were made, then returns all of them. */
async function saidAfter(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((n) => (globalThis as unknown as { said: string[] }).said.length >= n, count);
  return said(page);
}

test('the live region is polite, atomic and not visible; the message list itself is not live', async () => {
  const region = bo.page.locator('.arrivals-announcer');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  assert.equal(await region.getAttribute('aria-atomic'), 'true');
  assert.equal(await region.evaluate((el) => el.getBoundingClientRect().width <= 1), true);
  assert.equal(await bo.page.getByRole('log').getAttribute('aria-live'), 'off');
});

test('history loaded by scrolling back is not announced', async () => {
  const { page } = bo;
  await page.waitForFunction(() => {
    const g = globalThis as unknown as PageGlobals;
    const el = g.document.querySelector('.message-scroller');
    if (el) el.scrollTop = 0;
    return (g.document.querySelector('.timeline-start .muted')?.textContent ?? '').startsWith(
      'This is the beginning',
    );
  });
  await page.locator('.message-scroller').evaluate((el: { scrollTop: number }) => {
    el.scrollTop = 0;
  });
  await bubble(page, 'old message 1 of 70').waitFor();
  // A message after it proves the region works and was quiet until then.
  ok(await ana.service.send({ conversation: 'room', text: 'see you at *six*' }));
  assert.deepEqual(await saidAfter(page, 1), ['ana: see you at six']);
});

test("the user's own send and a message in another conversation are not announced", async () => {
  const { page } = bo;
  await send(page, 'my own words');
  await bubble(page, 'my own words').waitFor();
  ok(await ana.service.send({ conversation: '@bo', text: 'a private word' }));
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /^ana.*1 unread/ })
    .waitFor();
  ok(await cy.service.send({ conversation: 'room', text: 'cy here' }));
  assert.deepEqual(await saidAfter(page, 2), ['ana: see you at six', 'cy: cy here']);
});

test('many at once are one announcement that counts them and names who wrote', async () => {
  const { page } = bo;
  // All sent at once, from two people, so they arrive together.
  await Promise.all([
    ...['one', 'two', 'three'].map(async (text) =>
      ok(await ana.service.send({ conversation: 'room', text })),
    ),
    ...['four', 'five'].map(async (text) => ok(await cy.service.send({ conversation: 'room', text }))),
  ]);
  const all = await saidAfter(page, 3);
  assert.match(all[2] ?? '', /^5 new messages from (ana and cy|cy and ana)$/);
  assert.equal(all.length, 3);
  assert.deepEqual(bo.errors, []);
});

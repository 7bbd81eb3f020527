// Typing, "Seen" and search in Chromium with two people on a real room: ana's keystrokes show "ana is
// typing…" under bob's timeline until her message comes; "Seen" under her direct message once bob read it,
// and never again after bob turns read receipts off in Settings; ana finds an old message of bob's with
// Ctrl+K, the keyboard only, and Enter opens it in its conversation, paged back to and focused. axe on the
// search panel, screenshots light and dark at 1280×800 and 720×520.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { unwrap } from '../service/support';
import { assertAccessible } from './axe';
import { openUser, screenshotsLightDark, type User, until } from './harness';
import { befriend, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, friendRow, openConversation, send } from './ui';

let stage: Stage;
let ana: User;
let bob: User;

before(async () => {
  stage = await openStage('conversation-live');
  [ana, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  await registerAll([ana, bob], stage.running.port);
  await befriend(ana, 'ana', bob, 'bob');
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close()]);
  await stage?.close();
});

const typingLine = (page: Page) => page.locator('.typing-line');
const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });

test('what ana types shows as "ana is typing…" under bob\'s timeline until her message comes', async () => {
  await composer(ana.page).pressSequentially('hello every', { delay: 20 });
  await typingLine(bob.page).getByText('ana is typing…').waitFor();
  assert.equal(await typingLine(ana.page).getByRole('status').textContent(), '', 'not about herself');
  await screenshotsLightDark(bob.page, 'typing-line');
  await composer(ana.page).pressSequentially('one');
  await composer(ana.page).press('Enter');
  await bubble(bob.page, 'hello everyone').waitFor();
  await typingLine(bob.page).getByText('ana is typing…').waitFor({ state: 'detached' });

  unwrap(await ana.service.updateProfile({ displayName: 'Ana Lima' }));
  // The service says "typing" at most once per 3 s: she goes on typing until bob is told.
  const named = typingLine(bob.page).getByText('Ana Lima is typing…');
  await until(
    async () => {
      await composer(ana.page).press('a', { delay: 100 });
      return named.count();
    },
    (count) => count === 1,
  );
  await named.waitFor();
  await composer(ana.page).fill('');
  unwrap(await ana.service.updateProfile({ displayName: null }));
});

test('"Seen" under ana\'s direct message once bob read it; none after bob turns read receipts off', async () => {
  await friendRow(ana.page, 'bob')
    .getByRole('button', { name: /^Message bob/ })
    .click();
  await send(ana.page, 'did you read the chapter?');
  await bubble(ana.page, 'did you read the chapter?').waitFor();
  assert.equal(await typingLine(ana.page).getByText('Seen').count(), 0, 'bob has not looked yet');
  await friendRow(bob.page, 'ana')
    .getByRole('button', { name: /^Message ana/ })
    .click();
  await bubble(bob.page, 'did you read the chapter?').waitFor();
  await typingLine(ana.page).getByText('Seen').waitFor();
  await screenshotsLightDark(ana.page, 'seen-mark');

  await bob.page.getByRole('button', { name: 'Settings' }).first().click();
  const settings = bob.page.getByRole('dialog', { name: 'Settings' });
  const receipts = settings.getByRole('checkbox', { name: /Send read receipts/ });
  assert.equal(await receipts.isChecked(), true);
  await receipts.uncheck();
  assert.equal(
    await until(
      () => bob.service.getState(),
      (s) => !s.receipts,
    ).then((s) => s.receipts),
    false,
  );
  await bob.page.keyboard.press('Escape');
  await settings.waitFor({ state: 'detached' });
  await send(ana.page, 'and the next one?');
  await bubble(bob.page, 'and the next one?').waitFor();
  await bob.page.waitForTimeout(500);
  assert.equal(await typingLine(ana.page).getByText('Seen').count(), 0, 'receipts off: not told');
});

test('ana finds an old message with Ctrl+K and the keyboard; Enter opens it in context, focused', async () => {
  await openConversation(bob.page, 'Room');
  await send(bob.page, 'the pumpkin pie recipe is on page 12');
  await bubble(bob.page, 'the pumpkin pie recipe is on page 12').waitFor();
  // Enough after it that the room's first page no longer holds it.
  for (let i = 1; i <= 60; i++)
    assert.ok((await bob.service.send({ conversation: 'room', text: `filler ${i}` })).ok);
  await openConversation(ana.page, 'Room');
  await bubble(ana.page, 'filler 60').waitFor({ timeout: 20_000 });

  await ana.page.keyboard.press('Control+k');
  const panel = ana.page.getByRole('dialog', { name: 'Search messages' });
  const field = panel.getByRole('combobox', { name: 'Search for' });
  await field.waitFor();
  assert.equal(
    await field.evaluate((el) => el === el.ownerDocument.activeElement),
    true,
    'the field has focus',
  );
  await ana.page.keyboard.type('pump*');
  const results = panel.getByRole('listbox', { name: 'Results' }).getByRole('option');
  await results.filter({ hasText: 'the pumpkin pie recipe is on page 12' }).waitFor();
  assert.equal(await results.count(), 1);
  await panel.getByText('1 message found.', { exact: false }).waitFor();
  await assertAccessible(ana.page, 'search panel');
  await screenshotsLightDark(ana.page, 'search-panel');
  await ana.page.keyboard.press('Enter');
  await panel.waitFor({ state: 'detached' });
  const found = bubble(ana.page, 'the pumpkin pie recipe is on page 12');
  await found.waitFor({ timeout: 15_000 });
  await until(
    () => found.evaluate((el) => el === el.ownerDocument.activeElement),
    (focused) => focused,
  );
  assert.equal(
    await found.evaluate((el) => el === el.ownerDocument.activeElement),
    true,
    'focused in context',
  );
  assert.ok(await found.isVisible(), 'scrolled into view');
  await screenshotsLightDark(ana.page, 'search-jumped');

  await ana.page.keyboard.press('Control+k');
  await panel.getByRole('combobox', { name: 'Search for' }).fill('nothing like this');
  await panel.getByText('No messages match.').waitFor();
  await ana.page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.deepEqual([...ana.errors, ...bob.errors], []);
});

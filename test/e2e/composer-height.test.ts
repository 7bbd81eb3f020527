// The composer grows with its text and shrinks back once it is sent; it is sized when the text changes,
// not on every render (with a long history every arriving page re-rendered it, each time a full layout).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openUser, type User } from './harness';
import { openStage, type Stage } from './stage';
import { bubble, connectTo, register, waitForChat } from './ui';

let stage: Stage;
let user: User;

before(async () => {
  stage = await openStage('composer-height');
  user = await openUser(stage.browser, stage.site, 'tall');
});

after(async () => {
  await user?.close();
  await stage?.close();
});

test('the message box grows line by line up to its limit and is one line again after sending', async () => {
  const { page } = user;
  await connectTo(page, stage.running.port);
  await register(page, 'tall');
  await waitForChat(page);
  const box = page.getByRole('textbox', { name: /^Message / });
  const height = () => box.evaluate((el) => (el as unknown as { offsetHeight: number }).offsetHeight);
  const oneLine = await height();

  await box.fill('first line\nsecond line\nthird line');
  const threeLines = await height();
  assert.ok(threeLines > oneLine + 20, `three lines (${threeLines} px) are taller than one (${oneLine} px)`);
  await box.fill(Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n'));
  const many = await height();
  assert.ok(many > threeLines, 'more lines, taller still');
  // composer.tsx's MAX_HEIGHT (200 px) and the box's border.
  assert.ok(many <= 210, `but only up to the limit (${many} px)`);
  assert.ok(
    await box.evaluate((el) => {
      const area = el as unknown as { scrollHeight: number; clientHeight: number };
      return area.scrollHeight > area.clientHeight;
    }),
    'past the limit the box scrolls',
  );

  await box.fill('first line\nsecond line');
  await box.press('Enter');
  await bubble(page, 'first line').waitFor();
  assert.equal(await height(), oneLine, 'sent: back to one line');
  assert.deepEqual(user.errors, []);
});

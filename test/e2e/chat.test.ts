// Two people, each in their own browser context with their own HearthService, on a real server on
// loopback: the whole journey from the connect screen to chatting through a server restart.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { FINGERPRINT_PATTERN } from '../../src-shared/invite';
import { freePort, openUser, screenshot, startServer, tempDir, type User, until } from './harness';
import { openStage, type Stage } from './stage';
import {
  assertEveryControlNamed,
  bubble,
  connectTo,
  friendRow,
  logIn,
  messages,
  openConversation,
  PASSWORD,
  register,
  send,
  waitForChat,
} from './ui';

/** getComputedStyle as the page has it; the test tsconfig has no DOM library. */
type Styles = { getComputedStyle(el: unknown): { backgroundColor: string } };

const XSS = '<img src=x onerror=alert(1)>';

let stage: Stage;
let alice: User;
let bob: User;
/** A third person who never opens a window: her service alone sends alice a friend request. */
let carol: HearthService;
let carolDir: string;

before(async () => {
  stage = await openStage('server');
  [alice, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'alice'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
});

after(async () => {
  await Promise.all([alice?.close(), bob?.close(), carol?.dispose()]);
  if (carolDir) await rm(carolDir, { recursive: true, force: true });
  await stage?.close();
});

test('the connect screen has sensible defaults and says what is wrong, in place', async () => {
  const { page } = alice;
  assert.equal(await page.getByLabel('Server address').inputValue(), 'localhost');
  assert.equal(await page.getByLabel('Port').inputValue(), '5555');
  await assertEveryControlNamed(page);
  await screenshot(page, 'connect');

  await page.getByLabel('Port').fill('70000');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText('Port must be a whole number from 1 to 65535.').waitFor();
  assert.equal(await page.getByLabel('Port').getAttribute('aria-invalid'), 'true');

  const closedPort = await freePort();
  await page.getByLabel('Server address').fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(closedPort));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const error = page.getByRole('alert');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /127\.0\.0\.1|refused|reach/i);
  await screenshot(page, 'connect-error');
});

test('register, log in, and the errors a person can meet on the way', async () => {
  await connectTo(alice.page, stage.running.port);
  await connectTo(bob.page, stage.running.port);
  const firstVisit = alice.page.getByRole('region', { name: 'First visit to this room' });
  await firstVisit.waitFor();
  const pinned = (await alice.service.getState()).connection.fingerprint;
  assert.match(pinned ?? '', FINGERPRINT_PATTERN, 'the link is TLS and its certificate was pinned');
  assert.equal(await firstVisit.locator('[data-fingerprint]').getAttribute('data-fingerprint'), pinned);
  await screenshot(alice.page, 'first-visit');

  await register(alice.page, 'alice', 'short');
  await alice.page.getByText('Use at least 8 characters.').waitFor();
  await register(alice.page, 'alice');
  await waitForChat(alice.page);

  await register(bob.page, 'alice');
  const taken = bob.page.locator('.field-error');
  await taken.waitFor();
  assert.match((await taken.textContent()) ?? '', /taken|exists|already/i);
  await screenshot(bob.page, 'register-error');

  await register(bob.page, 'bob');
  await waitForChat(bob.page);
  await bob.page.getByRole('button', { name: 'Log out' }).click();
  await logIn(bob.page, 'bob', 'not the password');
  const wrong = bob.page.getByRole('alert');
  await wrong.waitFor();
  assert.match((await wrong.textContent()) ?? '', /password|credentials/i);
  await screenshot(bob.page, 'login-error');
  await logIn(bob.page, 'bob', PASSWORD);
  await waitForChat(bob.page);
});

test('a friend request is sent, shown to the other side and accepted', async () => {
  const panel = alice.page.getByRole('complementary', { name: 'Friends' });
  await panel.getByLabel('Add a friend').fill('nobody_here');
  await panel.getByRole('button', { name: 'Send friend request' }).click();
  await panel.locator('.field-error').waitFor();

  await panel.getByLabel('Add a friend').fill('bob');
  await panel.getByRole('button', { name: 'Send friend request' }).click();
  await panel.getByText('Request sent to bob.').waitFor();

  const accept = bob.page.getByRole('button', { name: 'Accept friend request from alice' });
  await accept.waitFor();
  await screenshot(bob.page, 'friend-request');
  await accept.click();

  await friendRow(alice.page, 'bob').and(alice.page.locator('[data-presence="online"]')).waitFor();
  await friendRow(bob.page, 'alice').and(bob.page.locator('[data-presence="online"]')).waitFor();
  assert.equal(await friendRow(alice.page, 'bob').locator('.presence').textContent(), 'Online');
  assert.equal(
    await panel.getByText(/had asked you too/).count(),
    0,
    'a plain acceptance is not called mutual',
  );

  carolDir = await tempDir('user-carol');
  carol = new HearthService({ dataDir: carolDir, hostLauncher: new NodeHostLauncher() });
  assert.deepEqual(await carol.connect({ host: '127.0.0.1', port: stage.running.port }), {
    ok: true,
    value: null,
  });
  assert.equal((await carol.register({ username: 'carol', password: PASSWORD })).ok, true);
  assert.deepEqual(await carol.friendRequest('alice'), { ok: true, value: null });
  await alice.page.getByRole('button', { name: 'Accept friend request from carol' }).waitFor();
});

test('the room works both ways, with bubbles on the right sides and times in the locale', async () => {
  await send(alice.page, 'Hello bob, welcome to the room!');
  await bubble(bob.page, 'Hello bob, welcome to the room!').waitFor();

  const box = bob.page.getByRole('textbox', { name: 'Message Room' });
  await box.fill('Thanks, alice! Lovely to be here.');
  await box.press('Shift+Enter');
  await box.pressSequentially('Who is bringing snacks on Friday?');
  assert.equal(
    await box.inputValue(),
    'Thanks, alice! Lovely to be here.\nWho is bringing snacks on Friday?',
    'Shift+Enter makes a new line',
  );
  await box.press('Enter');
  const reply = bubble(alice.page, 'Who is bringing snacks on Friday?');
  await reply.waitFor();
  assert.equal(await box.inputValue(), '', 'Enter sent the message');
  assert.equal(
    await reply.locator('.bubble-text').textContent(),
    'Thanks, alice! Lovely to be here.\nWho is bringing snacks on Friday?',
  );
  await send(alice.page, 'I will bake something. Can you bring the board games?');
  await bubble(bob.page, 'I will bake something. Can you bring the board games?').waitFor();

  const mine = bubble(alice.page, 'Hello bob, welcome to the room!');
  const theirs = reply;
  assert.equal(await mine.getAttribute('class'), 'bubble-row own');
  assert.equal(await theirs.getAttribute('class'), 'bubble-row other');
  assert.equal(await theirs.locator('.sender').textContent(), 'bob');
  const colour = (row: typeof mine) =>
    row
      .locator('.bubble')
      .evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
  assert.equal(await colour(mine), 'rgb(216, 234, 252)', 'own bubbles are light blue');
  assert.equal(await colour(theirs), 'rgb(220, 242, 223)', "others' bubbles are light green");
  const log = await alice.page.getByRole('log').boundingBox();
  const ownBox = await mine.locator('.bubble').boundingBox();
  const otherBox = await theirs.locator('.bubble').boundingBox();
  assert.ok(log && ownBox && otherBox);
  assert.ok(ownBox.x + ownBox.width > log.x + log.width - 60, 'own bubble sits on the right');
  assert.ok(otherBox.x < log.x + 60, "the other's bubble sits on the left");

  // The time of day in the locale's clock (en-GB: 24-hour); the day is on the separator, the date in the tooltip.
  const stamp = (await theirs.locator('time').textContent()) ?? '';
  assert.match(stamp, /^([01]?\d|2[0-3]):[0-5]\d$/, 'the timestamp is in 24-hour time');
  assert.doesNotMatch(stamp, /am|pm/i);
  assert.match(
    (await theirs.locator('time').getAttribute('title')) ?? '',
    /\b20\d\d\b/,
    'the tooltip has the date',
  );
  assert.equal(await alice.page.getByRole('log').locator('.day-separator').first().textContent(), 'Today');

  await alice.page.locator('.system-line', { hasText: /bob/ }).first().waitFor();
  await assertEveryControlNamed(alice.page);
  await screenshot(alice.page, 'chat-room');
});

test('declining a friend request removes it on both sides', async () => {
  await alice.page.getByRole('button', { name: 'Decline friend request from carol' }).click();
  await alice.page
    .getByRole('button', { name: 'Accept friend request from carol' })
    .waitFor({ state: 'detached' });
  const state = await until(
    () => carol.getState(),
    (s) => s.friends.outgoing.length === 0,
  );
  assert.deepEqual(state.friends.outgoing, []);
  assert.deepEqual(state.friends.friends, []);
});

test('markup in a message is shown as literal text and never runs', async () => {
  await send(bob.page, XSS);
  const shown = bubble(alice.page, XSS);
  await shown.waitFor();
  assert.equal(await shown.locator('.bubble-text').textContent(), XSS);
  assert.equal(await alice.page.getByRole('log').locator('img').count(), 0);
  await alice.page.waitForTimeout(200);
  assert.deepEqual(alice.dialogs, [], 'no alert fired');
  assert.deepEqual(bob.dialogs, [], 'no alert fired');
});

test('a web link in a message opens in the browser, through the service', async () => {
  await send(bob.page, 'The recipe: https://example.com/cake?size=big. Enjoy!');
  const link = bubble(alice.page, 'The recipe:').getByRole('link', {
    name: 'https://example.com/cake?size=big',
  });
  await link.click();
  await until(
    async () => alice.opened,
    (opened) => opened.length > 0,
  );
  assert.deepEqual(alice.opened, ['https://example.com/cake?size=big']);
  assert.equal(alice.page.url().startsWith('http://127.0.0.1:'), true, 'the app did not navigate away');
});

test('a direct message arrives with an unread badge and can be answered', async () => {
  await friendRow(alice.page, 'bob')
    .getByRole('button', { name: /^Message bob/ })
    .click();
  await alice.page.getByRole('heading', { name: 'bob' }).waitFor();
  await send(alice.page, 'Just between us: cake on Friday?');

  const dm = bob.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /^alice/ });
  await dm.locator('.badge').waitFor();
  assert.match((await dm.textContent()) ?? '', /1 unread/);
  await dm.click();
  await bubble(bob.page, 'Just between us: cake on Friday?').waitFor();
  assert.equal(await bob.page.getByRole('log').count(), 1, 'one conversation on screen at a time');
  const dmTexts = await messages(bob.page).locator('.bubble-text').allTextContents();
  assert.deepEqual(
    dmTexts,
    ['Just between us: cake on Friday?'],
    'the direct conversation shows only its own messages',
  );
  await send(bob.page, 'Yes please, chocolate if you can');
  await bubble(alice.page, 'Yes please, chocolate if you can').waitFor();
  assert.equal(await dm.locator('.badge').count(), 0, 'opening the conversation clears its badge');
  await screenshot(alice.page, 'chat-dm');
  await openConversation(alice.page, 'Room');
  await openConversation(bob.page, 'Room');
});

test("clicking a direct message's desktop notification opens that conversation", async () => {
  await bob.page.getByRole('heading', { name: 'Room', level: 1 }).waitFor();
  bob.service.setWindowFocused(false);
  const before = bob.notifications.length;
  await friendRow(alice.page, 'bob')
    .getByRole('button', { name: /^Message bob/ })
    .click();
  await send(alice.page, 'Are you there?');
  await until(
    async () => bob.notifications.length,
    (count) => count > before,
  );
  const shown = bob.notifications.at(-1);
  assert.equal(shown?.conversation, '@alice');
  bob.service.setWindowFocused(true);
  if (shown) bob.service.notificationClicked(shown);
  await bob.page.getByRole('heading', { name: 'alice', level: 1 }).waitFor();
  await bubble(bob.page, 'Are you there?').waitFor();
  await openConversation(alice.page, 'Room');
  await openConversation(bob.page, 'Room');
});

test("a friend's dot flips to offline when they log out and back when they return", async () => {
  const row = friendRow(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Log out' }).click();
  await row.and(alice.page.locator('[data-presence="offline"]')).waitFor();
  assert.equal(await row.locator('.presence').textContent(), 'Offline');
  assert.equal(await row.locator('.dot').getAttribute('class'), 'dot offline');
  await screenshot(alice.page, 'friend-offline');

  await logIn(bob.page, 'bob');
  await waitForChat(bob.page);
  await row.and(alice.page.locator('[data-presence="online"]')).waitFor();
  assert.equal(await row.locator('.dot').getAttribute('class'), 'dot online');
});

test('a server restart shows the room closed, without a loop of refusals, and the conversation continues', async () => {
  await stage.running.server.close();
  // docs/protocol.md § Notices: the room said goodbye, so the banner says it closed (and retries quietly).
  const banner = (user: User) =>
    user.page.getByRole('status').filter({ hasText: 'The host closed the room' });
  await banner(alice).waitFor();
  await banner(bob).waitFor();
  await alice.page.waitForTimeout(1500);
  assert.doesNotMatch((await banner(alice).textContent()) ?? '', /refused|Reconnecting in/);
  await send(alice.page, 'Written while the room was down');
  const waiting = alice.page.getByRole('article', { name: 'You, sending' });
  await waiting.waitFor();
  assert.match((await waiting.textContent()) ?? '', /Written while the room was down/);
  await screenshot(alice.page, 'reconnecting');

  stage.running = await startServer(stage.serverDir, stage.running.port);
  await banner(alice).waitFor({ state: 'detached', timeout: 15_000 });
  await banner(bob).waitFor({ state: 'detached', timeout: 15_000 });
  await bubble(bob.page, 'Written while the room was down').waitFor();
  await waiting.waitFor({ state: 'detached' });
  assert.equal(
    await bubble(alice.page, 'Written while the room was down').count(),
    1,
    'acked in place, once',
  );

  await send(alice.page, 'Back again after the restart');
  await bubble(bob.page, 'Back again after the restart').waitFor();
  await send(bob.page, 'Nothing lost here');
  await bubble(alice.page, 'Nothing lost here').waitFor();
  const texts = await messages(alice.page).locator('.bubble-text').allTextContents();
  assert.ok(
    texts.includes('Hello bob, welcome to the room!'),
    'history from before the restart is still shown',
  );
  assert.equal(await alice.page.locator('.bubble-row.pending').count(), 0, 'nothing left pending');
});

test('after logging out and changing server, the room is in the recent list', async () => {
  await bob.page.getByRole('button', { name: 'Log out' }).click();
  await bob.page.getByRole('button', { name: 'Change server' }).click();
  const recent = bob.page.getByRole('region', { name: 'Recent rooms' });
  await recent.getByRole('button', { name: `127.0.0.1:${stage.running.port}` }).click();
  await bob.page.getByRole('tablist', { name: 'How to join' }).waitFor();
  await bob.page.getByText("The room's certificate matches the one from your first visit.").waitFor();
  assert.equal(await bob.page.getByLabel('Username').inputValue(), 'bob', 'the last username is remembered');
});

test('dark theme follows the operating system', async () => {
  await alice.page.emulateMedia({ colorScheme: 'dark' });
  const background = await alice.page
    .locator('.conversation-pane')
    .evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
  assert.equal(background, 'rgb(35, 30, 26)');
  await screenshot(alice.page, 'chat-dark');
  await alice.page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bob.errors, []);
});

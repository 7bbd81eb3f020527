// Blocking in the app: alice blocks mallory from his friend row with the keyboard alone, his room messages
// disappear (old and new), he can no longer message her or reach her with requests, and unblocking from the
// Blocked list brings everything back. Mallory is a second HearthService without a window.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { openUser, screenshot, tempDir, type User, until } from './harness';
import { openStage, type Stage } from './stage';
import {
  assertEveryControlNamed,
  bubble,
  connectTo,
  friendRow,
  messages,
  PASSWORD,
  register,
  send,
  waitForChat,
} from './ui';

let stage: Stage;
let alice: User;
let mallory: HearthService;
let malloryDir: string;

before(async () => {
  stage = await openStage('server');
  alice = await openUser(stage.browser, stage.site, 'alice');
  malloryDir = await tempDir('user-mallory');
  mallory = new HearthService({ dataDir: malloryDir, hostLauncher: new NodeHostLauncher() });
});

after(async () => {
  await Promise.all([alice?.close(), mallory?.dispose()]);
  if (malloryDir) await rm(malloryDir, { recursive: true, force: true });
  await stage?.close();
});

/** Focus a control and press Enter on it: what a keyboard user does. */
async function pressButton(scope: User['page'], name: string): Promise<void> {
  const button = scope.getByRole('button', { name, exact: true });
  await button.focus();
  await scope.keyboard.press('Enter');
}

test('block from the friend row by keyboard: messages hidden, DMs and requests stopped; unblock', async () => {
  const { page } = alice;
  await connectTo(page, stage.running.port);
  await register(page, 'alice');
  await waitForChat(page);
  assert.equal((await mallory.connect({ host: '127.0.0.1', port: stage.running.port })).ok, true);
  assert.equal((await mallory.register({ username: 'mallory', password: PASSWORD })).ok, true);
  assert.equal((await mallory.friendRequest('alice')).ok, true);
  await page.getByRole('button', { name: 'Accept friend request from mallory' }).click();
  await friendRow(page, 'mallory').waitFor();
  assert.equal((await mallory.send({ conversation: 'room', text: 'first from mallory' })).ok, true);
  await bubble(page, 'first from mallory').waitFor();

  const panel = page.getByRole('complementary', { name: 'Friends' });
  await pressButton(page, 'Block mallory');
  const yes = panel.getByRole('button', { name: 'Yes, block mallory' });
  assert.equal(
    await yes.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement),
    true,
  );
  await page.keyboard.press('Enter');

  const blockedList = page.getByRole('region', { name: 'Blocked' });
  await blockedList.getByRole('button', { name: 'Unblock mallory' }).waitFor();
  await friendRow(page, 'mallory').waitFor({ state: 'detached' });
  await bubble(page, 'first from mallory').waitFor({ state: 'detached' });
  await screenshot(page, 'blocked');

  // A new room message from him reaches alice's service but is not shown.
  const arrived = new Promise<void>((resolve) => {
    const stop = alice.service.on('message', (m) => {
      if (m.text === 'second from mallory') {
        stop();
        resolve();
      }
    });
  });
  assert.equal((await mallory.send({ conversation: 'room', text: 'second from mallory' })).ok, true);
  await arrived;
  await send(page, 'alice is still here');
  await bubble(page, 'alice is still here').waitFor();
  assert.equal(await messages(page).filter({ hasText: 'from mallory' }).count(), 0);

  // He is no longer a friend, so he cannot message her; his new request waits, unseen by her.
  const malloryState = await until(
    () => mallory.getState(),
    (s) => s.friends.friends.length === 0,
  );
  assert.deepEqual(malloryState.friends.friends, []);
  const dm = await mallory.send({ conversation: '@alice', text: 'psst' });
  assert.equal(dm.ok, false);
  assert.equal((await mallory.friendRequest('alice')).ok, true);
  assert.deepEqual((await mallory.getState()).friends.outgoing, ['alice']);
  await page.waitForTimeout(300);
  assert.equal(await panel.getByRole('button', { name: 'Accept friend request from mallory' }).count(), 0);
  await assertEveryControlNamed(page);

  await pressButton(page, 'Unblock mallory');
  await bubble(page, 'first from mallory').waitFor();
  await bubble(page, 'second from mallory').waitFor();
  await panel.getByRole('button', { name: 'Accept friend request from mallory' }).waitFor();
  await blockedList.getByText('Nobody.', { exact: false }).waitFor();
});

test('block someone who is not a friend by name, from the Blocked box', async () => {
  const { page } = alice;
  const blockedList = page.getByRole('region', { name: 'Blocked' });
  await blockedList.getByLabel('Block someone').fill('nobody_at_all');
  await blockedList.getByLabel('Block someone').press('Enter');
  await blockedList.getByText(/nobody_at_all/).waitFor();
  await blockedList.getByLabel('Block someone').fill('mallory');
  await blockedList.getByLabel('Block someone').press('Enter');
  await blockedList.getByRole('button', { name: 'Unblock mallory' }).waitFor();
  await bubble(page, 'first from mallory').waitFor({ state: 'detached' });
  assert.deepEqual((await alice.service.getState()).friends.blocked, ['mallory']);
});

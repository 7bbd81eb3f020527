// Screen share in Chromium (getDisplayMedia with a fake screen picked at once): in a voice call, which sends
// no video, ana shares her screen and bob's page starts decoding video frames from her; she stops, and the
// frames stop. The shared call is checked with axe and pictured light and dark, wide and narrow. The
// Electron half (the display-media handler and its picker) is test/electron/screen-share.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAccessible } from './axe';
import { openUser, screenshotsLightDark, type User } from './harness';
import { flow, grows, MEDIA_FLAGS, RECORD_PEERS } from './media';
import { befriend, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { friendRow } from './ui';

let stage: Stage;
let ana: User;
let bob: User;

before(async () => {
  stage = await openStage('screen-share', {}, MEDIA_FLAGS);
  [ana, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  for (const user of [ana, bob]) {
    await user.context.addInitScript({ content: RECORD_PEERS });
    await user.page.reload();
  }
  await registerAll([ana, bob], stage.running.port);
  await befriend(ana, 'ana', bob, 'bob');
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close()]);
  await stage?.close();
});

test('a voice call: ana shares her screen and bob sees it; she stops and it stops', async () => {
  await friendRow(ana.page, 'bob')
    .getByRole('button', { name: /^Message bob/ })
    .click();
  await ana.page.getByRole('button', { name: 'Voice call with bob' }).click();
  await bob.page
    .getByRole('alertdialog', { name: /ana is calling you/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  assert.ok(await grows(bob.page, 'audioBytes'), 'bob hears ana');
  assert.equal((await flow(bob.page)).framesDecoded, 0, 'a voice call sends no video');

  const share = ana.page.getByRole('button', { name: 'Share screen' });
  await share.click();
  await ana.page.getByRole('button', { name: 'Share screen', pressed: true }).waitFor();
  assert.ok(await grows(bob.page, 'framesDecoded'), 'bob decodes ana’s screen');
  assert.ok(await grows(bob.page, 'audioBytes'), 'and still hears her');
  await ana.page
    .getByRole('status')
    .getByText(/sharing your screen/)
    .waitFor();
  await assertAccessible(ana.page, 'a call with a shared screen');
  await ana.page.mouse.move(0, 0); // no hover over the pressed button in the pictures
  await screenshotsLightDark(ana.page, 'call-screen-share');

  await share.click();
  await ana.page.getByRole('button', { name: 'Share screen', pressed: false }).waitFor();
  await bob.page.waitForTimeout(1000); // what was on its way arrives
  const stopped = (await flow(bob.page)).framesDecoded;
  await bob.page.waitForTimeout(1500);
  assert.equal((await flow(bob.page)).framesDecoded, stopped, 'no more of the screen reaches bob');
  assert.ok(await grows(bob.page, 'audioBytes'), 'the call goes on');

  await ana.page.getByRole('button', { name: 'Hang up' }).click();
  await bob.page.getByRole('region', { name: /^Call with/ }).waitFor({ state: 'detached' });
  assert.deepEqual([...ana.errors, ...bob.errors], []);
});

/** The labels of the video tracks ana's open peer connections send ('' for a sender sending nothing). */
function sentVideo(user: User): Promise<string[]> {
  return user.page.evaluate(() => {
    type Sender = { track: { kind: string; label: string } | null };
    type Peer = { connectionState: string; getSenders(): Sender[] };
    const peers = (globalThis as unknown as { __peers: Peer[] }).__peers;
    return peers
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .filter((sender) => sender.track === null || sender.track.kind === 'video')
      .map((sender) => sender.track?.label ?? '');
  });
}

test('a video call: the screen takes the camera’s place, and the camera comes back when she stops', async () => {
  await ana.page.getByRole('button', { name: 'Video call with bob' }).click();
  await bob.page
    .getByRole('alertdialog', { name: /ana is calling you/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  assert.ok(await grows(bob.page, 'framesDecoded'), 'bob sees ana’s camera');
  const [camera] = await sentVideo(ana);
  assert.ok(camera && !camera.startsWith('screen:'), `the camera is sent: ${camera}`);

  await ana.page.getByRole('button', { name: 'Share screen' }).click();
  await ana.page.getByRole('button', { name: 'Share screen', pressed: true }).waitFor();
  const [screen] = await sentVideo(ana);
  assert.match(screen ?? '', /^screen:/, 'the screen goes out on the same sender');
  assert.ok(await grows(bob.page, 'framesDecoded'), 'bob sees the screen');

  await ana.page.getByRole('button', { name: 'Share screen' }).click();
  await ana.page.getByRole('button', { name: 'Share screen', pressed: false }).waitFor();
  assert.deepEqual(await sentVideo(ana), [camera], 'the camera again');
  assert.ok(await grows(bob.page, 'framesDecoded'));
  await ana.page.getByRole('button', { name: 'Hang up' }).click();
  await bob.page.getByRole('region', { name: /^Call with/ }).waitFor({ state: 'detached' });
  assert.deepEqual([...ana.errors, ...bob.errors], []);
});

// Calls in Chromium with fake camera and microphone, two people on a real room: ana rings bob from their
// direct conversation, bob accepts, and audio and video flow both ways (the peer connections' own
// statistics: bytes received and frames decoded go up); mute stops ana's audio reaching bob; hang-up ends
// the call for both and frees the room's relay allocations. Then the same call with "Always relay calls
// through the room": the path that carries it is the room's TURN relay. Setup times (click to first remote
// frame) are printed as figures. axe on the ring and the call; screenshots light and dark, wide and narrow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from './axe';
import { openUser, screenshotsLightDark, type User, until } from './harness';
import { flow, grows, MEDIA_FLAGS, RECORD_PEERS, RECORD_TONES } from './media';
import { befriend, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, friendRow } from './ui';

let stage: Stage;
let ana: User;
let bob: User;

before(async () => {
  stage = await openStage('calls', {}, MEDIA_FLAGS);
  [ana, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  for (const user of [ana, bob]) {
    await user.context.addInitScript({ content: RECORD_PEERS });
    await user.context.addInitScript({ content: RECORD_TONES });
    await user.page.reload();
  }
  await registerAll([ana, bob], stage.running.port);
  await befriend(ana, 'ana', bob, 'bob');
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close()]);
  await stage?.close();
});

/** ana calls bob with video, bob accepts; resolves with ms from ana's click to her first remote frame. */
async function videoCall(): Promise<number> {
  await friendRow(ana.page, 'bob')
    .getByRole('button', { name: /^Message bob/ })
    .click();
  const clicked = Date.now();
  await ana.page.getByRole('button', { name: 'Video call with bob' }).click();
  const ring = bob.page.getByRole('alertdialog', { name: /ana is calling you/ });
  await ring.waitFor();
  await ring.getByRole('button', { name: 'Accept' }).click();
  await until(
    () => flow(ana.page),
    (f) => f.framesDecoded > 0,
  );
  return Date.now() - clicked;
}

/**
 * At both window sizes the call panel and the composer do not overlap, and a message typed and sent with the
 * Send button (a real click, which fails if anything lies over the button) is stored by the room.
 */
async function composerUsableDuringCall(from: User): Promise<void> {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 720, height: 520 },
  ]) {
    await from.page.setViewportSize(size);
    const panel = await from.page.getByRole('region', { name: /^Call with/ }).boundingBox();
    const composer = await from.page.locator('.composer').boundingBox();
    assert.ok(panel && composer, 'the call panel and the composer are on screen');
    const apart = panel.y + panel.height <= composer.y || composer.x + composer.width <= panel.x;
    assert.ok(apart, `at ${size.width}x${size.height} the call panel leaves the composer alone`);
    assert.ok(composer.y + composer.height <= size.height, 'the composer is whole in the window');
    const text = `Said during the call at ${size.width}x${size.height}`;
    await from.page.getByRole('textbox', { name: /^Message / }).fill(text);
    await from.page.getByRole('button', { name: 'Send message' }).click({ timeout: 3000 });
    await bubble(from.page, text).waitFor();
  }
  await from.page.setViewportSize({ width: 1280, height: 800 });
}

test('a 1:1 video call: audio and video both ways, mute stops the audio, hang-up frees the relay', async () => {
  const setupMs = await videoCall();
  for (const user of [ana, bob]) {
    assert.ok(await grows(user.page, 'audioBytes'), `${user.name} receives audio`);
    assert.ok(await grows(user.page, 'framesDecoded'), `${user.name} decodes video`);
  }
  const direct = await flow(ana.page);
  assert.notEqual(direct.path, 'relay', 'on one machine the direct path is taken');
  console.log(`call figures setup-direct-ms ${setupMs} path ${direct.path}`);

  await ana.page.getByRole('region', { name: 'Call with bob' }).getByText('bob', { exact: true }).waitFor();
  await assertAccessible(ana.page, 'a call');
  await screenshotsLightDark(ana.page, 'call-panel');
  await composerUsableDuringCall(ana);

  await ana.page.getByRole('button', { name: 'Mute' }).click();
  await bob.page.waitForTimeout(1000); // what was on its way arrives
  const muted = (await flow(bob.page)).audioBytes;
  await bob.page.waitForTimeout(1500);
  assert.equal((await flow(bob.page)).audioBytes, muted, 'nothing of ana’s audio reaches bob while muted');
  assert.ok(await grows(bob.page, 'framesDecoded'), 'her video still does');
  await ana.page.getByRole('button', { name: 'Mute' }).click();
  assert.ok(await grows(bob.page, 'audioBytes'), 'unmuted, her audio comes again');

  // The next call goes through the room's relay (a setting kept on this computer).
  await ana.page.getByText('Devices').click();
  await ana.page.getByRole('checkbox', { name: /Always relay calls/ }).check();
  await ana.page.getByRole('button', { name: 'Hang up' }).click();
  await bob.page.getByRole('region', { name: /Call with/ }).waitFor({ state: 'detached' });
  const freed = await until(
    async () => stage.running.server.callStats(),
    (s) => s.calls === 0 && s.allocations === 0,
  );
  assert.deepEqual([freed.calls, freed.allocations], [0, 0], 'hang-up ends the call and its allocations');
});

test('the same call through the relay: the path in use is the room’s TURN relay', async () => {
  const before = stage.running.server.callStats().relayedBytes;
  const setupMs = await videoCall();
  const relayed = await flow(ana.page);
  assert.equal(relayed.path, 'relay');
  for (const user of [ana, bob]) {
    assert.ok(await grows(user.page, 'audioBytes'), `${user.name} receives audio through the relay`);
    assert.ok(await grows(user.page, 'framesDecoded'), `${user.name} decodes video through the relay`);
  }
  assert.ok(stage.running.server.callStats().relayedBytes > before, 'the room relayed the media');
  // What the relay carries for one 1:1 video call (both people's audio and video, each way counted once in
  // and once out by the relay): the host's upload per relayed stream, for docs/performance.md.
  const from = stage.running.server.callStats().relayedBytes;
  await ana.page.waitForTimeout(3000);
  const relayedMbit = ((stage.running.server.callStats().relayedBytes - from) * 8) / 3 / 1e6;
  console.log(`call figures setup-relayed-ms ${setupMs} relayed-mbit-per-s ${relayedMbit.toFixed(2)}`);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await ana.page.getByRole('region', { name: /Call with/ }).waitFor({ state: 'detached' });
  const freed = await until(
    async () => stage.running.server.callStats(),
    (s) => s.allocations === 0,
  );
  assert.equal(freed.allocations, 0);
});

/** The ringing sound so far: the tones started, and the audio contexts open (one plays the ring). */
function tones(page: Page): Promise<{ tones: number[]; open: number }> {
  return page.evaluate(() => {
    const page = globalThis as unknown as { __tones: number[]; __audioOpen: number };
    return { tones: [...page.__tones], open: page.__audioOpen };
  });
}

test('a ring sounds and can be declined; its notification opens it; the ring is accessible and pictured', async () => {
  const rung = new Promise<string>((resolve) => {
    const stop = bob.service.on('call', (info) => {
      if (info.state === 'ringing' && info.incoming) {
        stop();
        resolve(info.call);
      }
    });
  });
  await ana.page.getByRole('button', { name: 'Voice call with bob' }).click();
  const ring = bob.page.getByRole('alertdialog', { name: /ana is calling you/ });
  await ring.waitFor();
  const sounding = await until(
    () => tones(bob.page),
    (t) => t.tones.length > 0,
  );
  assert.deepEqual([...new Set(sounding.tones)].sort(), [400, 450], 'bob hears it ring');
  assert.equal(sounding.open, 1);
  assert.equal((await tones(ana.page)).tones.length, 0, 'the caller’s own window does not ring');
  await assertAccessible(bob.page, 'an incoming call');
  await screenshotsLightDark(bob.page, 'call-ring');

  // bob is in the room's conversation; the ring's desktop notification (clicked) opens ana's and the ring.
  await bob.page.getByRole('heading', { name: 'Room', level: 1 }).waitFor();
  bob.service.notificationClicked({
    title: 'ana is calling you',
    body: 'Voice call',
    conversation: '@ana',
    call: await rung,
  });
  await bob.page.getByRole('heading', { name: 'ana', level: 1 }).waitFor();
  const accept = ring.getByRole('button', { name: 'Accept' });
  await until(
    () => accept.evaluate((button) => button === button.ownerDocument.activeElement),
    (focused) => focused,
  );
  assert.ok(await accept.evaluate((button) => button === button.ownerDocument.activeElement));

  await ring.getByRole('button', { name: 'Decline' }).click();
  await ana.page.getByRole('region', { name: /Call with/ }).waitFor({ state: 'detached' });
  const stopped = await until(
    () => tones(bob.page),
    (t) => t.open === 0,
  );
  assert.equal(stopped.open, 0, 'declined: the ringing stops');

  // Sounds off in the settings: the next ring is silent.
  assert.ok((await bob.service.setPreferences({ sounds: false })).ok);
  await ana.page.getByRole('button', { name: 'Voice call with bob' }).click();
  await ring.waitFor();
  await bob.page.waitForTimeout(500);
  assert.equal((await tones(bob.page)).tones.length, stopped.tones.length, 'sounds off: no ringing');
  await ring.getByRole('button', { name: 'Decline' }).click();
  await ana.page.getByRole('region', { name: /Call with/ }).waitFor({ state: 'detached' });
  assert.deepEqual([...ana.errors, ...bob.errors], []);
});

// A call survives a reconnect of the chat link (issue 16): ana's chat link goes through a proxy that cuts it
// mid-call like a network failure, while the call's media keeps its own path, direct between the pages or
// through the room's TURN relay. Frames keep arriving both ways while the link is down and after it is back;
// the room kept ana in the call meanwhile (callReconnectGraceMs) and her relay allocation with it, and
// signalling works again once the app is back in: ana hangs up, bob hears it, and the room frees the call and
// its relay allocations.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CuttableProxy } from '../client/support';
import { openUser, type User, until } from './harness';
import { flow, grows, MEDIA_FLAGS, RECORD_PEERS } from './media';
import { befriend, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { friendRow } from './ui';

let stage: Stage;
let proxy: CuttableProxy;
let ana: User;
let bob: User;

before(async () => {
  stage = await openStage('call-reconnect', {}, MEDIA_FLAGS);
  proxy = new CuttableProxy(stage.running.port);
  const through = await proxy.start();
  [ana, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  for (const user of [ana, bob]) {
    await user.context.addInitScript({ content: RECORD_PEERS });
    await user.page.reload();
  }
  await registerAll([ana], through);
  await registerAll([bob], stage.running.port);
  await befriend(ana, 'ana', bob, 'bob');
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close()]);
  await proxy?.close();
  await stage?.close();
});

async function connectionState(user: User): Promise<string> {
  return (await user.service.getState()).connection.state;
}

async function videoGrowsForBoth(when: string): Promise<void> {
  for (const user of [ana, bob]) {
    assert.ok(await grows(user.page, 'framesDecoded'), `${user.name} decodes video ${when}`);
  }
}

for (const path of ['direct', 'relay'] as const) {
  test(`${path}: frames flow on through a cut of the chat link, and hang-up works once back in`, async () => {
    // "Always relay calls through the room", kept in the window's storage, read when the page loads.
    await ana.page.evaluate((on) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } })
        .localStorage;
      storage.setItem('hearth.calls.relayOnly', String(on));
    }, path === 'relay');
    await ana.page.reload();
    await friendRow(ana.page, 'bob')
      .getByRole('button', { name: /^Message bob/ })
      .click();
    await ana.page.getByRole('button', { name: 'Video call with bob' }).click();
    await bob.page
      .getByRole('alertdialog', { name: /ana is calling you/ })
      .getByRole('button', { name: 'Accept' })
      .click();
    await videoGrowsForBoth('in the call');
    const { path: inUse } = await flow(ana.page);
    assert.ok(path === 'relay' ? inUse === 'relay' : inUse !== 'relay', `the call goes ${path}: ${inUse}`);

    const linksBefore = proxy.connections;
    proxy.cut();
    const down = await until(
      () => connectionState(ana),
      (state) => state !== 'connected',
    );
    assert.notEqual(down, 'connected', 'ana’s app saw its chat link drop');
    await videoGrowsForBoth('while ana’s chat link is down');
    const back = await until(
      () => connectionState(ana),
      (state) => state === 'connected',
    );
    assert.equal(back, 'connected', 'ana is back in');
    assert.ok(proxy.connections > linksBefore, 'through a new chat link');
    await videoGrowsForBoth('after the reconnect');
    for (const user of [ana, bob]) await user.page.getByRole('region', { name: /^Call with/ }).waitFor();
    assert.equal(stage.running.server.callStats().calls, 1, 'the room kept the call');

    await ana.page.getByRole('button', { name: 'Hang up' }).click();
    await bob.page.getByRole('region', { name: /^Call with/ }).waitFor({ state: 'detached' });
    const freed = await until(
      async () => stage.running.server.callStats(),
      (s) => s.calls === 0 && s.allocations === 0,
    );
    assert.deepEqual([freed.calls, freed.allocations], [0, 0], 'hang-up over the new link ends the call');
    assert.deepEqual([...ana.errors, ...bob.errors], []);
  });
}

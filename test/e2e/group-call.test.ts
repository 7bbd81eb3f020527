// A group call of four pages in Chromium with fake devices, on a real room: ana starts the room's call,
// bob, cy and dee open the room and join it from its header; each page ends with a peer connection to each
// of the three others (a mesh), and audio arrives on every one of them. Then they hang up one by one and
// the call ends with the last one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openUser, type User, until } from './harness';
import { MEDIA_FLAGS, type PagePeer, RECORD_PEERS } from './media';
import { openRoom, registerAll } from './rooms-steps';
import { openStage, type Stage } from './stage';

let stage: Stage;
let people: User[];

before(async () => {
  stage = await openStage('group-call', {}, MEDIA_FLAGS);
  people = await Promise.all(
    ['ana', 'bob', 'cy', 'dee'].map((name) => openUser(stage.browser, stage.site, name)),
  );
  for (const user of people) {
    await user.context.addInitScript({ content: RECORD_PEERS });
    await user.page.reload();
  }
  await registerAll(people, stage.running.port);
  const [host, ...guests] = people as [User, ...User[]];
  const room = await host.service.createRoom({ name: 'Band', topic: '', visibility: 'public' });
  assert.ok(room.ok);
  for (const user of guests) assert.ok((await user.service.joinRoom(room.value.id)).ok);
  for (const user of people) await openRoom(user.page, 'Band');
});

after(async () => {
  await Promise.all(people.map((user) => user.close()));
  await stage?.close();
});

/** Audio bytes received on each open peer connection of the page. */
function audioByPeer(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const peers = (globalThis as unknown as { __peers: PagePeer[] }).__peers.filter(
      (pc) => pc.connectionState === 'connected',
    );
    const bytes: number[] = [];
    for (const pc of peers) {
      let received = 0;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') received += Number(s.bytesReceived ?? 0);
      });
      bytes.push(received);
    }
    return bytes;
  });
}

test('four pages in one room call: a connection to each of the three others, audio on every one', async () => {
  const [ana, ...rest] = people as [User, ...User[]];
  await ana.page.getByRole('button', { name: 'Voice call with the room' }).click();
  for (const user of rest) {
    await user.page.getByRole('button', { name: /^Join call/ }).click();
    await user.page.getByRole('region', { name: /Call with Band/ }).waitFor();
  }
  for (const user of people) {
    const first = await until(
      () => audioByPeer(user.page),
      (bytes) => bytes.length === 3 && bytes.every((b) => b > 0),
    );
    assert.equal(first.length, 3, `${user.name} is connected to the three others`);
    const later = await until(
      () => audioByPeer(user.page),
      (bytes) => bytes.length === 3 && bytes.every((b, i) => b > (first[i] ?? 0)),
    );
    assert.ok(
      later.every((b, i) => b > (first[i] ?? 0)),
      `${user.name} hears each of the three`,
    );
  }
  await ana.page
    .getByRole('region', { name: /Call with Band/ })
    .getByRole('status')
    .getByText('4 people')
    .waitFor();
  for (const user of people) {
    await user.page.getByRole('button', { name: 'Hang up' }).click();
    await user.page.getByRole('region', { name: /Call with Band/ }).waitFor({ state: 'detached' });
  }
  const over = await until(
    async () => stage.running.server.callStats(),
    (s) => s.calls === 0 && s.allocations === 0,
  );
  assert.deepEqual([over.calls, over.allocations], [0, 0]);
});

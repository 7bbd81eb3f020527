// Comings and goings without the noise: a crowd arriving is one line, a quick re-login posts nothing and
// does not flicker a friend's dot, and a real departure still shows, after a short grace.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect, type TLSSocket } from 'node:tls';
import { PRESENCE_GRACE_MS } from '../../src-renderer/hooks/presence-grace';
import { openUser, screenshot, type User } from './harness';
import { befriend } from './rooms-steps';
import { openStage, type Stage } from './stage';
import { bubble, connectTo, friendRow, PASSWORD, register, send, waitForChat } from './ui';

let stage: Stage;
let alice: User;
let bob: User;
const guests: TLSSocket[] = [];

before(async () => {
  stage = await openStage('arrivals');
  [alice, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'alice'),
    openUser(stage.browser, stage.site, 'bob'),
  ]);
  await connectTo(alice.page, stage.running.port);
  await register(alice.page, 'alice');
  await waitForChat(alice.page);
  await connectTo(bob.page, stage.running.port);
  await register(bob.page, 'bob');
  await waitForChat(bob.page);
  await befriend(alice, 'alice', bob, 'bob');
  await friendRow(alice.page, 'bob').and(alice.page.locator('[data-presence="online"]')).waitFor();
});

after(async () => {
  for (const socket of guests) socket.destroy();
  await Promise.all([alice?.close(), bob?.close()]);
  await stage?.close();
});

/** A classic terminal guest: a TLS socket that logs in with a nickname and then only listens. */
function guestArrives(nickname: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: stage.running.port, rejectUnauthorized: false }, () => {
      socket.write(`${JSON.stringify({ request: 'login', content: nickname })}\n`);
    });
    guests.push(socket);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      if (chunk.includes('"history"') || chunk.includes('"welcome"')) resolve();
    });
    socket.once('error', reject);
  });
}

test('fourteen people arriving at once are one line, not a screenful', async () => {
  await send(alice.page, 'Party starts now!');
  await bubble(bob.page, 'Party starts now!').waitFor();
  const names = Array.from({ length: 14 }, (_, i) => `guest_${String(i + 1).padStart(2, '0')}`);
  await Promise.all(names.map(guestArrives));
  const line = alice.page.locator('.system-line.crowd', { hasText: 'and 12 others joined' });
  await line.waitFor();
  const crowdLines = await alice.page.locator('.system-line').allTextContents();
  const afterParty = crowdLines.filter((text) => /guest_/.test(text));
  assert.equal(afterParty.length, 1, `one line for the crowd, got ${JSON.stringify(afterParty)}`);
  assert.match(afterParty[0] ?? '', /^guest_\d\d, guest_\d\d and 12 others joined/);
  await screenshot(alice.page, 'arrivals-crowd');
});

test("a quick re-login posts no join/leave and the friend's dot never flips offline", async () => {
  await send(alice.page, 'Before the blip');
  await bubble(alice.page, 'Before the blip').waitFor();
  const linesBefore = await alice.page.locator('.system-line').allTextContents();
  const row = friendRow(alice.page, 'bob');
  const samples: (string | null)[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await row.getAttribute('data-presence'));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  assert.ok((await bob.service.logout()).ok);
  assert.ok((await bob.service.login({ username: 'bob', password: PASSWORD })).ok);
  await waitForChat(bob.page);
  // Watch for longer than the grace, so a late "offline" would have been seen.
  await new Promise((resolve) => setTimeout(resolve, PRESENCE_GRACE_MS + 1000));
  sampling = false;
  await sampler;
  assert.ok(samples.length > 20, `sampled ${samples.length} times`);
  assert.deepEqual([...new Set(samples)], ['online'], 'bob was shown online throughout');
  const linesAfter = await alice.page.locator('.system-line').allTextContents();
  assert.deepEqual(linesAfter, linesBefore, 'the blip posted no join or leave line');
});

test('a real departure shows offline once the grace has passed, and a leave line', async () => {
  const row = friendRow(alice.page, 'bob');
  const left = Date.now();
  await bob.page.getByRole('button', { name: 'Log out' }).click();
  await row
    .and(alice.page.locator('[data-presence="offline"]'))
    .waitFor({ timeout: PRESENCE_GRACE_MS + 10_000 });
  assert.ok(Date.now() - left >= PRESENCE_GRACE_MS - 200, 'offline only after the grace period');
  await alice.page.locator('.system-line.crowd', { hasText: 'bob left' }).waitFor();
  await screenshot(alice.page, 'arrivals-left');
  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bob.errors, []);
});

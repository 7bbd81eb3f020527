// Presence across nodes (docs/cluster.md § Presence). Three node processes behind the round-robin proxy
// (cluster-fixture.ts), six accounts who reconnect by themselves, one who will not, all friends of a watcher
// on a node that stays up. One node is killed with SIGKILL: the watcher never sees its users who come back
// elsewhere go offline (not even for a moment), and sees the one who does not come back go offline once the
// grace period ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../client/support';
import type { HeadlessRoom } from '../crash/headless-room';
import { loginUser, type RawClient, type Received } from '../helpers/raw-client';
import { TestCluster } from './cluster-fixture';
import { postgresMissing } from './postgres';

const missing = postgresMissing();
const GRACE_S = 3;

interface Friend {
  username: string;
  online: boolean;
}

async function friendsOf(client: RawClient): Promise<Friend[]> {
  return ((await client.ask('friends')).content as { friends: Friend[] }).friends;
}

/** Accepts once the request reached the watcher's node (another node's change arrives a moment later). */
async function accept(watcher: RawClient, username: string): Promise<void> {
  await waitFor(
    `${username}'s request on the watcher's node`,
    async () => (await watcher.ask('friend_accept', { username })).response === 'friends',
    10_000,
  );
}

test('SIGKILL of a node: its users reconnect elsewhere with no offline blip; one who does not is offline after the grace period', {
  skip: missing ?? false,
}, async () => {
  const names = ['ash', 'birch', 'cedar', 'dune', 'elm', 'fir'];
  const cluster = await TestCluster.start(names, ['--presence-grace', String(GRACE_S)]);
  try {
    const { chatters, proxy, nodes } = cluster;
    const victim = proxy.live.indexOf(Math.max(...proxy.live));
    const survivor = (victim + 1) % nodes.length;
    const gone = await loginUser((nodes[victim] as HeadlessRoom).port, 'gone');
    const watcher = await loginUser((nodes[survivor] as HeadlessRoom).port, 'watch');
    for (const chatter of chatters) {
      await waitFor(
        `${chatter.username}'s request`,
        async () => (await chatter.connection.friendRequest('watch')).ok,
        10_000,
      );
    }
    await waitFor(
      "gone's request",
      async () => (await gone.ask('friend_request', { username: 'watch' })).response === 'friends',
      10_000,
    );
    for (const name of [...names, 'gone']) await accept(watcher, name);
    await waitFor(
      'every friend online for the watcher',
      async () => (await friendsOf(watcher)).filter((f) => f.online).length === names.length + 1,
      10_000,
    );

    const killedAt = Date.now();
    await (nodes[victim] as HeadlessRoom).kill();
    await waitFor('a client noticed', () => chatters.some((c) => c.drops > 0), 10_000);
    await waitFor('every client back', () => chatters.every((c) => c.connected), 20_000);
    const backAfterMs = Date.now() - killedAt;
    const offline = await watcher.waitFor(
      (r) => r.response === 'presence' && (r.content as Friend).username === 'gone',
      GRACE_S * 1000 + 15_000,
    );
    const goneOfflineAfterMs = Date.now() - killedAt;
    assert.equal((offline.content as Friend).online, false);

    const moved = chatters.filter((c) => c.drops > 0).map((c) => c.username);
    const blips = watcher.all.filter(
      (r: Received) => r.response === 'presence' && names.includes((r.content as Friend).username),
    );
    assert.deepEqual(blips, [], 'no presence change for anyone who reconnected');
    const now = await friendsOf(watcher);
    assert.deepEqual(
      now
        .filter((f) => f.online)
        .map((f) => f.username)
        .sort(),
      [...names].sort(),
      'everyone but gone online',
    );
    console.log(
      `cluster presence figures: ${JSON.stringify({ graceS: GRACE_S, moved: moved.length, backAfterMs, goneOfflineAfterMs, blips: blips.length })}`,
    );
    assert.ok(moved.length > 0, 'the killed node had clients that moved');
    // The node's last heartbeat came at most a second before the kill.
    assert.ok(goneOfflineAfterMs >= (GRACE_S - 1) * 1000, 'not before the grace period');
    await Promise.all([gone.close(), watcher.close()]);
  } finally {
    await cluster.dispose();
  }
});

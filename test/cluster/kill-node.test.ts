// Three Hearth nodes on one PostgreSQL behind a round-robin TCP proxy (cluster-fixture.ts); six accounts
// registered through it land on different nodes and talk in the default room. Then the node with the most
// clients is killed with SIGKILL while they talk. Its clients reconnect alone (the proxy sends them to the
// others), log in again there and resume. Afterwards every send is stored once in the shared log, every
// acked message kept its id, and every client saw every message once, in id order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, waitFor } from '../client/support';
import type { HeadlessRoom } from '../crash/headless-room';
import { TestCluster } from './cluster-fixture';
import { postgresMissing } from './postgres';

const missing = postgresMissing();

test('SIGKILL of one of three nodes under load: its clients resume on the others, nothing acked is lost, nothing doubles', {
  skip: missing ?? false,
}, async () => {
  const cluster = await TestCluster.start(['ash', 'birch', 'cedar', 'dune', 'elm', 'fir']);
  try {
    const { chatters, proxy } = cluster;
    cluster.talk(150);
    await sleep(1500);
    const busiest = proxy.live.indexOf(Math.max(...proxy.live));
    const clientsThere = proxy.live[busiest] as number;
    const ackedBeforeKill = chatters.flatMap((c) => c.sends.filter((s) => s.id !== null)).length;
    const killedAt = Date.now();
    await (cluster.nodes[busiest] as HeadlessRoom).kill();
    for (const chatter of chatters) chatter.markFault();
    await waitFor('a client noticed', () => chatters.some((c) => c.drops > 0), 10_000);
    await waitFor('every client back', () => chatters.every((c) => c.connected), 20_000);
    const allBackAfterMs = Date.now() - killedAt;
    const dropped = chatters.filter((c) => c.drops > 0).length;
    await sleep(1500);
    cluster.quiet();
    const figures = await cluster.check();
    console.log(
      `cluster kill figures: ${JSON.stringify({ clientsOnKilledNode: clientsThere, dropped, ackedBeforeKill, allBackAfterMs, ...figures })}`,
    );
    assert.ok(clientsThere > 0 && dropped >= clientsThere, 'every client of the killed node reconnected');
  } finally {
    await cluster.dispose();
  }
});

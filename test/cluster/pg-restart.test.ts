// PostgreSQL restarted under load: three nodes lose the shared log for a moment while six accounts talk.
// Sends committed meanwhile fail (server_error) and the clients send them again with the same cids; the
// nodes reconnect alone (the pool on its next query, the NOTIFY listener by itself, the head poll reads
// what was missed). Afterwards nothing acked is lost, nothing is stored twice, everyone saw everything once,
// in id order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep } from '../client/support';
import { TestCluster } from './cluster-fixture';
import { postgresMissing } from './postgres';

const missing = postgresMissing();

test('PostgreSQL restarted under load: nodes reconnect, nothing acked is lost, nothing doubles', {
  skip: missing ?? false,
}, async () => {
  const cluster = await TestCluster.start(['ash', 'birch', 'cedar', 'dune', 'elm', 'fir']);
  try {
    cluster.talk(150);
    await sleep(1500);
    const acked = () => cluster.chatters.flatMap((c) => c.sends.filter((s) => s.id !== null)).length;
    const before = acked();
    const stoppedAt = Date.now();
    await cluster.pg.restart();
    for (const chatter of cluster.chatters) chatter.markFault();
    const restartedAt = Date.now();
    const restartMs = restartedAt - stoppedAt;
    while (acked() === before) await sleep(20);
    const firstAckAfterMs = Date.now() - restartedAt;
    await sleep(1500);
    cluster.quiet();
    const figures = await cluster.check();
    console.log(`cluster pg-restart figures: ${JSON.stringify({ ...figures, restartMs, firstAckAfterMs })}`);
    assert.ok(figures.sent > before);
  } finally {
    await cluster.dispose();
  }
});

// A flooder sends requests as fast as it can, reconnecting each time it is thrown out, while honest users chat.
// Measured: how many requests get through before rate_limited, how many rate_limited before the disconnect,
// and the honest users' message latency with and without the flood. Server limits are the defaults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginGuest } from '../helpers/raw-client';
import { startServer } from '../helpers/server';
import { percentile, printFigures, round, sleep } from './figures';
import { honestLatencies } from './honest-traffic';

const SENDERS = 3;

/**
 * One flooder connection: log in, write 1000 requests at once, count the rate_limited answers until it is
 * closed. (Its accepted messages reach the room, but their acks do not reach it: it is disconnected in the same
 * turn, before the group commit acks; so they are counted at a listener.)
 */
async function floodOnce(port: number, k: number): Promise<number> {
  const c = await loginGuest(port, `flooder${k}`);
  const frames = Array.from(
    { length: 1000 },
    (_, i) =>
      `${JSON.stringify({ request: 'msg', content: { text: `spam ${k}.${i}`, cid: `f${k}.${i}` } })}\n`,
  );
  c.socket.write(frames.join(''));
  await c.closed;
  return c.all.filter((r) => r.code === 'rate_limited').length;
}

test('flood: the flooder is limited then disconnected; other users keep their latency', async () => {
  const t = await startServer();
  try {
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, (_, i) => loginGuest(t.port, `honest${i}`)),
    );
    const reader = await loginGuest(t.port, 'reader');
    const { latencies: quiet } = await honestLatencies(senders, reader);

    const rateLimited: number[] = [];
    let flooding = true;
    const flooder = (async () => {
      for (let k = 0; flooding; k++) rateLimited.push(await floodOnce(t.port, k));
    })();
    const { sent, latencies: flooded } = await honestLatencies(senders, reader);
    flooding = false;
    await flooder;
    // The last cycle's messages may still be on their way to the listener.
    await sleep(200);
    const accepted = new Array<number>(rateLimited.length).fill(0);
    for (const r of senders[0]?.all ?? []) {
      const spam = /^spam (\d+)\./.exec(String(r.content));
      if (r.response === 'message' && spam) {
        const k = Number(spam[1]);
        accepted[k] = (accepted[k] ?? 0) + 1;
      }
    }
    for (const c of [...senders, reader]) c.destroy();

    const figures = {
      floodCycles: rateLimited.length,
      requestsPerCycle: 1000,
      acceptedBeforeRateLimited: [...new Set(accepted)],
      rateLimitedBeforeDisconnect: [...new Set(rateLimited)],
      honestMessages: { quiet: quiet.length, flooded: flooded.length },
      latencyQuietMs: { p50: round(percentile(quiet, 50)), p99: round(percentile(quiet, 99)) },
      latencyFloodedMs: { p50: round(percentile(flooded, 50)), p99: round(percentile(flooded, 99)) },
    };
    printFigures('flood (defaults: 20/s, burst 60, 20 rejected in a row)', figures);
    assert.ok(rateLimited.length >= 3, 'the flooder came back several times');
    for (const [k, limited] of rateLimited.entries()) {
      const through = accepted[k] ?? 0;
      assert.ok(through >= 59 && through <= 62, `the burst of 60, less the login, got through (${through})`);
      // 20 rate_limited, then the 21st says disconnected; tokens refilled between TCP reads add a few (a
      // loaded CI run, reading the flood slowly, saw 38 in one cycle: still a bound, not a leak).
      assert.ok(limited >= 21 && limited <= 60, `rate_limited answers before the disconnect (${limited})`);
    }
    assert.equal(flooded.length, sent, 'every honest message arrived during the flood, in time');
    assert.ok(
      figures.latencyFloodedMs.p99 < 250,
      `honest p99 stays low (${figures.latencyFloodedMs.p99} ms)`,
    );
  } finally {
    await t.dispose();
  }
});

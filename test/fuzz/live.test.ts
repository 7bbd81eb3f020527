// A shorter live fuzz run in CI (the long one is `npm run fuzz -- --frames 1000000`, see docs/fuzzing.md):
// the real server in its own process, hostile connections, two honest clients chatting alongside.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../../fuzz/format-report';
import { DEFAULT_LIVE_FUZZ, runLiveFuzz } from '../../fuzz/run-live-fuzz';

const FRAMES = 20_000;

test(`live fuzz: ${FRAMES} random and mutated frames; the server stays up, bounded, and loses nothing`, {
  timeout: 180_000,
}, async (t) => {
  const report = await runLiveFuzz({ ...DEFAULT_LIVE_FUZZ, frames: FRAMES });
  t.diagnostic(formatReport(report));

  assert.deepEqual(report.problems, [], formatReport(report));
  assert.equal(report.serverCrashes, 0);
  assert.ok(report.stillAccepting);
  assert.ok(report.frames >= FRAMES);
  for (const h of report.honest) {
    assert.ok(h.sent > 0 && h.acked === h.sent, `${h.username}: ${h.acked} of ${h.sent} acked`);
    assert.equal(h.peerReceivedOnce, h.peerSent, `${h.username} did not get every peer message exactly once`);
  }
  // The run must have reached the server's defences, not just bounced off the first one.
  const { tally } = report;
  assert.ok(tally.framesDispatched > FRAMES / 2, `only ${tally.framesDispatched} frames reached dispatch`);
  for (const code of ['malformed', 'invalid', 'unknown_request', 'frame_too_large', 'rate_limited']) {
    assert.ok((tally.errorsByCode.get(code) ?? 0) > 0, `no "${code}" error was provoked`);
  }
  for (const kind of ['ack', 'message', 'login', 'history']) {
    assert.ok((tally.responsesByType.get(kind) ?? 0) > 0, `no "${kind}" answer to a fuzz connection`);
  }
});

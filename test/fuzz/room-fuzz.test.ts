// A shorter room → client fuzz run in CI (the long one is `npx tsx fuzz/room-fuzz.ts --frames 1000000`, see
// docs/fuzzing.md): the real client core against a room pouring valid, mutated, truncated and random frames.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ROOM_FUZZ, runRoomFuzz } from '../../fuzz/run-room-fuzz';

const FRAMES = 20_000;

test(`room fuzz: ${FRAMES} hostile frames; the client never throws, delivers in order, stays bounded`, {
  timeout: 180_000,
}, async (t) => {
  const report = await runRoomFuzz({ ...DEFAULT_ROOM_FUZZ, frames: FRAMES, seed: 3 });
  t.diagnostic(JSON.stringify({ ...report, rss: report.rss }));
  assert.deepEqual(report.problems, []);
  assert.equal(report.uncaught, 0);
  assert.ok(report.frames >= FRAMES);
  // The run must have got through the schemas, not only bounced off them. (Delivered messages can be few: a
  // valid push with a huge id moves the watermark, and every smaller id after it is, rightly, old news.)
  assert.ok(report.accepted > FRAMES / 20, `only ${report.accepted} frames reached the user`);
});

// A seconds-long run of the start-up scenario (`npm run bench -- --only=startup --quick`) so it cannot rot
// unnoticed: no thresholds, but every subject started, was timed and was stopped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runStartup, startupTable } from '../../bench/startup';

test('the quick start-up scenario times every way of starting a room, and its peers', {
  timeout: 180_000,
}, async () => {
  const result = await runStartup({ runs: 1, tsx: false, nice: 0 }, () => {});
  const names = result.subjects.map((s) => s.name);
  for (const name of [
    'bare Node (net.listen)',
    'app room process',
    'npm run server',
    'node scripts/server.mjs',
  ])
    assert.ok(names.includes(name), `${name} was measured (${names.join(', ')})`);
  for (const subject of result.subjects) {
    const starts = subject.first ? [subject.first, subject.later] : [subject.later];
    for (const timing of starts) {
      assert.equal(timing.wallMs.length, 1, `${subject.name}: one timed start`);
      assert.ok((timing.wallMs[0] as number) > 0, `${subject.name}: a positive time`);
      assert.equal(timing.cpuMs.length, 1);
    }
  }
  const room = result.subjects.find((s) => s.name === 'app room process');
  assert.ok(room?.first && (room.first.cpuMs[0] as number) > 0, 'the room process CPU was read from /proc');
  assert.match(startupTable(result), /\| app room process \| \d+ ms/);
});

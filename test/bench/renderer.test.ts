// A seconds-long run of the renderer scenario (`npm run bench -- --only=renderer --quick`) so it cannot rot
// unnoticed: no thresholds, but the room opened, every scroll was measured and the memory was read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rendererReport, runRenderer } from '../../bench/renderer-room';

test('the quick renderer scenario opens a seeded room, scrolls all of it back and reads the memory', {
  timeout: 240_000,
}, async () => {
  const result = await runRenderer({ messages: 1500, opens: 1, scrollMs: 300 }, () => {});
  assert.equal(result.coldOpenMs.length, 1);
  assert.equal(result.warmOpenMs.length, 1);
  for (const ms of [...result.coldOpenMs, ...result.warmOpenMs]) assert.ok(ms > 0, `an open took ${ms} ms`);
  for (const [name, frames] of Object.entries({
    upWhileLoading: result.upWhileLoading,
    toTheTop: result.toTheTop,
    downAllLoaded: result.downAllLoaded,
    jumpsAllLoaded: result.jumpsAllLoaded,
  })) {
    assert.ok(
      frames.frames > 0 && frames.p50 > 0 && frames.p50 <= frames.p95,
      `${name}: ${JSON.stringify(frames)}`,
    );
  }
  assert.ok(result.memory.rendererRssMiB > 0, 'the renderer process was found under this one');
  assert.ok(result.memory.jsHeapUsedMiB > 0);
  // Virtualised: the rows in the DOM are a screenful and some overscan, not the 1,500 loaded.
  assert.ok(result.memory.rowsInDom > 0 && result.memory.rowsInDom < 100, `${result.memory.rowsInDom} rows`);
  assert.match(rendererReport(result), /\| open the room, cold/);
});

// The search scenario of the benchmark in its quick form (5,000 messages), so its harness cannot rot: no
// thresholds, but every figure must be one a working search produces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBench } from '../../bench/bench';
import { parseOptions } from '../../bench/options';
import { markdown } from '../../bench/report';

test('the quick search scenario seeds, searches and reports', { timeout: 90_000 }, async () => {
  const options = parseOptions(['--quick', '--servers=hearth', '--only=search']);
  const results = await runBench(options, () => {});
  const search = results.search;
  assert.ok(search, `search ran (${results.notes.join('; ')})`);
  assert.equal(search.messages, 5_000);
  const byLabel = new Map(search.queries.map((q) => [q.label, q]));
  assert.equal(byLabel.get('the most common word')?.results, 20, 'a full page for the common word');
  assert.equal(byLabel.get('no match')?.results, 0);
  assert.ok(search.queries.every((q) => q.store.samples > 0 && q.store.p50Ms > 0));
  assert.ok(search.request.samples > 0 && search.request.p50Ms > 0);
  assert.match(markdown(results), /search over 5,000 messages: < 50 ms for word queries/);
});

// A seconds-long run of the benchmark (`npm run bench -- --quick`) so the harness cannot rot unnoticed:
// no performance thresholds, but every figure must be one a working harness produces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBench } from '../../bench/bench';
import type { Measurement } from '../../bench/generator';
import { parseOptions } from '../../bench/options';
import { markdown } from '../../bench/report';
import { ngircdVersion } from '../../bench/servers/ngircd';

function assertSane(m: Measurement | undefined, receivers: number): void {
  assert.ok(m, 'the scenario produced a measurement');
  assert.equal(m.receivers, receivers);
  assert.ok(m.sent > 0, 'senders sent');
  assert.equal(m.expected, m.sent * (receivers - 1), 'every message is expected by every other client');
  assert.equal(m.received, m.expected, 'nothing lost at trivial load');
  assert.equal(m.closed, 0);
  assert.equal(m.errors, 0, `no error responses (${m.firstError})`);
  assert.equal(m.latency.count, m.received, 'one latency sample per delivery');
  const p50 = m.latency.quantile(0.5);
  const p99 = m.latency.quantile(0.99);
  assert.ok(
    p50 > 0 && p50 <= p99 && p99 <= m.latency.max,
    `ordered percentiles: ${p50} ${p99} ${m.latency.max}`,
  );
  assert.ok(m.latency.max < 10_000_000, 'no latency above 10 s');
  assert.ok(m.serverCpuUs > 0 && m.serverRssKiB > 0, 'server CPU and memory were read from /proc');
  assert.ok(m.generatorCores > 0, 'the generator measured its own CPU');
}

test('the quick benchmark measures Hearth (and ngIRCd when installed) with sane figures', {
  timeout: 90_000,
}, async () => {
  const servers = ngircdVersion() ? 'hearth,ngircd' : 'hearth';
  const options = parseOptions([
    '--quick',
    `--servers=${servers}`,
    '--only=light,saturation,idle,history',
    '--idle=60',
  ]);
  assert.equal(options.writeDoc, false, 'a quick run never rewrites docs/performance.md');
  const results = await runBench(options, () => {});

  for (const name of options.servers) {
    assertSane(results.light[name], 50);
    const saturation = results.saturation[name];
    assert.ok(saturation && saturation.steps.length > 0, `${name} saturation ran`);
    assert.ok(saturation.steps.every((s) => s.receivers === 200 && s.sent > 0 && s.received > 0));
    assert.equal(saturation.steps[0]?.lost, 0, `${name}: nothing lost at the gentlest saturation step`);
    const idle = results.idle[name];
    assert.ok(idle, `${name} idle ran`);
    assert.equal(idle.connected, 60);
    assert.equal(idle.dropped, 0);
    assert.ok(Number.isFinite(idle.stages.at(-1)?.perConnectionKiB));
  }

  const history = results.history;
  assert.ok(history, 'history ran');
  assert.equal(history.messages, 5_000);
  assert.ok(history.storeLatest50.samples > 0 && history.storeLatest50.p50Ms > 0);
  assert.ok(history.requestLatest50.p50Ms > 0 && history.login.p50Ms > 0);

  const doc = markdown(results);
  assert.match(doc, /\| 50 clients, 100 msg\/s in: latency/);
  assert.match(doc, /\| target \| Hearth measured \| met \|/);
});

// The files scenario of the benchmark in its quick form (16 MiB rounds, a 64 MiB upload under chat), so its
// harness cannot rot: no thresholds, but every figure must be one a working transfer produces: both servers
// on the same cipher, every round timed, the Hearth room's downloads as long as its uploads, and every chat
// message delivered with a latency.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBench } from '../../bench/bench';
import { parseOptions } from '../../bench/options';
import { markdown } from '../../bench/report';
import type { Rate } from '../../bench/scenarios/files';

test('the quick files scenario uploads, downloads, times chat and reports', {
  timeout: 180_000,
}, async () => {
  const options = parseOptions(['--quick', '--servers=hearth', '--only=files']);
  const results = await runBench(options, () => {});
  const files = results.files;
  assert.ok(files, `files ran (${results.notes.join('; ')})`);
  assert.match(files.cipher.hearth, /^TLSv1\.3 /);
  assert.equal(files.cipher.hearth, files.cipher.ceiling, 'the room and the plain copy agree on one cipher');
  for (const way of ['upload', 'download'] as const)
    for (const server of ['hearth', 'ceiling'] as const) {
      const rate: Rate = files[way][server];
      assert.equal(rate.mibPerS.length, files.plan.rounds, `${way} ${server}: one figure per round`);
      assert.ok(
        rate.mibPerS.every((x) => Number.isFinite(x) && x > 0),
        `${way} ${server}: ${rate.mibPerS}`,
      );
      assert.ok(rate.serverCpuMsPerMiB > 0, `${way} ${server}: the server's CPU was read from /proc`);
    }
  const chat = files.chat;
  assert.equal(chat.lost, 0, 'every room message arrived during the upload');
  assert.ok(chat.idle.samples > 0 && chat.duringUpload.samples > 0, 'chat ran in both phases');
  assert.ok(chat.duringUpload.p50Ms > 0 && chat.duringUpload.p50Ms <= chat.duringUpload.p99Ms);
  assert.ok(chat.uploadMiBPerS > 0, 'the big upload finished');
  const doc = markdown(results);
  assert.match(doc, /files: upload throughput ≥ 70 % of a plain TLS copy/);
  assert.match(doc, /files: room messages' p99 < 50 ms during a 64 MiB upload/);
});

// The small rules under the client core: reconnect delays, and which message ids count as new.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src-main/client/backoff';
import { describeConnectError } from '../../src-main/client/network-errors';
import { Outbox } from '../../src-main/client/outbox';
import { SeenMessages } from '../../src-main/client/seen-messages';

test('backoff grows exponentially up to the cap, with jitter only ever shortening the wait', () => {
  const options = { initialMs: 100, maxMs: 5_000, factor: 2, jitter: 0.5 };
  const noJitter = () => 0;
  assert.deepEqual(
    [0, 1, 2, 3, 6, 30].map((attempt) => backoffDelay(attempt, options, noJitter)),
    [100, 200, 400, 800, 5_000, 5_000],
  );
  fc.assert(
    fc.property(fc.nat(60), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, r) => {
      const delay = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
      const base = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.initialMs * 2 ** attempt);
      return delay <= base && delay >= Math.floor(base * (1 - DEFAULT_BACKOFF.jitter));
    }),
  );
});

test('streamed ids move the watermark; replays and older ids are not new', () => {
  const seen = new SeenMessages(10);
  assert.deepEqual(
    [9, 10, 11, 11, 12, 5, 13].map((id) => seen.acceptStreamed(id)),
    [false, false, true, false, true, false, true],
  );
  assert.equal(seen.since, 13);
});

test('an acked own message is shown once, whether or not the stream brings it again', () => {
  const seen = new SeenMessages(0);
  assert.equal(seen.acceptStreamed(1), true);
  assert.equal(seen.acceptAcked(3), true, 'our ack arrives');
  assert.equal(seen.since, 1, 'an ack does not move the watermark: 2 may still be on its way');
  assert.equal(seen.acceptStreamed(2), true);
  assert.equal(seen.acceptStreamed(3), false, 'resume brings our own message again: not new');
  assert.equal(seen.since, 3);
  assert.equal(seen.acceptAcked(3), false, 'a duplicate ack is not new either');
});

test('whatever mix of replays arrives, each id is new exactly once', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }), (arrivals) => {
      // The server sends in id order; a resume after a drop replays from an earlier point.
      const ordered = [...arrivals].sort((a, b) => a - b);
      const replayed = [...ordered.slice(0, ordered.length / 2), ...ordered];
      const seen = new SeenMessages(0);
      const shown = replayed.filter((id) => seen.acceptStreamed(id));
      assert.deepEqual(shown, [...new Set(ordered)]);
    }),
  );
});

test('the outbox keeps sends in order and settles each once', async () => {
  const outbox = new Outbox<string>();
  const message = (cid: string) => ({ cid, text: cid, to: 'room', createdAt: '' });
  const a = outbox.add(message('a'));
  const b = outbox.add(message('b'));
  assert.throws(() => outbox.add(message('a')), /duplicate client id/);
  assert.deepEqual(
    outbox.pending().map((m) => m.cid),
    ['a', 'b'],
  );
  assert.equal(outbox.settle('b', 'acked b'), true);
  assert.equal(outbox.settle('b', 'again'), false);
  outbox.settleAll('given up');
  assert.deepEqual(await Promise.all([a, b]), ['given up', 'acked b']);
  assert.equal(outbox.size, 0);
});

test('connection failures read as sentences naming the address', () => {
  assert.equal(
    describeConnectError('10.0.0.5', 5555, Object.assign(new Error('x'), { code: 'ECONNREFUSED' })),
    'Could not reach 10.0.0.5:5555 (connection refused — is a Hearth room running there?)',
  );
  assert.match(
    describeConnectError('::1', 80, { code: 'ETIMEDOUT' }),
    /^Could not reach \[::1\]:80 \(timed out/,
  );
  assert.match(describeConnectError('nowhere.invalid', 1, { code: 'ENOTFOUND' }), /no such host name/);
});

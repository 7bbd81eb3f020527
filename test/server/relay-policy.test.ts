// The relay's address rules (src-main/server/calls/relay-policy.ts) on their own: which addresses are never a
// peer, how a candidate line is read, and the bandwidth bucket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { candidateEndpoint, isSpecialAddress, TokenBucket } from '../../src-main/server/calls/relay-policy';

test('loopback, private, link-local, CGNAT, multicast and unique-local addresses are special', () => {
  for (const ip of [
    '127.0.0.1',
    '127.9.9.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.1.1',
    '100.64.0.1',
    '224.0.0.251',
    '255.255.255.255',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not an address',
  ]) {
    assert.equal(isSpecialAddress(ip), true, ip);
  }
  for (const ip of ['203.0.113.9', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:db8::1', '::ffff:8.8.8.8']) {
    assert.equal(isSpecialAddress(ip), false, ip);
  }
});

test('a candidate line gives its address and port; a hostname (mDNS) or a bad port gives none', () => {
  assert.equal(
    candidateEndpoint('candidate:1 1 udp 2122260223 203.0.113.9 40000 typ host'),
    '203.0.113.9|40000',
  );
  assert.equal(candidateEndpoint('a=candidate:1 1 udp 2122260223 2001:DB8::1 5 typ srflx'), '2001:db8::1|5');
  assert.equal(candidateEndpoint('candidate:1 1 udp 2122260223 3f1c.local 40000 typ host'), null);
  assert.equal(candidateEndpoint('candidate:1 1 udp 2122260223 203.0.113.9 70000 typ host'), null);
  assert.equal(candidateEndpoint(''), null);
});

test('the bucket lets a second of bytes through, then refills with time', () => {
  const bucket = new TokenBucket(1000, 0);
  assert.equal(bucket.take(800, 0), true);
  assert.equal(bucket.take(300, 0), false, 'past the burst');
  assert.equal(bucket.take(300, 200), true, '200 ms later, 200 more bytes are there');
  assert.equal(bucket.take(5000, 10_000), false, 'never more than one second at once');
});

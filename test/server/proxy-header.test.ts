// The PROXY header parser (proxy-header.ts) on the forms the balancer test does not send: v1 over IPv6 and
// UNKNOWN, v2 LOCAL and its TLVs, headers cut short, and what is no header at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProxyHeader } from '../../src-main/server/proxy-header';
import { proxyHeader } from '../cluster/round-robin-proxy';

test('v1 and v2 headers name the source; LOCAL and UNKNOWN name none; short ones wait; others are absent or invalid', () => {
  const v1six = Buffer.from('PROXY TCP6 2001:db8::1 ::1 5000 5555\r\n{"request":"ping"}');
  assert.deepEqual(parseProxyHeader(v1six), {
    kind: 'proxied',
    length: 38,
    source: { address: '2001:db8::1', port: 5000 },
  });
  assert.deepEqual(parseProxyHeader(Buffer.from('PROXY UNKNOWN\r\n')), {
    kind: 'proxied',
    length: 15,
    source: null,
  });
  assert.deepEqual(parseProxyHeader(Buffer.from('PROXY TCP4 10.0.0.1')), { kind: 'incomplete' });
  assert.deepEqual(parseProxyHeader(Buffer.from('PRO')), { kind: 'incomplete' });
  assert.equal(parseProxyHeader(Buffer.from(`PROXY ${'x'.repeat(120)}`)).kind, 'invalid');
  assert.equal(parseProxyHeader(Buffer.from('PROXY TCP4 10.0.0.1 10.0.0.2 70000 1\r\n')).kind, 'invalid');
  assert.equal(parseProxyHeader(Buffer.from('PROXY TCP4 ::1 10.0.0.2 1 1\r\n')).kind, 'invalid');
  assert.deepEqual(parseProxyHeader(Buffer.from([0x16, 0x03, 0x01])), { kind: 'absent' });
  assert.deepEqual(parseProxyHeader(Buffer.from('{"request"')), { kind: 'absent' });

  const v2 = proxyHeader(2, { address: 'fe80::1:0:0:2', port: 443 }, 5555);
  assert.deepEqual(parseProxyHeader(v2), {
    kind: 'proxied',
    length: 52,
    source: { address: 'fe80::1:0:0:2', port: 443 },
  });
  assert.deepEqual(parseProxyHeader(v2.subarray(0, 20)), { kind: 'incomplete' });
  // A TLV after the addresses is skipped; LOCAL (the balancer's health check) names nobody.
  const withTlv = Buffer.concat([
    proxyHeader(2, { address: '192.0.2.1', port: 7 }, 5555),
    Buffer.from([1, 0, 1, 0x68]),
  ]);
  withTlv.writeUInt16BE(12 + 4, 14);
  assert.deepEqual(parseProxyHeader(withTlv), {
    kind: 'proxied',
    length: 32,
    source: { address: '192.0.2.1', port: 7 },
  });
  const local = Buffer.from(withTlv);
  local[12] = 0x20;
  assert.deepEqual(parseProxyHeader(local), { kind: 'proxied', length: 32, source: null });
  const badVersion = Buffer.from(withTlv);
  badVersion[12] = 0x11;
  assert.equal(parseProxyHeader(badVersion).kind, 'invalid');
  const huge = Buffer.from(withTlv);
  huge.writeUInt16BE(4000, 14);
  assert.equal(parseProxyHeader(huge).kind, 'invalid');
});

// Invite links: what a well-formed link yields, the sentence each kind of bad link gets, and properties
// over generated invites (format → parse is the identity) and over arbitrary text (never a throw, never a
// result that names anything but a host, a port, a fingerprint and a plain name).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  formatInvite,
  type Invite,
  isHostname,
  isIpv4,
  isIpv6,
  isUnsafeNameChar,
  MAX_ROOM_NAME_CHARS,
  parseInvite,
} from '../../src-shared/invite';

const FP = Array.from({ length: 32 }, (_, i) =>
  (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0'),
).join(':');

function parsed(link: string): Invite {
  const result = parseInvite(link);
  assert.ok(result.ok, `expected ${link} to parse, got: ${result.ok ? '' : result.error}`);
  return result.value;
}

function refused(link: string, pattern: RegExp): void {
  const result = parseInvite(link);
  assert.equal(result.ok, false, `expected ${link} to be refused`);
  if (!result.ok) assert.match(result.error, pattern);
}

test('a full link gives host, port, pinned fingerprint and the room name as text', () => {
  assert.deepEqual(parsed(`hearth://192.168.1.20:5555?fp=${FP}&name=Anna%27s%20room`), {
    host: '192.168.1.20',
    port: 5555,
    fingerprint: FP,
    name: "Anna's room",
  });
  assert.deepEqual(parsed(`  HEARTH://Chat.Example.org:443/?name=Hi+there&fp=${FP.toLowerCase()}\n`), {
    host: 'chat.example.org',
    port: 443,
    fingerprint: FP,
    name: 'Hi there',
  });
  assert.deepEqual(parsed('hearth://[2001:DB8::1]:5555'), {
    host: '2001:db8::1',
    port: 5555,
    fingerprint: null,
    name: null,
  });
  assert.equal(parsed('hearth://[::ffff:192.0.2.1]:1').host, '::ffff:192.0.2.1');
});

test('markup in a room name stays text: it is returned as the characters it is', () => {
  assert.equal(
    parsed('hearth://a.lan:1?name=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E').name,
    '<img src=x onerror=alert(1)>',
  );
});

test('bad links are refused with a sentence that says what is wrong', () => {
  refused('', /Paste an invite link/);
  refused('https://example.org:5555', /start with hearth:\/\//);
  refused('file:///etc/passwd', /start with hearth:\/\//);
  refused('javascript:alert(1)', /start with hearth:\/\//);
  refused('hearth://example.org', /no port/);
  refused('hearth://example.org:0', /1 to 65535/);
  refused('hearth://example.org:65536', /1 to 65535/);
  refused('hearth://example.org:05555', /1 to 65535/);
  refused('hearth://example.org:55a', /1 to 65535/);
  refused('hearth://user:pw@example.org:5555', /user name or password/);
  refused('hearth://example.org@evil.example:5555', /user name or password/);
  refused('hearth://example.org:5555/../../etc/passwd', /no path/);
  refused('hearth://example.org:5555/x', /no path/);
  refused('hearth://example.org:5555#frag', /"#"/);
  refused('hearth://exa mple.org:5555', /spaces/);
  refused('hearth://example.org\\@evil:5555', /backslashes/);
  refused('hearth://:5555', /no server address/);
  refused('hearth://2001:db8::1:5555', /in brackets/);
  refused('hearth://[2001:db8::1:5555', /closing bracket/);
  refused('hearth://[2001:db8::zz]:5555', /not a valid IPv6/);
  refused('hearth://[fe80::1%25eth0]:5555', /not a valid IPv6/);
  refused('hearth://256.1.1.1:5555', /valid server/);
  refused('hearth://0x7f.1:5555', /valid server/);
  refused('hearth://2130706433:5555', /valid server/);
  refused('hearth://-bad-.org:5555', /valid server/);
  refused('hearth://ex_ample.org:5555', /valid server/);
  refused('hearth://%65xample.org:5555', /valid server/);
  refused('hearth://example.org:5555?fp=AB:CD', /not a SHA-256 fingerprint/);
  refused(`hearth://example.org:5555?fp=${FP.replaceAll(':', '')}`, /not a SHA-256 fingerprint/);
  refused(`hearth://example.org:5555?fp=${FP}&fp=${FP}`, /twice/);
  refused('hearth://example.org:5555?file=/etc/passwd', /unknown part "file"/);
  refused('hearth://example.org:5555?name=a&exec=calc', /unknown part "exec"/);
  refused('hearth://example.org:5555?name=%E0%A4%A', /garbled/);
  refused('hearth://example.org:5555?name=', /name .* is empty/);
  refused(`hearth://example.org:5555?name=${'x'.repeat(MAX_ROOM_NAME_CHARS + 1)}`, /longer than 64/);
  refused('hearth://example.org:5555?name=a%0Ab', /control characters/);
  refused('hearth://example.org:5555?name=abc%E2%80%AEgpj.exe', /control characters/);
  refused(`hearth://example.org:5555?name=${'a'.repeat(2000)}`, /too long/);
});

test('address checks: IPv4 without leading zeros, IPv6 group counts, host name labels', () => {
  assert.ok(isIpv4('10.0.0.1'));
  assert.ok(!isIpv4('10.0.0.01'));
  assert.ok(!isIpv4('10.0.0'));
  assert.ok(isIpv6('::'));
  assert.ok(isIpv6('::1'));
  assert.ok(isIpv6('1:2:3:4:5:6:7:8'));
  assert.ok(!isIpv6('1:2:3:4:5:6:7:8:9'));
  assert.ok(!isIpv6('1::2::3'));
  assert.ok(!isIpv6('1:2:3:4:5:6:7'));
  assert.ok(isIpv6('1:2:3:4:5:6:1.2.3.4'));
  assert.ok(isHostname('my-pc.local'));
  assert.ok(!isHostname(`${'a'.repeat(64)}.org`));
  assert.ok(!isHostname('a..b'));
});

const label = fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const hostArb = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
  fc.ipV4(),
  fc.ipV6().map((ip) => ip.toLowerCase()),
);
const fingerprintArb = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 32, maxLength: 32 })
  .map((bytes) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':'));
const nameArb = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: MAX_ROOM_NAME_CHARS })
  .map((s) =>
    [...s]
      .map((c) => (isUnsafeNameChar(c) ? 'x' : c))
      .join('')
      .trim(),
  )
  .filter((s) => s !== '' && [...s].length <= MAX_ROOM_NAME_CHARS);
const inviteArb = fc.record({
  host: hostArb,
  port: fc.integer({ min: 1, max: 65535 }),
  fingerprint: fc.option(fingerprintArb, { nil: null }),
  name: fc.option(nameArb, { nil: null }),
});

test('property: every invite formats to a link that parses back to the same invite', () => {
  fc.assert(
    fc.property(inviteArb, (invite) => {
      assert.deepEqual(parsed(formatInvite(invite)), { ...invite });
    }),
    { numRuns: 2000 },
  );
});

test('property: any text gives a clean answer, and an accepted link names only a safe host, port, fp, name', () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `hearth://${s}`),
    fc
      .tuple(hostArb, fc.string({ maxLength: 8 }), fc.string({ maxLength: 60 }))
      .map(([h, p, q]) => `hearth://${h.includes(':') ? `[${h}]` : h}:${p}?${q}`),
  );
  fc.assert(
    fc.property(hostile, (text) => {
      const result = parseInvite(text);
      if (!result.ok) {
        assert.equal(typeof result.error, 'string');
        assert.ok(result.error.endsWith('.'), result.error);
        return;
      }
      const { host, port, fingerprint, name } = result.value;
      assert.ok(isIpv4(host) || isIpv6(host) || isHostname(host), host);
      assert.ok(Number.isInteger(port) && port >= 1 && port <= 65535);
      assert.ok(fingerprint === null || /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/.test(fingerprint));
      assert.ok(
        name === null || ([...name].length <= MAX_ROOM_NAME_CHARS && ![...name].some(isUnsafeNameChar)),
      );
    }),
    { numRuns: 1000 },
  );
});

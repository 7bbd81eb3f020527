// The one rule for links leaving the app (src-shared/external-url.ts), which both the service and the
// Electron shell apply: web pages only, no disguised targets, bounded length, and the reason when refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAllowedExternalUrl as shellAllows } from '../../src-main/electron/security';
import { checkExternalUrl, MAX_EXTERNAL_URL_CHARS } from '../../src-shared/external-url';

function refusal(url: unknown): string {
  const result = checkExternalUrl(url);
  assert.equal(result.ok, false, `expected ${String(url)} to be refused`);
  if (result.ok) return '';
  assert.equal(result.code, 'invalid');
  assert.equal(shellAllows(url), false, 'the shell refuses what the service refuses');
  return result.error;
}

test('http and https pages pass, normalised to what the browser will open', () => {
  for (const [url, opened] of [
    ['https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['http://192.168.1.20:8080/', 'http://192.168.1.20:8080/'],
    ['HTTPS://Example.COM', 'https://example.com/'],
    ['https://xn--hearth-9ua.example/', 'https://xn--hearth-9ua.example/'],
  ]) {
    assert.deepEqual(checkExternalUrl(url), { ok: true, value: opened }, url);
    assert.equal(shellAllows(url), true, url);
  }
});

test('other schemes are refused as such; text that is no link says so', () => {
  const scripts = ['javascript:void(0)', 'data:text/html,<script>alert(1)</script>'];
  const files = ['file:///etc/passwd', 'ftp://example.com/file', 'search-ms:query=x'];
  for (const url of [...scripts, ...files, 'hearth://192.168.1.20:5555']) {
    assert.equal(refusal(url), 'Only http and https links can be opened.', url);
  }
  for (const url of ['not a url', '', 'https://', 42, null, { href: 'https://example.com/' }]) {
    assert.equal(refusal(url), 'That is not a valid link.', String(url));
  }
});

test('credentials in the link and overlong links are refused as unsafe, before and after normalising', () => {
  const unsafe = 'That link looks unsafe, so it was not opened.';
  assert.equal(refusal('https://bank.example@evil.example/'), unsafe);
  assert.equal(refusal('https://user:pass@example.com/'), unsafe);
  const base = 'https://example.com/';
  const longest = `${base}${'a'.repeat(MAX_EXTERNAL_URL_CHARS - base.length)}`;
  assert.equal(checkExternalUrl(longest).ok, true, 'exactly at the limit');
  assert.equal(refusal(`${longest}a`), unsafe, 'one over the limit');
  // Short as typed, long once every space is percent-encoded (3 characters each).
  const spaces = `${base}${' '.repeat(800)}x`;
  assert.ok(spaces.length <= MAX_EXTERNAL_URL_CHARS);
  assert.equal(refusal(spaces), unsafe);
});

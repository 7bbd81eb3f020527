// The one Result type: its helpers, and that its codes are a closed set. The misspelled codes below are
// checked by the typecheck (`@ts-expect-error` fails it if they ever compile), the rest at run time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, serverAddressInput } from '../../src-main/service/inputs';
import { parseInvite } from '../../src-shared/invite';
import { assertNever, type ErrorCode, fail, OK, ok, type Result } from '../../src-shared/result';

test('ok and fail build the two shapes; OK is the shared empty success and cannot be changed', () => {
  assert.deepEqual(ok(3), { ok: true, value: 3 });
  assert.deepEqual(fail('not_found', 'No such room.'), {
    ok: false,
    error: 'No such room.',
    code: 'not_found',
  });
  assert.deepEqual(OK, { ok: true, value: null });
  assert.throws(() => {
    (OK as { value: unknown }).value = 1;
  }, TypeError);
});

test('codes are a closed set: the protocol’s and the app’s compile, a misspelling does not', () => {
  const fromProtocol: ErrorCode = 'session_expired';
  const fromApp: ErrorCode = 'certificate_changed';
  // @ts-expect-error not a code anyone sends
  const misspelled: ErrorCode = 'certficate_changed';
  // @ts-expect-error a failure always says why in code too
  const uncoded: Result = { ok: false, error: 'Something went wrong.' };
  assert.deepEqual(
    [fromProtocol, fromApp, misspelled, uncoded.ok],
    ['session_expired', 'certificate_changed', 'certficate_changed', false],
  );
});

test('input checks and invite links fail with the invalid code', () => {
  const input = check(serverAddressInput, { host: '', port: 1 });
  assert.equal(input.ok, false);
  if (!input.ok) assert.equal(input.code, 'invalid');
  const invite = parseInvite('https://example.com');
  assert.equal(invite.ok, false);
  if (!invite.ok) assert.equal(invite.code, 'invalid');
});

test('assertNever names what it met when a value from outside the types reaches it', () => {
  type Kind = 'a' | 'b';
  const describe = (kind: Kind): string => {
    switch (kind) {
      case 'a':
        return 'A';
      case 'b':
        return 'B';
      default:
        return assertNever(kind, 'kind');
    }
  };
  assert.equal(describe('a'), 'A');
  assert.throws(() => describe('c' as Kind), /Unexpected kind: "c"/);
});

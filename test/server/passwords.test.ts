// The check an unknown user's login gets: against a hash of the room's cost, on a real pool thread, so it
// costs what a real check does, and it never lets anyone in.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import bcrypt from 'bcryptjs';
import { MIN_BCRYPT_COST } from '../../src-main/server/options';
import { PasswordPool } from '../../src-main/server/password-pool';
import { Passwords, unknownUserHash } from '../../src-main/server/passwords';

const pool = new PasswordPool(1, 8, () => {});
const passwords = new Passwords(pool, MIN_BCRYPT_COST);
after(() => passwords.close());

test("an unknown user's hash is one bcrypt does the room's full work for, and one no password matches", () => {
  for (const cost of [MIN_BCRYPT_COST, 12]) {
    const hash = unknownUserHash(cost);
    assert.equal(hash.length, 60, 'bcrypt refuses other lengths without hashing anything');
    assert.equal(bcrypt.getRounds(hash), cost);
    // Its salt is one bcrypt accepts: hashing with it gives a real hash of the same cost and salt.
    const salt = hash.slice(0, 29);
    assert.equal(bcrypt.hashSync('a password', salt).slice(0, 29), salt);
  }
  assert.notEqual(unknownUserHash(MIN_BCRYPT_COST), unknownUserHash(MIN_BCRYPT_COST), 'a new salt each room');
});

test('verify: true for the right password, false for a wrong one and for an unknown user', async () => {
  const made = await passwords.hash('correct horse');
  assert.ok(made.ok);
  assert.deepEqual(await passwords.verify('correct horse', made.value), { ok: true, value: true });
  assert.deepEqual(await passwords.verify('wrong horse', made.value), { ok: true, value: false });
  assert.deepEqual(await passwords.verify('correct horse', null), { ok: true, value: false });
  assert.deepEqual(await passwords.verify('', null), { ok: true, value: false });
});

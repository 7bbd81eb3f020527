import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/server/store/sqlite-store';
import { loginGuest, RawClient } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ loginFreeFailures: 2, loginBaseDelayMs: 400 });
});
after(() => t.dispose());

test('register logs in; names are unique case-insensitively and checked; passwords need 8 characters', async () => {
  const c = await RawClient.connect(t.port);
  const weak = await c.ask('register', { username: 'Nora', password: 'short' });
  assert.equal(weak.code, 'weak_password');
  const invalid = await c.ask('register', { username: 'no spaces', password: 'long enough' });
  assert.equal(invalid.code, 'invalid');
  assert.match(String(invalid.content), /username/);
  const tooLong = await c.ask('register', { username: 'x'.repeat(33), password: 'long enough' });
  assert.equal(tooLong.code, 'invalid');
  const reserved = await c.ask('register', { username: 'Server', password: 'long enough' });
  assert.equal(reserved.code, 'name_taken');
  const ok = await c.ask('register', { username: 'Nora', password: 'long enough' });
  assert.equal(ok.response, 'login');
  assert.deepEqual((ok.content as { username: string; guest: boolean }).username, 'Nora');
  const twice = await c.ask('register', { username: 'other', password: 'long enough' });
  assert.equal(twice.code, 'already_logged_in');

  const d = await RawClient.connect(t.port);
  const taken = await d.ask('register', { username: 'NORA', password: 'long enough' });
  assert.equal(taken.code, 'name_taken');
  const login = await d.ask('login', { username: 'nora', password: 'long enough' });
  assert.equal(login.response, 'login');
  assert.equal((login.content as { username: string }).username, 'Nora', 'the registered spelling is kept');
  await Promise.all([c.close(), d.close()]);
});

test('every character of a long password counts (bcrypt alone reads only 72 bytes)', async () => {
  const prefix = 'p'.repeat(72);
  const c = await RawClient.connect(t.port);
  assert.equal(
    (await c.ask('register', { username: 'longpass', password: `${prefix}-one` })).response,
    'login',
  );
  await c.close();
  const d = await RawClient.connect(t.port);
  assert.equal(
    (await d.ask('login', { username: 'longpass', password: `${prefix}-two` })).code,
    'bad_credentials',
  );
  assert.equal((await d.ask('login', { username: 'longpass', password: `${prefix}-one` })).response, 'login');
  await d.close();
});

test('passwords are stored as bcrypt hashes of cost 10 or more', () => {
  const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare('SELECT password_hash FROM users WHERE key = ?').get('nora') as {
      password_hash: string;
    };
    assert.match(row.password_hash, /^\$2[aby]\$(1\d|[2-9]\d)\$/);
    assert.ok(!row.password_hash.includes('long enough'));
  } finally {
    db.close();
  }
});

test('a wrong password and an unknown user get the same answer', async () => {
  const c = await RawClient.connect(t.port);
  const wrong = await c.ask('login', { username: 'nora', password: 'not the password' });
  const unknown = await c.ask('login', { username: 'nobody', password: 'not the password' });
  assert.equal(wrong.response, 'error');
  assert.equal(wrong.code, 'bad_credentials');
  assert.equal(unknown.code, wrong.code);
  assert.equal(unknown.content, wrong.content);
  await c.close();
});

test('repeated failed logins for an account are throttled with a growing delay, then allowed again', async () => {
  const c = await RawClient.connect(t.port);
  await c.ask('register', { username: 'target', password: 'right password' });
  await c.close();
  const attacker = await RawClient.connect(t.port);
  for (let i = 0; i < 3; i++) {
    const r = await attacker.ask('login', { username: 'target', password: `guess ${i}` });
    assert.equal(r.code, 'bad_credentials');
  }
  const blocked = await attacker.ask('login', { username: 'target', password: 'right password' });
  assert.equal(blocked.code, 'throttled', 'even the right password waits out the delay');
  await new Promise((r) => setTimeout(r, 450));
  const fourth = await attacker.ask('login', { username: 'target', password: 'guess 3' });
  assert.equal(fourth.code, 'bad_credentials');
  await new Promise((r) => setTimeout(r, 450));
  assert.equal(
    (await attacker.ask('login', { username: 'target', password: 'x' })).code,
    'throttled',
    'the delay doubled',
  );
  await new Promise((r) => setTimeout(r, 400));
  const ok = await attacker.ask('login', { username: 'target', password: 'right password' });
  assert.equal(ok.response, 'login');
  await attacker.close();
});

test('Hearth guests get a login answer; guests cannot take registered or online names', async () => {
  const guest = await loginGuest(t.port, 'wanderer');
  const c = await RawClient.connect(t.port);
  assert.equal((await c.ask('login', { username: 'nora', guest: true })).code, 'name_taken');
  assert.equal((await c.ask('login', { username: 'Wanderer', guest: true })).code, 'name_taken');
  assert.equal(
    (await c.ask('register', { username: 'wanderer', password: 'long enough' })).code,
    'name_taken',
  );
  await Promise.all([guest.close(), c.close()]);
});

test('password checks beyond the threads and their queue are answered busy at once; nothing is half-done', async () => {
  const small = await startServer({ passwordThreads: 1, passwordQueueLimit: 2 });
  try {
    // One registration first, so the thread is up and the room's own startup hash is done.
    const first = await RawClient.connect(small.port);
    assert.equal(
      (await first.ask('register', { username: 'early', password: 'long enough' })).response,
      'login',
    );
    await first.close();
    const clients = await Promise.all(Array.from({ length: 12 }, () => RawClient.connect(small.port)));
    const answers = await Promise.all(
      clients.map((c, i) => c.ask('register', { username: `crowd${i}`, password: 'long enough' }, 20_000)),
    );
    const codes = answers.map((a) => (a.response === 'login' ? 'login' : a.code));
    const busy = codes.filter((c) => c === 'busy').length;
    assert.ok(busy >= 1, `some were refused: ${codes}`);
    assert.ok(codes.filter((c) => c === 'login').length >= 3, `one running and two queued got in: ${codes}`);
    assert.equal(codes.filter((c) => c !== 'login' && c !== 'busy').length, 0, String(codes));
    const refused = answers.flatMap((a, i) => (a.code === 'busy' ? [i] : []));
    assert.match(String(answers[refused[0] as number]?.content), /busy/);
    // A refused registration made no account: the same name registers once the crowd is gone.
    const later = clients[refused[0] as number] as RawClient;
    const again = await later.ask('register', { username: `crowd${refused[0]}`, password: 'long enough' });
    assert.equal(again.response, 'login', JSON.stringify(again));
    await Promise.all(clients.map((c) => c.close()));
  } finally {
    await small.dispose();
  }
});

test('an address may start only so many registrations per hour; logging in is not limited', async () => {
  const limited = await startServer({
    maxRegistrationsPerAddressPerHour: 3,
    loopbackExemptFromRegistrationLimit: false,
  });
  try {
    for (let i = 0; i < 3; i++) {
      const c = await RawClient.connect(limited.port);
      assert.equal(
        (await c.ask('register', { username: `many${i}`, password: 'long enough' })).response,
        'login',
      );
      await c.close();
    }
    const c = await RawClient.connect(limited.port);
    const fourth = await c.ask('register', { username: 'many3', password: 'long enough' });
    assert.equal(fourth.code, 'throttled', JSON.stringify(fourth));
    assert.match(String(fourth.content), /try again in 60 min/);
    assert.equal((await c.ask('login', { username: 'many0', password: 'long enough' })).response, 'login');
    await c.close();
  } finally {
    await limited.dispose();
  }
});

// The account requests (docs/protocol.md § Account and profile): password change, signing out other
// sessions and deleting the account, each against a real room with real bcrypt on the password threads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { say } from '../helpers/conversation';
import { loginGuest, loginUser, RawClient, type Received } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer({ loginFreeFailures: 5 });
});
after(() => t.dispose());

async function logIn(username: string, password = 'correct horse'): Promise<{ c: RawClient; token: string }> {
  const c = await RawClient.connect(t.port);
  let answer = await c.ask('register', { username, password }, 10_000);
  if (answer.response !== 'login') answer = await c.ask('login', { username, password }, 10_000);
  assert.equal(answer.response, 'login', JSON.stringify(answer));
  return { c, token: String((answer.content as { token: string }).token) };
}

async function tokenWorks(username: string, token: string): Promise<boolean> {
  const c = await RawClient.connect(t.port);
  const answer = await c.ask('login', { username, token });
  await c.close();
  return answer.response === 'login';
}

const signedOut = (r: Received) => r.response === 'signed_out';

test('a password change needs the current password, revokes the other sessions and keeps this one', async () => {
  const here = await logIn('pia');
  const there = await logIn('pia');
  const wrong = await here.c.ask('password_change', { current: 'not it at all', password: 'a new secret' });
  assert.equal(wrong.code, 'bad_credentials');
  const weak = await here.c.ask('password_change', { current: 'correct horse', password: 'short' });
  assert.equal(weak.code, 'weak_password');
  const empty = await here.c.ask('password_change', { current: '', password: 'a new secret' });
  assert.equal(empty.code, 'invalid');

  const changed = await here.c.ask('password_change', { current: 'correct horse', password: 'a new secret' });
  assert.equal(changed.response, 'account', JSON.stringify(changed));
  assert.deepEqual(changed.content, { action: 'password_changed', signedOut: 1 });
  const why = await there.c.waitFor(signedOut);
  assert.deepEqual(why.content, { reason: 'password_changed' });
  await there.c.closed;

  assert.equal(await tokenWorks('pia', there.token), false, 'the other session cannot resume');
  assert.equal(await tokenWorks('pia', here.token), true, 'this device stays in');
  const old = await RawClient.connect(t.port);
  assert.equal(
    (await old.ask('login', { username: 'pia', password: 'correct horse' })).code,
    'bad_credentials',
  );
  assert.equal((await old.ask('login', { username: 'pia', password: 'a new secret' })).response, 'login');
  await Promise.all([old.close(), here.c.close()]);
});

test('signing out other sessions closes them with the reason and keeps this device', async () => {
  const here = await logIn('sol');
  const phone = await logIn('sol');
  const laptop = await logIn('sol');
  const done = await here.c.ask('sign_out_others');
  assert.deepEqual(done.content, { action: 'signed_out_others', signedOut: 2 });
  for (const other of [phone, laptop]) {
    assert.deepEqual((await other.c.waitFor(signedOut)).content, { reason: 'signed_out_elsewhere' });
    await other.c.closed;
    assert.equal(await tokenWorks('sol', other.token), false);
  }
  assert.equal((await here.c.ask('ping')).response, 'pong', 'this connection stays open');
  assert.equal(await tokenWorks('sol', here.token), true);
  await here.c.close();
});

test('guests have no account: every account request is refused with not_allowed', async () => {
  const guest = await loginGuest(t.port, 'drifter');
  const asks: [string, unknown][] = [
    ['password_change', { current: 'whatever it is', password: 'a new secret' }],
    ['sign_out_others', null],
    ['account_delete', { password: 'whatever it is' }],
    ['profile_update', { displayName: 'Admin' }],
    ['avatar_set', { image: null }],
  ];
  for (const [request, content] of asks) {
    const answer = await guest.ask(request, content);
    assert.equal(answer.code, 'not_allowed', `${request}: ${JSON.stringify(answer)}`);
  }
  await guest.close();
});

test('deleting an account erases it, keeps its messages under its name and retires the name', async () => {
  const dee = await logIn('dee');
  const other = await logIn('dee');
  const friend = await loginUser(t.port, 'fen');
  await dee.c.ask('friend_request', { username: 'fen' });
  assert.equal((await friend.ask('friend_accept', { username: 'dee' })).response, 'friends');
  const room = await dee.c.ask('room_create', { name: 'Dee club', visibility: 'public' });
  const roomId = (room.content as { id: string }).id;
  assert.equal((await friend.ask('room_join', { room: roomId })).response, 'room');
  const said = await say(dee.c, 'remember me');
  friend.forgetAll();

  const wrong = await dee.c.ask('account_delete', { password: 'not the password' });
  assert.equal(wrong.code, 'bad_credentials');
  const gone = await dee.c.ask('account_delete', { password: 'correct horse' });
  assert.deepEqual(gone.content, { action: 'deleted', signedOut: 1 });
  await dee.c.closed;
  assert.deepEqual((await other.c.waitFor(signedOut)).content, { reason: 'account_deleted' });

  const friends = await friend.waitFor((r) => r.response === 'friends' && r.re === undefined);
  assert.deepEqual((friends.content as { friends: unknown[] }).friends, []);
  const members = await friend.ask('room_members', { room: roomId });
  const names = (members.content as { username: string; role: string }[]).map((m) => [m.username, m.role]);
  assert.deepEqual(names, [['fen', 'owner']], 'the room passed to the member who stayed');
  const history = await friend.ask('history', { conversation: 'room', limit: 50 });
  const kept = (history.content as { id: number; sender: string }[]).find((m) => m.id === said);
  assert.equal(kept?.sender, 'dee', 'what dee said stays, under the name');

  const c = await RawClient.connect(t.port);
  assert.equal(
    (await c.ask('login', { username: 'dee', password: 'correct horse' })).code,
    'bad_credentials',
  );
  assert.equal(await tokenWorks('dee', dee.token), false);
  assert.equal((await c.ask('register', { username: 'Dee', password: 'another one' })).code, 'name_taken');
  assert.equal((await c.ask('login', { username: 'dee', guest: true })).code, 'name_taken');
  await Promise.all([c.close(), friend.close()]);
});

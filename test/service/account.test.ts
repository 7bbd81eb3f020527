// The account calls through the service, as the settings screen drives them, against the real server on
// loopback: the profile others see (event, look-up, avatar as a data: URL), "do not disturb" keeping desktop
// notifications quiet, a password change signing the other device out, and deleting the account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../client/support';
import { makeService, PASSWORD, sharedRoom, signedIn, unwrap } from './support';

const srv = sharedRoom();

const user = (name: string, register = true) => signedIn(srv.port, name, { login: !register });

test('a display name and avatar reach others as events, look-ups and a data: URL', async () => {
  const ann = await user('ann');
  const ben = await user('ben');
  const named = unwrap(await ann.service.updateProfile({ displayName: 'Ánna' }));
  assert.equal(named.displayName, 'Ánna');
  await waitFor('ben to hear of it', () => ben.events.profile.some((p) => p.displayName === 'Ánna'));
  const [found] = unwrap(await ben.service.profiles(['ANN']));
  assert.equal(found?.displayName, 'Ánna');

  const png = Buffer.alloc(600, 3);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
  const pictured = unwrap(await ann.service.setAvatar(png.toString('base64')));
  assert.equal(pictured.avatar, 1);
  const url = unwrap(await ben.service.avatar({ username: 'ann', version: 1 }));
  assert.equal(url, `data:image/png;base64,${png.toString('base64')}`);
  assert.equal(unwrap(await ben.service.avatar({ username: 'ben', version: 0 })), null);
  const bad = await ann.service.setAvatar(Buffer.from('GIF89a not allowed').toString('base64'));
  assert.equal(bad.ok || bad.code, 'invalid');
});

test('do not disturb keeps desktop notifications quiet until the status is online again', async () => {
  const cat = await user('cat');
  const dan = await user('dan');
  unwrap(await dan.service.updateProfile({ status: 'dnd', statusText: 'Focus time' }));
  dan.service.setWindowFocused(false);
  unwrap(await cat.service.send({ conversation: 'room', text: 'hey @dan, quiet one' }));
  await waitFor('dan to get it', () => dan.events.message.some((m) => m.text === 'hey @dan, quiet one'));
  assert.equal(dan.notifications.length, 0, 'dnd: no notification');
  unwrap(await dan.service.updateProfile({ status: 'online' }));
  unwrap(await cat.service.send({ conversation: 'room', text: 'hey @dan, loud one' }));
  await waitFor('a notification', () => dan.notifications.length === 1);
  assert.equal(dan.notifications[0]?.body, 'hey @dan, loud one');
});

test('a password change signs the other device out and tells it why; deleting ends the session', async () => {
  const here = await user('eve');
  const there = await user('eve', false);
  const wrong = await here.service.changePassword({ current: 'not it at all', password: 'a new secret' });
  assert.equal(wrong.ok || wrong.code, 'bad_credentials');
  const short = await here.service.changePassword({ current: PASSWORD, password: 'short' });
  assert.equal(short.ok || short.code, 'weak_password');
  assert.equal(unwrap(await here.service.changePassword({ current: PASSWORD, password: 'a new secret' })), 1);
  await waitFor('the other device told', () => there.events.signedOut.length === 1);
  assert.deepEqual(there.events.signedOut[0], { reason: 'password_changed' });
  await waitFor('the other device logged out', () => there.events.session.at(-1) === null);
  assert.notEqual((await here.service.getState()).session, null, 'this device stays in');

  unwrap(await here.service.deleteAccount('a new secret'));
  assert.equal((await here.service.getState()).session, null);
  const again = await there.service.login({ username: 'eve', password: 'a new secret' });
  assert.equal(again.ok || again.code, 'bad_credentials');
});

test('guests have no account to change', async () => {
  const s = makeService();
  unwrap(await s.service.connect({ host: '127.0.0.1', port: srv.port }));
  unwrap(await s.service.loginGuest('passerby'));
  const refused = await s.service.updateProfile({ status: 'away' });
  assert.equal(refused.ok || refused.code, 'not_allowed');
});

// The host owns the default room (docs/protocol.md § Rooms): a room hosted by the app, with a friend who
// registered first (so the stored owner was the friend), passes to the account the host then logs in with,
// through the real Node host launcher and the room's parent-process channel.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { waitFor } from '../client/support';
import { disposeAll, makeService, PASSWORD, type TestService, unwrap } from './support';

after(() => disposeAll());

const mainRole = (s: TestService) => s.events.rooms.at(-1)?.rooms.find((r) => r.id === 'room')?.role;

test('the account the host logs in with in its own room owns the default room; the earlier owner is a member', async () => {
  const host = makeService();
  const { port } = unwrap(await host.service.startHost({ port: 0, allowGuests: true }));
  const friend = makeService();
  unwrap(await friend.service.connect({ host: '127.0.0.1', port: port as number }));
  unwrap(await friend.service.register({ username: 'lux', password: PASSWORD }));
  assert.equal(mainRole(friend), 'owner', 'the first account registered owns it until the host logs in');

  unwrap(await host.service.register({ username: 'kit', password: PASSWORD }));
  await waitFor('the host to own the default room', () => mainRole(host) === 'owner');
  await waitFor('the friend to be a member of it again', () => mainRole(friend) === 'member');
  const members = unwrap(await friend.service.roomMembers('room'));
  assert.deepEqual(
    members.filter((m) => m.role === 'owner').map((m) => m.username),
    ['kit'],
  );
  unwrap(await friend.service.logout());
  unwrap(await friend.service.login({ username: 'lux', password: PASSWORD }));
  assert.equal(mainRole(friend), 'member', 'the room keeps it: the stored owner is the host now');
  unwrap(await host.service.stopHost());
});

// A friend's call ringing through the service, against the real room on loopback: it becomes a desktop
// notification while the window is in the background or another conversation is open, not while the user
// looks at the caller's conversation, not in do-not-disturb and not with notifications off; once per call;
// and clicking it tells the window to open that call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CuttableProxy, waitFor } from '../client/support';
import { befriend, makeService, sharedRoom, signedIn, type TestService, unwrap } from './support';

const srv = sharedRoom();

/** `caller` rings `callee` and hangs up again once the callee's window heard the ring. */
async function ring(caller: TestService, callee: TestService, video: boolean): Promise<string> {
  const call = unwrap(await caller.service.startCall({ conversation: '@bea', video })).call;
  await waitFor('the ring to reach bea', () =>
    callee.events.call.some((c) => c.call === call && c.state === 'ringing'),
  );
  unwrap(await caller.service.hangUp(call));
  await waitFor('the ring to end for bea', () =>
    callee.events.call.some((c) => c.call === call && c.state === 'ended'),
  );
  return call;
}

test('a ring notifies unless bea looks at ana’s conversation, is in do-not-disturb or turned notifications off', async () => {
  const ana = await signedIn(srv.port, 'ana');
  const bea = await signedIn(srv.port, 'bea');
  await befriend(ana, 'ana', bea, 'bea');

  bea.service.setWindowFocused(false);
  const background = await ring(ana, bea, true);
  assert.deepEqual(bea.notifications, [
    { title: 'ana is calling you', body: 'Video call', conversation: '@ana', call: background },
  ]);
  assert.equal(ana.notifications.length, 0, 'the caller is not notified of their own call');

  bea.service.setWindowFocused(true);
  unwrap(await bea.service.setActiveConversation('room'));
  const elsewhere = await ring(ana, bea, false);
  assert.deepEqual(bea.notifications.at(-1), {
    title: 'ana is calling you',
    body: 'Voice call',
    conversation: '@ana',
    call: elsewhere,
  });

  unwrap(await bea.service.setActiveConversation('@ana'));
  await ring(ana, bea, false);
  assert.equal(bea.notifications.length, 2, 'looking at ana’s conversation: the ring on screen is enough');

  bea.service.setWindowFocused(false);
  unwrap(await bea.service.updateProfile({ status: 'dnd' }));
  await ring(ana, bea, false);
  assert.equal(bea.notifications.length, 2, 'do not disturb: quiet');
  unwrap(await bea.service.updateProfile({ status: 'online' }));

  unwrap(await bea.service.setPreferences({ notifications: 'none' }));
  await ring(ana, bea, false);
  assert.equal(bea.notifications.length, 2, 'notifications off: quiet');
  unwrap(await bea.service.setPreferences({ notifications: 'mentions' }));
  await ring(ana, bea, false);
  assert.equal(bea.notifications.length, 3, '"direct messages and mentions" rings: a call is for bea alone');
});

test('a ring is notified once, and clicking the notification opens the call in the window', async () => {
  const cal = await signedIn(srv.port, 'cal');
  const dee = makeService();
  // dee's chat link goes through a proxy that can cut it: back in, the room tells dee of the ring again.
  const proxy = new CuttableProxy(srv.port);
  await signedIn(await proxy.start(), 'dee', { service: dee });
  await befriend(cal, 'cal', dee, 'dee');
  dee.service.setWindowFocused(false);
  const call = unwrap(await cal.service.startCall({ conversation: '@dee', video: false })).call;
  await waitFor('the notification', () => dee.notifications.length === 1);
  proxy.cut();
  const ringsHeard = () => dee.events.call.filter((c) => c.call === call && c.state === 'ringing').length;
  await waitFor('the ring told again after the reconnect', () => ringsHeard() === 2);
  assert.equal(dee.notifications.length, 1, 'one notification for one ring');

  const [shown] = dee.notifications;
  assert.ok(shown);
  dee.service.notificationClicked(shown);
  assert.deepEqual(dee.events.callOpened, [{ call, conversation: '@cal' }]);
  unwrap(await dee.service.acceptCall(call));
  await waitFor('cal to see dee join', () =>
    cal.events.call.some((c) => c.call === call && c.state === 'active'),
  );
  dee.service.notificationClicked({ title: 'cal', body: 'hello', conversation: '@cal' });
  assert.equal(dee.events.callOpened.length, 1, 'a message’s notification opens no call');
  assert.deepEqual(dee.events.notificationOpened, [{ conversation: '@cal' }], 'but its conversation');
  await proxy.close();
});

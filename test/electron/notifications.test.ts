// The desktop-notification sink with the fake electron: each notification is shown with its title and body,
// and a click hands the notification clicked back (a ringing call's click opens that call).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as Notifications from '../../src-main/electron/notifications';
import type { DesktopNotification } from '../../src-main/service/hearth-service';
import { FakeElectron, installFakeElectron } from './fake-electron';

test('a click on a notification says which one was clicked', () => {
  const fake = new FakeElectron();
  installFakeElectron(fake);
  // Loaded once the fake stands in for 'electron', which it imports.
  const { createNotifier } = require('../../src-main/electron/notifications') as typeof Notifications;
  const clicked: DesktopNotification[] = [];
  const notify = createNotifier('/icons/256.png', (n) => clicked.push(n));
  const ring = {
    title: 'ana is calling you',
    body: 'Video call',
    conversation: '@ana',
    call: 'c0123456789abcdef',
  };
  notify({ title: 'bob', body: 'hello', conversation: '@bob' });
  notify(ring);
  assert.deepEqual(
    fake.notifications.map((n) => n.options.title),
    ['bob', 'ana is calling you'],
  );
  fake.notifications[1]?.fire('click');
  assert.deepEqual(clicked, [ring]);
});

// The inbox and blocked people: their room messages still go to the window (which hides them, and shows
// them again on unblock), but they never count as unread and never raise a desktop notification.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReceivedMessage } from '../../src-main/client/connection';
import { type DesktopNotification, Inbox, type UnreadSnapshot } from '../../src-main/service/inbox';
import type { ChatMessage } from '../../src-shared/ipc';

function roomMessage(id: number, sender: string, text: string): ReceivedMessage {
  return {
    timestamp: new Date().toISOString(),
    sender,
    response: 'message',
    content: text,
    id,
    conv: 'room',
    // The room marks mentions; every message here names alice.
    mentions: ['alice'],
  };
}

test('a blocked sender mentioning you: shown to the window only, not unread, no notification', () => {
  const shown: ChatMessage[] = [];
  const unread: UnreadSnapshot[] = [];
  const notified: DesktopNotification[] = [];
  const inbox = new Inbox({
    message: (m) => shown.push(m),
    unread: (u) => unread.push(u),
    notify: (n) => notified.push(n),
  });
  inbox.setWindowFocused(false);
  inbox.setBlocked(['Mallory']);
  inbox.receive(roomMessage(1, 'mallory', 'hey @alice'), 'alice', true);
  assert.deepEqual(
    shown.map((m) => m.text),
    ['hey @alice'],
  );
  assert.equal(notified.length, 0);
  assert.equal(unread.length, 0);

  inbox.receive(roomMessage(2, 'bob', 'hi @alice'), 'alice', true);
  assert.equal(notified.length, 1);
  assert.equal(unread.at(-1)?.total, 1);

  inbox.setBlocked([]);
  inbox.receive(roomMessage(3, 'mallory', 'hey @alice again'), 'alice', true);
  assert.equal(notified.length, 2, 'unblocked: counted and notified again');
  assert.equal(unread.at(-1)?.total, 2);
});

// The client core's rooms against the real server on loopback: typed answers to the room requests, the
// room pushes as events, and our own sends to `#n` (or `#1`, the default room) acked in their conversation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ChatConnection,
  type ConnectionEvents,
  type ReceivedMessage,
} from '../../src-main/client/connection';
import { startServer, type TestServer } from '../helpers/server';
import { FAST, waitFor } from './support';

const PASSWORD = 'correct horse';
let srv: TestServer;
const connections: ChatConnection[] = [];

before(async () => {
  srv = await startServer({ roomName: 'Home' });
});

after(async () => {
  for (const c of connections) c.close();
  await srv.dispose();
});

type Heard = { [E in keyof ConnectionEvents]?: ConnectionEvents[E][] };

function listen<E extends keyof ConnectionEvents>(c: ChatConnection, heard: Heard, event: E): void {
  const list: ConnectionEvents[E][] = [];
  (heard as Record<E, ConnectionEvents[E][]>)[event] = list;
  c.on(event, (payload) => list.push(payload));
}

async function connection(username: string, fresh: boolean) {
  const c = new ChatConnection({ ...FAST, host: '127.0.0.1', port: srv.port });
  connections.push(c);
  const heard: Heard = {};
  const events = ['room', 'roomInvite', 'roomRemoved', 'member', 'deleted', 'message'] as const;
  for (const event of events) listen(c, heard, event);
  assert.ok((await c.connect()).ok);
  const before = await c.rooms.browse();
  assert.equal(!before.ok && before.code, 'not_logged_in', 'a room request needs a session');
  const session = fresh ? await c.register(username, PASSWORD) : await c.login(username, PASSWORD);
  assert.ok(session.ok, !session.ok ? session.error : '');
  return { c, heard, login: session.value };
}

async function acked(c: ChatConnection, text: string, to: string): Promise<ReceivedMessage> {
  const sent = c.send(text, to);
  assert.ok(sent.ok);
  const outcome = await sent.value.acked;
  assert.ok(outcome.ok, !outcome.ok ? outcome.error : '');
  return outcome.value;
}

test('room requests answer typed values; pushes become events; own sends keep their conversation', async () => {
  const ann = await connection('ann', true);
  const annPhone = await connection('ann', false);
  const bob = await connection('bob', true);
  assert.deepEqual(
    ann.login.rooms?.map((r) => r.id),
    ['room'],
  );

  const created = await ann.c.rooms.create({ name: 'Garden', visibility: 'private' });
  assert.ok(created.ok);
  const id = created.value.id;
  assert.deepEqual([created.value.kind, created.value.role], ['private', 'owner']);
  await waitFor('the room pushed to the other connection', () =>
    (annPhone.heard.room ?? []).some((r) => r.id === id),
  );

  const invited = await ann.c.rooms.invite(id, 'bob');
  assert.deepEqual(invited, { ok: true, value: 'Invited bob to Garden' });
  await waitFor('the invite', () =>
    (bob.heard.roomInvite ?? []).some((r) => r.id === id && r.from === 'ann'),
  );
  const joined = await bob.c.rooms.join(id);
  assert.equal(joined.ok && joined.value.role, 'member');
  await waitFor('the member push', () => (ann.heard.member ?? []).some((m) => m.username === 'bob'));

  const mine = await acked(bob.c, 'hello garden', id);
  assert.deepEqual([mine.conv, mine.to], [id, undefined]);
  const inDefault = await acked(bob.c, 'hello home', '#1');
  assert.equal(inDefault.conv, 'room', 'the default room is written `room`, however it was addressed');
  await waitFor('ann to get both', () => (ann.heard.message ?? []).some((m) => m.id === inDefault.id));
  assert.equal(ann.heard.message?.find((m) => m.id === mine.id)?.conv, id);

  const deleted = await bob.c.rooms.deleteMessage(mine.id);
  assert.ok(deleted.ok);
  await waitFor('the deleted push', () => (ann.heard.deleted ?? []).some((d) => d.id === mine.id));
  assert.deepEqual(ann.heard.deleted?.at(-1), { id: mine.id, conv: id });

  const members = await ann.c.rooms.members(id);
  assert.deepEqual(members.ok && members.value.members.map((m) => [m.username, m.role]), [
    ['ann', 'owner'],
    ['bob', 'member'],
  ]);
  assert.ok((await ann.c.rooms.moderate({ room: id, username: 'bob', action: 'ban' })).ok);
  await waitFor('bob told', () => (bob.heard.roomRemoved ?? []).length === 1);
  assert.deepEqual(bob.heard.roomRemoved?.[0], { room: id, reason: 'banned', by: 'ann' });
  const again = await bob.c.rooms.join(id);
  assert.equal(!again.ok && again.code, 'banned');
});

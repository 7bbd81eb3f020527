// Fan-out by room: a room's message reaches the online connections of its members only (every connection of
// each), not the rest of the server; the default room still reaches everyone logged in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, loginUser, type RawClient } from '../helpers/raw-client';
import { createRoom, isNotice, join } from '../helpers/rooms';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.dispose());

/** Long enough for a stray delivery to arrive on loopback; a catastrophe bound, not a measurement. */
const SETTLE_MS = 200;

async function nothingSeen(client: RawClient, text: string): Promise<void> {
  assert.equal(client.pending(isNotice(text)).length, 0, `${text} must not reach this connection`);
}

test('a room message reaches only that room members (all their connections), not other rooms or the server', async () => {
  const [ada, adaPhone, abe, bea, cal] = await Promise.all([
    loginUser(t.port, 'ada'),
    loginUser(t.port, 'ada'),
    loginUser(t.port, 'abe'),
    loginUser(t.port, 'bea'),
    loginUser(t.port, 'cal'),
  ]);
  const guest = await loginGuest(t.port, 'passer');
  const roomA = await createRoom(ada, 'Room A');
  const roomB = await createRoom(bea, 'Room B');
  await join(abe, roomA);
  // Cal joins and leaves A: a former member hears nothing more from it.
  await join(cal, roomA);
  await cal.ask('room_leave', { room: roomA });

  ada.send({ request: 'msg', content: { text: 'only for A', cid: 'a1', to: roomA } });
  bea.send({ request: 'msg', content: { text: 'only for B', cid: 'b1', to: roomB } });
  for (const c of [abe, adaPhone]) await c.waitFor(isNotice('only for A'));
  await ada.response('ack');
  await bea.response('ack');
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  for (const c of [bea, cal, guest]) await nothingSeen(c, 'only for A');
  for (const c of [ada, adaPhone, abe, cal, guest]) await nothingSeen(c, 'only for B');
  await nothingSeen(ada, 'only for A');

  // A member who logs in later is in the room's audience from their first connection.
  abe.destroy();
  const abeAgain = await loginUser(t.port, 'abe');
  ada.send({ request: 'msg', content: { text: 'A again', cid: 'a2', to: roomA } });
  await abeAgain.waitFor(isNotice('A again'));
  guest.send({ request: 'msg', content: { text: 'for everyone', cid: 'g1' } });
  for (const c of [ada, adaPhone, abeAgain, bea, cal]) await c.waitFor(isNotice('for everyone'));
  await Promise.all([ada, adaPhone, abeAgain, bea, cal, guest].map((c) => c.close()));
});

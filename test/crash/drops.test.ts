// Six friends chat in the room and in direct messages through a proxy that keeps cutting their links after
// a random number of bytes, in the middle of frames, in both directions. Once the cutting stops and things
// settle, each of them must have exactly the messages meant for them, once each, in id order.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { sleep, waitFor } from '../client/support';
import { makeDataDir } from '../helpers/server';
import { assertEveryoneGotTheirs, befriendAll, Chatter, idsMeantFor, randomAddressee } from './chatter';
import { ChoppingProxy } from './chopping-proxy';
import { buildHost, HeadlessRoom, inspectDatabase } from './headless-room';

const USERS = ['fern', 'gale', 'heath', 'iris', 'juniper', 'kestrel'];
/** Cutting goes on for at least this long, and until this many links were cut (within the deadline). */
const CHOP_MIN_MS = 8_000;
const MIN_CUTS = 100;
const CHOP_DEADLINE_MS = 25_000;
/** Each client says something this often, to the room or to a random friend. */
const SEND_EVERY_MS = 80;
/**
 * Bytes one direction of a link carries before the cut: log-uniform from 64 B (inside the first frame)
 * to 64 KiB (past a login answer and a resume page), so many links die young and some live long.
 */
const cutAfterBytes = () => Math.floor(64 * 2 ** (Math.random() * 10));

test('links cut at random byte offsets mid-stream: every client ends with its messages once, in order', async () => {
  // The room runs in its own process, so its bcrypt work on every re-login does not stall the clients.
  const host = buildHost();
  const dataDir = makeDataDir();
  const room = new HeadlessRoom(host.entry, dataDir);
  await room.start();
  const proxy = new ChoppingProxy(room.port, cutAfterBytes);
  await proxy.start();
  const chatters = USERS.map((name) => new Chatter(name, proxy.port));
  let talking: NodeJS.Timeout | null = null;
  try {
    for (const chatter of chatters) await chatter.join();
    await befriendAll(chatters);

    proxy.chopping = true;
    let n = 0;
    talking = setInterval(() => {
      for (const chatter of chatters) {
        const to = randomAddressee(chatter, chatters);
        chatter.say(`${chatter.username} → ${to} #${n} ✂ ünïcödé`, to);
      }
      n++;
    }, SEND_EVERY_MS);
    const chopStart = Date.now();
    await sleep(CHOP_MIN_MS);
    await waitFor(`${MIN_CUTS} cuts`, () => proxy.figures.cuts >= MIN_CUTS, CHOP_DEADLINE_MS - CHOP_MIN_MS);
    const choppingSeconds = (Date.now() - chopStart) / 1000;
    clearInterval(talking);
    talking = null;
    proxy.chopping = false;
    for (const chatter of chatters) chatter.markFault();
    const storedWhileCutting = inspectDatabase(dataDir).rows.length;

    const sends = chatters.flatMap((c) => c.sends);
    await waitFor(
      'every send acked and delivered once the cutting stopped',
      () =>
        chatters.every((c) => c.unacked.length === 0 && c.received.length >= idsMeantFor(c, sends).length),
      30_000,
    );
    await sleep(200);
    await room.stop();

    const { integrity, rows } = inspectDatabase(dataDir);
    assert.equal(integrity, 'ok');
    const texts = rows.map((row) => row.text);
    const stored = new Set(texts);
    const duplicates = texts.length - stored.size;
    const lost = sends.filter((send) => !stored.has(send.text)).length;
    const figures = {
      clients: chatters.length,
      choppingSeconds,
      ...proxy.figures,
      sessionsLost: chatters.reduce((total, c) => total + c.drops, 0),
      sent: sends.length,
      roomMessages: sends.filter((s) => s.to === 'room').length,
      directMessages: sends.filter((s) => s.to !== 'room').length,
      storedWhileCutting,
      unackedWhenCuttingStopped: sends.filter((s) => s.unackedAtFaults > 0).length,
      stored: rows.length,
      delivered: chatters.reduce((total, c) => total + c.received.length, 0),
      duplicates,
      lost,
    };
    console.log(`connection-drop figures: ${JSON.stringify(figures)}`);
    assert.equal(duplicates, 0, 'no send stored twice');
    assert.equal(lost, 0, 'no send lost');
    assert.equal(rows.length, sends.length, 'every send stored');
    const rowById = new Map(rows.map((row) => [row.id, row]));
    for (const send of sends) assert.equal(rowById.get(send.id ?? -1)?.text, send.text);

    assertEveryoneGotTheirs(chatters, sends, rowById);
  } finally {
    if (talking) clearInterval(talking);
    for (const chatter of chatters) chatter.connection.close();
    await proxy.close();
    await room.kill();
    rmSync(dataDir, { recursive: true, force: true });
    host.remove();
  }
});

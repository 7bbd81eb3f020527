// SIGKILL the room 20 times while four clients keep talking, restarting it each time on the same data
// directory and port. The clients get no help: they notice, reconnect, log in again, resend what was not
// acknowledged (same client ids) and resume. Afterwards the database and every client must agree exactly.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { sleep, waitFor } from '../client/support';
import { makeDataDir } from '../helpers/server';
import { assertEveryoneGotTheirs, befriendAll, Chatter, idsMeantFor, randomAddressee } from './chatter';
import { buildHost, HeadlessRoom, inspectDatabase, type StoredRow } from './headless-room';

const CYCLES = 20;
const USERS = ['ash', 'birch', 'cedar', 'dune'];
/** Each client says something this often: about 8 messages a second each, well inside the rate limit. */
const SEND_EVERY_MS = 120;
/** How long a server lives once every client is back before it is killed: random in this range. */
const LIFE_MS = [100, 500] as const;
/**
 * One cycle in four kills at a random moment of the restore (logins, resends, resume), and one in four at
 * the first ack after the restart: in the middle of flushing the backlog queued while the room was down,
 * where a message is likely to be stored with its ack still unwritten.
 */
const RESTORE_KILL_MS = [0, 300] as const;
type KillMoment = 'live' | 'restore' | 'first ack';
const killMoment = (cycle: number): KillMoment =>
  cycle % 4 === 0 ? 'restore' : cycle % 4 === 2 ? 'first ack' : 'live';

const randomBetween = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

test('20 SIGKILL/restart cycles under load: acked messages survive, every send is stored once, clients resume alone', async () => {
  const host = buildHost();
  const dataDir = makeDataDir();
  const room = new HeadlessRoom(host.entry, dataDir);
  const chatters: Chatter[] = [];
  let talking: NodeJS.Timeout | null = null;
  try {
    await room.startOnQuietPort();
    for (const name of USERS) {
      const chatter = new Chatter(name, room.port);
      chatters.push(chatter);
      await chatter.join();
    }
    await befriendAll(chatters);
    let said = 0;
    talking = setInterval(() => {
      for (const chatter of chatters) {
        const to = randomAddressee(chatter, chatters);
        chatter.say(`${chatter.username} → ${to} #${said}`, to);
      }
      said++;
    }, SEND_EVERY_MS);

    let unackedAtKills = 0;
    let ackedAtLastKill = 0;
    let killsDuringRestore = 0;
    let sentWhileDown = 0;
    const sendCount = () => chatters.reduce((total, c) => total + c.sends.length, 0);
    const ackCount = () => chatters.reduce((total, c) => total + c.sends.length - c.unacked.length, 0);
    const storedButUnacked = new Set<string>();
    const integrity: string[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const moment = killMoment(cycle);
      if (moment === 'restore') {
        await sleep(randomBetween(...RESTORE_KILL_MS));
      } else if (moment === 'first ack') {
        const acks = ackCount();
        await waitFor('an ack after the restart', () => ackCount() > acks, 15_000, 1);
      } else {
        await waitFor('every client back', () => chatters.every((c) => c.connected), 15_000);
        await sleep(randomBetween(...LIFE_MS));
      }
      killsDuringRestore += chatters.some((c) => !c.connected) ? 1 : 0;
      await room.kill();
      const sentBeforeRestart = sendCount();
      // Every ack that reached a client by now was sent by a server that had committed the message.
      const acked = chatters.flatMap((c) => c.sends.filter((s) => s.id !== null));
      ackedAtLastKill = acked.length;
      for (const chatter of chatters) unackedAtKills += chatter.markFault();
      const after = inspectDatabase(dataDir);
      integrity.push(after.integrity);
      assert.equal(after.integrity, 'ok', `integrity_check after kill ${cycle}`);
      const byCid = new Map(after.rows.map((row) => [row.cid, row]));
      for (const send of acked) {
        assert.equal(byCid.get(send.cid)?.id, send.id, `acked "${send.text}" is stored after kill ${cycle}`);
      }
      for (const chatter of chatters) {
        for (const send of chatter.unacked) if (byCid.has(send.cid)) storedButUnacked.add(send.cid);
      }
      await room.start();
      sentWhileDown += sendCount() - sentBeforeRestart;
    }

    if (talking) clearInterval(talking);
    talking = null;
    const sends = chatters.flatMap((c) => c.sends);
    await waitFor(
      'every send acked and every message shown to every client after the last restart',
      () =>
        chatters.every((c) => c.unacked.length === 0 && c.received.length >= idsMeantFor(c, sends).length),
      30_000,
    );
    await room.stop();
    const { integrity: finalIntegrity, rows } = inspectDatabase(dataDir);
    assert.equal(finalIntegrity, 'ok');

    const textCount = new Map<string, number>();
    for (const row of rows) textCount.set(row.text, (textCount.get(row.text) ?? 0) + 1);
    const duplicates = [...textCount.values()].filter((n) => n > 1).length;
    const lost = sends.filter((send) => !textCount.has(send.text)).length;
    const retried = sends.filter((s) => s.unackedAtFaults > 0).length;
    const figures = {
      cycles: CYCLES,
      killsDuringRestore,
      clients: chatters.length,
      sent: sends.length,
      roomMessages: sends.filter((s) => s.to === 'room').length,
      directMessages: sends.filter((s) => s.to !== 'room').length,
      ackedBeforeLastKill: ackedAtLastKill,
      unackedAtKills,
      sentWhileDown,
      retried,
      storedButAckLost: storedButUnacked.size,
      stored: rows.length,
      duplicates,
      lost,
      integrityOk: `${integrity.filter((r) => r === 'ok').length}/${integrity.length}`,
    };
    console.log(`sigkill figures: ${JSON.stringify(figures)}`);
    assert.equal(duplicates, 0, 'no send is stored twice');
    assert.equal(lost, 0, 'no send is lost');
    assert.equal(rows.length, sends.length);
    const rowByCid = new Map<string | null, StoredRow>(rows.map((row) => [row.cid, row]));
    for (const send of sends) assert.equal(rowByCid.get(send.cid)?.id, send.id, `"${send.text}" kept its id`);
    const rowById = new Map(rows.map((row) => [row.id, row]));

    assertEveryoneGotTheirs(chatters, sends, rowById);
    for (const chatter of chatters) {
      assert.ok(chatter.drops >= CYCLES - killsDuringRestore, `${chatter.username} reconnected by itself`);
    }
  } finally {
    if (talking) clearInterval(talking);
    for (const chatter of chatters) chatter.connection.close();
    await room.kill();
    rmSync(dataDir, { recursive: true, force: true });
    host.remove();
  }
});

// Three Hearth nodes (the shipped host bundle, separate processes) on one PostgreSQL behind a round-robin TCP
// proxy. Accounts registered through the proxy land on different nodes and talk in the default room; then
// one node is killed with SIGKILL while they talk. Its clients reconnect alone (the proxy sends them to the
// others), log in again there and resume. Afterwards every send is stored once in the shared log, every
// acked message kept its id, and every client saw every message once, in id order.
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { sleep, waitFor } from '../client/support';
import { assertEveryoneGotTheirs, Chatter, idsMeantFor } from '../crash/chatter';
import { buildHost, HeadlessRoom } from '../crash/headless-room';
import { makeDataDir } from '../helpers/server';
import { postgresMissing, psql, startPostgres } from './postgres';
import { RoundRobinProxy } from './round-robin-proxy';

const USERS = ['ash', 'birch', 'cedar', 'dune', 'elm', 'fir'];
const SEND_EVERY_MS = 150;
const missing = postgresMissing();

interface LogRow {
  id: number;
  cid: string;
  text: string;
}

/** Every message of the shared log, read with psql (not through Hearth). */
async function logRows(url: string): Promise<LogRow[]> {
  const json = await psql(
    url,
    "SELECT json_agg(json_build_object('id', id, 'cid', cid, 'text', text) ORDER BY id) FROM messages",
  );
  return (JSON.parse(json || 'null') as LogRow[] | null) ?? [];
}

test('SIGKILL of one of three nodes under load: its clients resume on the others, nothing acked is lost, nothing doubles', {
  skip: missing ?? false,
}, async () => {
  const pg = await startPostgres();
  const host = buildHost();
  const url = await pg.createDatabase('hearth');
  const dirs = [makeDataDir(), makeDataDir(), makeDataDir()];
  const nodes = dirs.map((dir) => new HeadlessRoom(host.entry, dir, ['--cluster', url]));
  const proxy = new RoundRobinProxy(() => nodes.map((n) => n.port));
  const chatters: Chatter[] = [];
  let talking: NodeJS.Timeout | null = null;
  try {
    await (nodes[0] as HeadlessRoom).startOnQuietPort();
    // One certificate for the cluster: behind one address, clients pin one fingerprint.
    for (const dir of dirs.slice(1)) {
      for (const file of [CERTIFICATE_FILE, PRIVATE_KEY_FILE])
        copyFileSync(join(dirs[0] as string, file), join(dir, file));
    }
    for (const node of nodes.slice(1)) await node.startOnQuietPort();
    await proxy.start();
    for (const name of USERS) {
      const chatter = new Chatter(name, proxy.port);
      chatters.push(chatter);
      await chatter.join();
    }
    assert.ok(
      proxy.routed.every((n) => n >= 2),
      `each node got clients: ${proxy.routed.join(', ')}`,
    );
    let said = 0;
    talking = setInterval(() => {
      for (const chatter of chatters) chatter.say(`${chatter.username} #${said}`);
      said++;
    }, SEND_EVERY_MS);
    await sleep(1500);
    const victim = nodes[1] as HeadlessRoom;
    const killedAt = Date.now();
    const ackedBefore = chatters.flatMap((c) => c.sends.filter((s) => s.id !== null)).length;
    await victim.kill();
    for (const chatter of chatters) chatter.markFault();
    await waitFor('every client back', () => chatters.every((c) => c.connected), 20_000);
    const resumedAfterMs = Date.now() - killedAt;
    const dropped = chatters.filter((c) => c.drops > 0);
    await sleep(1500);
    clearInterval(talking);
    talking = null;

    const sends = chatters.flatMap((c) => c.sends);
    await waitFor(
      'every send acked and every message shown to every client',
      () =>
        chatters.every((c) => c.unacked.length === 0 && c.received.length >= idsMeantFor(c, sends).length),
      30_000,
    );
    const rows = await logRows(url);
    const byCid = new Map(rows.map((row) => [row.cid, row]));
    const textCount = new Map<string, number>();
    for (const row of rows) textCount.set(row.text, (textCount.get(row.text) ?? 0) + 1);
    const duplicates = [...textCount.values()].filter((n) => n > 1).length;
    const lost = sends.filter((send) => !textCount.has(send.text)).length;
    console.log(
      `cluster kill figures: ${JSON.stringify({
        nodes: nodes.length,
        clients: chatters.length,
        routed: proxy.routed,
        sent: sends.length,
        ackedBeforeKill: ackedBefore,
        droppedByKill: dropped.length,
        allBackAfterMs: resumedAfterMs,
        stored: rows.length,
        duplicates,
        lost,
      })}`,
    );
    assert.ok(dropped.length > 0, 'the killed node had clients');
    assert.equal(duplicates, 0, 'no send is stored twice');
    assert.equal(lost, 0, 'no send is lost');
    assert.equal(rows.length, sends.length);
    assert.deepEqual(
      rows.map((r) => r.id),
      rows.map((_, i) => (rows[0] as LogRow).id + i),
      'the log is gapless',
    );
    for (const send of sends) assert.equal(byCid.get(send.cid)?.id, send.id, `"${send.text}" kept its id`);
    assertEveryoneGotTheirs(chatters, sends, new Map(rows.map((row) => [row.id, row])));
  } finally {
    if (talking) clearInterval(talking);
    for (const chatter of chatters) chatter.connection.close();
    await proxy.stop();
    for (const node of nodes) await node.kill();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    host.remove();
    await pg.stop();
  }
});

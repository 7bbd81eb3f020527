// A cluster as the fault tests need it: a real PostgreSQL, three node processes (the shipped host bundle)
// sharing one certificate, a round-robin TCP proxy in front, and accounts registered through it that talk in
// the default room. check() then holds the cluster to its promises (docs/cluster.md § Consistency).
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { waitFor } from '../client/support';
import { assertEveryoneGotTheirs, Chatter, idsMeantFor } from '../crash/chatter';
import { buildHost, HeadlessRoom } from '../crash/headless-room';
import { makeDataDir } from '../helpers/server';
import { psql, startPostgres, type TestPostgres } from './postgres';
import { RoundRobinProxy } from './round-robin-proxy';

interface LogRow {
  id: number;
  cid: string;
  text: string;
}

export interface ClusterFigures {
  sent: number;
  stored: number;
  duplicates: number;
  lost: number;
}

export class TestCluster {
  readonly chatters: Chatter[] = [];
  private talking: NodeJS.Timeout | null = null;

  private constructor(
    readonly pg: TestPostgres,
    readonly url: string,
    readonly nodes: HeadlessRoom[],
    readonly proxy: RoundRobinProxy,
    private readonly dirs: string[],
    private readonly removeHost: () => void,
  ) {}

  /** `flags`: more host flags for every node (such as --presence-grace); `size` nodes (default 3). */
  static async start(
    users: readonly string[],
    flags: readonly string[] = [],
    size = 3,
  ): Promise<TestCluster> {
    const pg = await startPostgres();
    const host = buildHost();
    const url = await pg.createDatabase('hearth');
    const dirs = Array.from({ length: size }, () => makeDataDir());
    const nodes = dirs.map((dir) => new HeadlessRoom(host.entry, dir, ['--cluster', url, ...flags]));
    const proxy = new RoundRobinProxy(() => nodes.map((n) => n.port));
    const cluster = new TestCluster(pg, url, nodes, proxy, dirs, host.remove);
    try {
      await (nodes[0] as HeadlessRoom).startOnQuietPort();
      // One certificate for the cluster: behind one address, clients pin one fingerprint.
      for (const dir of dirs.slice(1)) {
        for (const file of [CERTIFICATE_FILE, PRIVATE_KEY_FILE])
          copyFileSync(join(dirs[0] as string, file), join(dir, file));
      }
      for (const node of nodes.slice(1)) await node.startOnQuietPort();
      await proxy.start();
      for (const name of users) {
        const chatter = new Chatter(name, proxy.port);
        cluster.chatters.push(chatter);
        await chatter.join();
      }
    } catch (error) {
      await cluster.dispose();
      throw error;
    }
    return cluster;
  }

  /** Every client says something in the default room this often, until quiet(). */
  talk(everyMs: number): void {
    let said = 0;
    this.talking = setInterval(() => {
      for (const chatter of this.chatters) chatter.say(`${chatter.username} #${said}`);
      said++;
    }, everyMs);
  }

  quiet(): void {
    if (this.talking) clearInterval(this.talking);
    this.talking = null;
  }

  /** Every message of the shared log, read with psql (not through Hearth). */
  async logRows(): Promise<LogRow[]> {
    const json = await psql(
      this.url,
      "SELECT json_agg(json_build_object('id', id, 'cid', cid, 'text', text) ORDER BY id) FROM messages",
    );
    return (JSON.parse(json || 'null') as LogRow[] | null) ?? [];
  }

  /**
   * After quiet(): every send acked and shown; in the log each send once, gapless, with the id its ack said;
   * every client saw every message once, in id order.
   */
  async check(): Promise<ClusterFigures> {
    const sends = this.chatters.flatMap((c) => c.sends);
    await waitFor(
      'every send acked and every message shown to every client',
      () =>
        this.chatters.every(
          (c) => c.unacked.length === 0 && c.received.length >= idsMeantFor(c, sends).length,
        ),
      30_000,
    );
    const rows = await this.logRows();
    const textCount = new Map<string, number>();
    for (const row of rows) textCount.set(row.text, (textCount.get(row.text) ?? 0) + 1);
    const figures = {
      sent: sends.length,
      stored: rows.length,
      duplicates: [...textCount.values()].filter((n) => n > 1).length,
      lost: sends.filter((send) => !textCount.has(send.text)).length,
    };
    assert.equal(figures.duplicates, 0, 'no send is stored twice');
    assert.equal(figures.lost, 0, 'no send is lost');
    assert.equal(rows.length, sends.length);
    const changes = await psql(this.url, 'SELECT json_agg(id) FROM changes');
    const ids = [...rows.map((r) => r.id), ...((JSON.parse(changes || 'null') as number[] | null) ?? [])]
      .filter((id) => id >= (rows[0] as LogRow).id)
      .sort((x, y) => x - y);
    assert.deepEqual(
      ids,
      ids.map((_, i) => (rows[0] as LogRow).id + i),
      'the log (messages and other changes) is gapless',
    );
    const byCid = new Map(rows.map((row) => [row.cid, row]));
    for (const send of sends) assert.equal(byCid.get(send.cid)?.id, send.id, `"${send.text}" kept its id`);
    assertEveryoneGotTheirs(this.chatters, sends, new Map(rows.map((row) => [row.id, row])));
    return figures;
  }

  async dispose(): Promise<void> {
    this.quiet();
    for (const chatter of this.chatters) chatter.connection.close();
    await this.proxy.close();
    for (const node of this.nodes) await node.kill();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.removeHost();
    await this.pg.stop();
  }
}

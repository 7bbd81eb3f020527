// Presence across the nodes (docs/cluster.md § Presence): each node keeps a row in PostgreSQL for every
// account connected to it and beats its heart every second; any node's heartbeat also reaps the rows of a
// node silent for longer than the grace period. Friends are told an account went offline only when its
// last row anywhere is gone, so someone whose node died and who reconnects to another within the grace
// period never blinks offline; someone who does not come back goes offline when the grace period ends.
// Every change is NOTIFYed on PRESENCE_CHANNEL in its transaction; each node keeps the other nodes' rows in
// memory from those notifications (read afresh after its listening connection was lost).
import type { Pool } from 'pg';
import type { ServerContext } from '../context';
import { announcePresence, type Presence } from '../presence';
import { isGuestKey } from '../store/message-rows';

export const PRESENCE_CHANNEL = 'hearth_presence';

export interface PresenceTiming {
  /** How long a silent node's rows stay; default 10 s. */
  graceMs?: number;
  /** How often this node says it is alive (and reaps); default 1 s. */
  heartbeatMs?: number;
}

export class PresenceRows implements Presence {
  /** The accounts online on other nodes, with those nodes. */
  private readonly elsewhere = new Map<string, Set<string>>();
  private ctx: ServerContext | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  /** A row write failed: this node's rows are written afresh after the next heartbeat. */
  private stale = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly graceMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly node: string,
    timing: PresenceTiming,
    private readonly log: (line: string) => void,
  ) {
    this.graceMs = timing.graceMs ?? 10_000;
    this.heartbeatMs = timing.heartbeatMs ?? 1000;
  }

  /** Clears this node's rows of an earlier run under the same name, beats once, reads the others' rows. */
  async start(): Promise<void> {
    await this.pool.query('SELECT hearth_presence_reset($1)', [this.node]);
    await this.beat();
    await this.reload();
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    this.timer.unref();
  }

  attach(ctx: ServerContext): void {
    this.ctx = ctx;
  }

  isOnline(key: string): boolean {
    return this.elsewhere.has(key) || this.ctx?.online.isOnline(key) === true;
  }

  changed(key: string, username: string, online: boolean): void {
    // Here the account's first connection arrived or its last left: that is news only if no other node has it.
    if (!this.elsewhere.has(key) && this.ctx)
      announcePresence(this.ctx.online, this.ctx.store, key, username, online);
    this.inTurn(() => this.pool.query('SELECT hearth_presence($1, $2, $3)', [this.node, key, online]));
  }

  /** A NOTIFY: `node<TAB>key<TAB>1|0`, or `node<TAB><TAB>0` when a node's rows were reaped. */
  notified(payload: string): void {
    const [node, key, on] = payload.split('\t');
    if (node === undefined || node === this.node) return;
    if (key) this.seen(node, key, on === '1');
    else for (const [k, nodes] of [...this.elsewhere]) if (nodes.has(node)) this.seen(node, k, false);
  }

  /** Every other node's rows, read afresh (at start, and after notifications may have been lost). */
  async reload(): Promise<void> {
    const { rows } = await this.pool.query<{ node: string; user_key: string }>(
      'SELECT node, user_key FROM presence WHERE node <> $1',
      [this.node],
    );
    const now = new Set(rows.map((r) => `${r.node}\t${r.user_key}`));
    for (const [key, nodes] of [...this.elsewhere])
      for (const node of [...nodes]) if (!now.has(`${node}\t${key}`)) this.seen(node, key, false);
    for (const row of rows) this.seen(row.node, row.user_key, true);
  }

  /** This node is leaving: its rows go now, not after the grace period. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.tail;
    await this.pool
      .query('SELECT hearth_presence_reset($1)', [this.node])
      .catch((error: Error) => this.log(`error clearing this node's presence: ${error.message}`));
  }

  private seen(node: string, key: string, online: boolean): void {
    const before = this.isOnline(key);
    const nodes = this.elsewhere.get(key) ?? new Set<string>();
    if (online) nodes.add(node);
    else nodes.delete(node);
    if (nodes.size > 0) this.elsewhere.set(key, nodes);
    else this.elsewhere.delete(key);
    const ctx = this.ctx;
    if (ctx && this.isOnline(key) !== before)
      announcePresence(ctx.online, ctx.store, key, ctx.store.findUser(key)?.username ?? key, !before);
  }

  private async beat(): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ known: boolean }>('SELECT hearth_heartbeat($1, $2) AS known', [
        this.node,
        this.graceMs,
      ]);
      // Reaped meanwhile (PostgreSQL was out of reach longer than the grace period), or a write failed.
      if (rows[0]?.known === false || this.stale) this.rewrite();
    } catch (error) {
      this.log(`presence heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** This node's rows as they are now: the accounts with a connection here. */
  private rewrite(): void {
    this.stale = false;
    const keys = [...(this.ctx?.online.everyone() ?? [])]
      .map(([key]) => key)
      .filter((key) => !isGuestKey(key));
    this.inTurn(() => this.pool.query('SELECT hearth_presence_rewrite($1, $2)', [this.node, keys]));
  }

  /** Row writes go one at a time, in the order the connections came and went. */
  private inTurn(write: () => Promise<unknown>): void {
    this.tail = this.tail.then(write).catch((error: Error) => {
      this.stale = true;
      this.log(`error writing presence: ${error.message}`);
    });
  }
}

// A cluster node's MessageLog (docs/cluster.md): a group commit is one call of hearth_append in PostgreSQL
// (one round trip: lock the log head, number the batch, NOTIFY, commit), a change to shared state one call
// of hearth_change, in the order this node made them; LogFollower delivers every node's messages and applies
// every other node's changes in id order. NOTIFY is the fast path; a poll of the log head covers a
// notification lost while the listening connection was down, so after a reconnect the node reads what it
// missed.
import pg from 'pg';
import type { FileMeta } from '../../../src-shared/file-protocol';
import type { ServerContext } from '../context';
import type { OpenLog } from '../message-log';
import { isGuestKey, messageConv, roomOf, wireConv } from '../store/message-rows';
import type { AppendResult, LoggedMessage, NewMessage, NoticeKind, StoredMessage } from '../store/store';
import { applyWithEffects } from './change-effects';
import { type LogEntry, LogFollower } from './log-follower';
import { PRESENCE_CHANNEL, PresenceRows, type PresenceTiming } from './presence-rows';
import {
  applyChange,
  decodeChange,
  encodeChange,
  replicatedStore,
  type StoreChange,
} from './replicated-store';
import { RoomIds } from './room-ids';
import { LOG_CHANNEL, migrate } from './schema';
import { SharedThrottles, THROTTLE_CHANNEL } from './shared-throttles';

export interface ClusterOptions extends PresenceTiming {
  /** postgres://… */
  url: string;
  /** This node's name in the log (which node appended a message); default: host name and process id. */
  node: string;
  /** How often the log head is read besides NOTIFY; default 500 ms. */
  pollMs?: number;
}

interface AppendRow {
  out_id: string;
  out_ts: string;
  out_duplicate: boolean;
}

/** A message, or (`change` not null) another change, which leaves the message columns null. */
interface PgLogRow {
  id: string;
  change: string | null;
  ts: string;
  conv: string;
  sender: string;
  sender_key: string;
  recipient: string | null;
  recipient_key: string | null;
  text: string;
  cid: string | null;
  delivered: boolean;
  notice: NoticeKind | null;
  reply_to: string | null;
  mentions: string[];
  mentions_room: boolean;
  file: string | null;
  node: string;
}

const RECONNECT_MS = 1000;

/**
 * PostgreSQL text holds no NUL, which a message's text, cid or file name may (they are kept exactly):
 * NUL and the escape character itself are escaped, so any other text is stored as it is.
 */
function toPgText(text: string): string {
  return text.replace(/[%\0]/g, (c) => (c === '%' ? '%25' : '%00'));
}

function fromPgText(text: string): string {
  return text.replace(/%(25|00)/g, (_, code: string) => (code === '25' ? '%' : '\0'));
}

/** The batch as hearth_append reads it (schema.ts). */
function appendJson(batch: readonly NewMessage[]): string {
  return JSON.stringify(
    batch.map((m) => ({
      ...m,
      conv: messageConv(m),
      text: toPgText(m.text),
      cid: m.cid === null ? null : toPgText(m.cid),
      file: m.file ? toPgText(JSON.stringify(m.file)) : null,
    })),
  );
}

/** What the ack of a fresh or duplicate send needs; the follower replaces it with the stored copy. */
function asStored(m: NewMessage, id: number, timestamp: number): StoredMessage {
  return {
    id,
    timestamp,
    sender: m.sender,
    text: m.text,
    recipient: m.recipient,
    conv: wireConv(messageConv(m)),
    notice: m.notice ?? null,
    deleted: false,
    replyTo: null,
    editedAt: null,
    rev: 0,
    mentions: m.mentions ?? [],
    mentionsRoom: m.mentionsRoom ?? false,
    guest: isGuestKey(m.senderKey),
    ...(m.file ? { file: m.file } : {}),
  };
}

function fromRow(row: PgLogRow): LogEntry {
  if (row.change !== null) return { id: Number(row.id), node: row.node, change: decodeChange(row.change) };
  const roomId = row.recipient_key === null ? roomOf(row.conv) : null;
  return {
    id: Number(row.id),
    timestamp: Number(row.ts),
    senderKey: row.sender_key,
    sender: row.sender,
    recipientKey: row.recipient_key,
    recipient: row.recipient,
    text: fromPgText(row.text),
    cid: row.cid === null ? null : fromPgText(row.cid),
    delivered: row.delivered,
    ...(roomId === null ? {} : { roomId }),
    ...(row.notice === null ? {} : { notice: row.notice }),
    ...(row.reply_to === null ? {} : { replyTo: Number(row.reply_to) }),
    ...(row.mentions.length > 0 ? { mentions: row.mentions } : {}),
    ...(row.mentions_room ? { mentionsRoom: true } : {}),
    // Written by hearth_append from a checked FileMeta.
    ...(row.file === null ? {} : { file: JSON.parse(fromPgText(row.file)) as FileMeta }),
    node: row.node,
  };
}

/** The log's messages and changes after `after`, up to `upTo`, in id order. */
async function readLog(pool: pg.Pool, after: number, upTo: number, limit: number): Promise<LogEntry[]> {
  const { rows } = await pool.query<PgLogRow>(
    `(SELECT id, NULL AS change, ts, conv, sender, sender_key, recipient, recipient_key, text, cid,
             delivered, notice, reply_to, mentions, mentions_room, file, node
      FROM messages WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3)
     UNION ALL
     (SELECT id, change, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, node
      FROM changes WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3)
     ORDER BY id LIMIT $3`,
    [after, upTo, limit],
  );
  return rows.map(fromRow);
}

/** One group commit: ids under the log head's lock, a retried cid answered as a duplicate. */
async function appendMessages(pool: pg.Pool, node: string, batch: readonly NewMessage[]) {
  const { rows } = await pool.query<AppendRow>('SELECT * FROM hearth_append($1::jsonb, $2)', [
    appendJson(batch),
    node,
  ]);
  if (rows.length !== batch.length)
    throw new Error(`the shared log answered ${rows.length} of ${batch.length}`);
  const fresh: LoggedMessage[] = [];
  const result = rows.map((row, i): AppendResult => {
    const m = batch[i] as NewMessage;
    const id = Number(row.out_id);
    if (!row.out_duplicate) fresh.push({ ...m, id });
    return { message: asStored(m, id, Number(row.out_ts)), duplicate: row.out_duplicate };
  });
  return { fresh, result };
}

/** A change this node applied already: it must reach the log, after whatever this node appended before it. */
async function appendChangeUntilStored(
  pool: pg.Pool,
  node: string,
  change: StoreChange,
  log: (line: string) => void,
  closed: () => boolean,
) {
  const text = encodeChange(change);
  for (;;) {
    try {
      const { rows } = await pool.query<{ id: string }>('SELECT hearth_change($1, $2) AS id', [text, node]);
      return { fresh: [{ id: Number(rows[0]?.id), change }], result: undefined };
    } catch (error) {
      if (closed()) throw error;
      log(`error appending a change to the shared log (${(error as Error).message}); trying again`);
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }
}

/** Runs what it is given one at a time, in order; a failure does not stop the ones after it. */
function oneAtATime(): <T>(run: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (run) => {
    const next = tail.then(run, run);
    tail = next.catch(() => {});
    return next;
  };
}

export function openClusterLog(options: ClusterOptions): OpenLog {
  return async (store, deliver, log) => {
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    // An idle pooled connection that breaks (PostgreSQL restarted) is replaced on the next query.
    pool.on('error', (error) => log(`shared log connection lost: ${error.message}`));
    await migrate(pool);
    let ctx: ServerContext | null = null;
    const applyRemote = (change: StoreChange) => {
      const apply = () => applyChange(store, change);
      if (ctx) applyWithEffects(ctx, change, apply);
      else apply();
    };
    const fetch = (after: number, upTo: number, limit: number) => readLog(pool, after, upTo, limit);
    const follower = new LogFollower(options.node, store, deliver, fetch, applyRemote, log);
    const roomIds = new RoomIds(pool, log);
    await roomIds.fill();
    const readHead = () =>
      pool
        .query<{ last_id: string }>('SELECT last_id FROM log_head')
        .then(({ rows }) => follower.advanceTo(Number(rows[0]?.last_id ?? 0)))
        .catch((error: Error) => log(`error reading the shared log head: ${error.message}`));
    const presence = new PresenceRows(pool, options.node, options, log);
    let throttles: SharedThrottles | null = null;
    const onHead = (payload: string) => {
      const head = Number(payload);
      if (Number.isSafeInteger(head)) follower.advanceTo(head);
    };
    const reconnected = () => {
      void readHead();
      presence.reload().catch((error: Error) => log(`error reading presence: ${error.message}`));
    };
    const listener = new Listener(
      options.url,
      {
        [LOG_CHANNEL]: onHead,
        [PRESENCE_CHANNEL]: (payload) => presence.notified(payload),
        [THROTTLE_CHANNEL]: (payload) => throttles?.notified(payload),
      },
      reconnected,
      log,
    );
    await listener.start();
    await readHead();
    await presence.start();
    const poll = setInterval(readHead, options.pollMs ?? 500);
    poll.unref();

    // This node's appends go one at a time, in the order they were made: a room's creation before the
    // notice said in it.
    const inTurn = oneAtATime();
    let closed = false;
    const appendChange = (change: StoreChange) =>
      appendChangeUntilStored(pool, options.node, change, log, () => closed);
    const publishChange = (change: StoreChange) => {
      follower
        .track(inTurn(() => appendChange(change)))
        .catch((error: Error) => log(`change not shared (closing): ${error.message}`));
    };

    return {
      append: (batch) => follower.track(inTurn(() => appendMessages(pool, options.node, batch))),
      publish: (fresh) => follower.publish(fresh),
      store: replicatedStore(store, publishChange, () => roomIds.take()),
      presence,
      attach(context) {
        ctx = context;
        presence.attach(context);
        throttles = new SharedThrottles(pool, options.node, context.throttles, log);
      },
      async close() {
        closed = true;
        clearInterval(poll);
        await presence.stop();
        follower.stop();
        await listener.stop();
        await pool.end();
      },
    };
  };
}

/** The LISTEN connection: reconnects after a loss, then has what it missed read again. */
class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    /** What each channel's payload is for. */
    private readonly channels: Record<string, (payload: string) => void>,
    private readonly onReconnect: () => void,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => this.channels[message.channel]?.(message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    for (const channel of Object.keys(this.channels)) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.log(`shared log notifications lost (${error.message}); reconnecting`);
    client.end().catch(() => {});
    this.retry();
  }

  private retry(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      this.start().then(this.onReconnect, (error: Error) => {
        this.log(`shared log notifications: ${error.message}; trying again`);
        this.retry();
      });
    }, RECONNECT_MS);
    this.timer.unref();
  }
}

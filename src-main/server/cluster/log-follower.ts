// A cluster node follows the shared log from its cursor (docs/cluster.md): every message, whoever appended
// it, is copied into this node's SQLite file under its log id and then delivered to this node's clients,
// strictly in id order; every other node's change to shared state (replicated-store.ts) is applied in its
// place in that order. Its own fresh messages come with their senders' acks (publish); everything else is
// read from the log (fetch), after a NOTIFY or a poll said the head moved. While one of this node's appends
// is out, nothing is delivered: those ids may be next, and their acks must go in their place.
import { DEFAULT_ROOM_ID } from '../../../src-shared/protocol';
import type { Deliver, Delivery } from '../message-log';
import { messageResponse, toLine } from '../responses';
import type { ChatStore, LoggedMessage } from '../store/store';
import type { StoreChange } from './replicated-store';

/** A message of the log with the node that appended it. */
export interface LogRow extends LoggedMessage {
  node: string;
}

/** Another change to shared state; null when this node does not know the operation (a newer node's). */
export interface ChangeRow {
  id: number;
  node: string;
  change: StoreChange | null;
}

export type LogEntry = LogRow | ChangeRow;

/** What one of this node's appends numbered. */
export type Numbered = LoggedMessage | Omit<ChangeRow, 'node'>;

/** Entries with ids in (after, upTo], ascending, at most `limit`. */
export type FetchRange = (after: number, upTo: number, limit: number) => Promise<LogEntry[]>;

/** Applies another node's change to this node's store, and tells this node's clients. */
export type ApplyChange = (change: StoreChange) => void;

function isChange(entry: LogEntry): entry is ChangeRow {
  return 'change' in entry;
}

/** The most entries one read from the log brings, and so one SQLite transaction holds. */
const FETCH_LIMIT = 500;

export class LogFollower {
  private cursor: number;
  /** The newest id the log is known to have. */
  private head: number;
  private appending = 0;
  private draining = false;
  /** This node's fresh messages by id as the log numbered them, until their turn comes. */
  private readonly ownRows = new Map<number, LogEntry>();
  /** Their senders' acks (publish), when the answer got that far. */
  private readonly ownAcks = new Map<number, Delivery>();
  private stopped = false;

  constructor(
    /** This node's name in the log. */
    private readonly node: string,
    private readonly store: ChatStore,
    private readonly deliver: Deliver,
    private readonly fetch: FetchRange,
    private readonly applyChange: ApplyChange,
    private readonly log: (line: string) => void,
  ) {
    this.cursor = store.logCursor();
    this.head = this.cursor;
  }

  /** The log has at least this id (a NOTIFY, a poll). A poll also retries a read that failed. */
  advanceTo(head: number): void {
    if (head > this.head) this.head = head;
    if (this.cursor < this.head) void this.drain();
  }

  /**
   * One of this node's appends, resolving with the fresh messages (or the change) it numbered: deliveries
   * wait until it is answered and its messages published.
   */
  track<T>(append: Promise<{ fresh: Numbered[]; result: T }>): Promise<T> {
    this.appending++;
    return append
      .then(({ fresh, result }) => {
        for (const row of fresh) {
          this.ownRows.set(row.id, { ...row, node: this.node } as LogEntry);
          if (row.id > this.head) this.head = row.id;
        }
        return result;
      })
      .finally(() => {
        this.appending--;
        // publish() runs in the answer's continuation; the drain waits for it.
        setImmediate(() => void this.drain());
      });
  }

  /** Called once per message of a commit's answer: the drain waits until the answer has handed over all. */
  publish(fresh: readonly Delivery[]): void {
    for (const delivery of fresh) this.ownAcks.set(delivery.message.id, delivery);
    queueMicrotask(() => void this.drain());
  }

  stop(): void {
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (!this.stopped && this.appending === 0 && this.cursor < this.head) {
        const next = this.ownRows.get(this.cursor + 1);
        const rows = next ? [next] : await this.fetch(this.cursor, this.head, FETCH_LIMIT);
        if (rows.length === 0 || (rows[0] as LogEntry).id !== this.cursor + 1) {
          this.log(
            `the shared log has no id ${this.cursor + 1} yet (head ${this.head}); reading again later`,
          );
          break;
        }
        this.apply(rows);
      }
    } catch (error) {
      this.log(`error following the shared log at id ${this.cursor}: ${String(error)}`);
    } finally {
      this.draining = false;
    }
  }

  /** The next entries of the log, in order: runs of messages are copied in one transaction each. */
  private apply(entries: readonly LogEntry[]): void {
    let run: LogRow[] = [];
    for (const entry of entries) {
      if (!isChange(entry)) {
        run.push(entry);
        continue;
      }
      this.copy(run);
      run = [];
      this.change(entry);
    }
    this.copy(run);
  }

  /** Ours was applied when it happened; another node's is applied now, in its place. */
  private change(entry: ChangeRow): void {
    const own = entry.node === this.node;
    this.ownRows.delete(entry.id);
    const { change } = entry;
    if (!own && change === null) this.log(`skipping change ${entry.id} of the shared log: unknown here`);
    try {
      this.store.applyLogged(entry.id, () => {
        if (!own && change !== null) this.applyChange(change);
      });
    } catch (error) {
      // A change that cannot apply here (it contradicts this node's copy) must not stop the log.
      this.log(`error applying change ${entry.id} of the shared log: ${String(error)}`);
      this.store.applyLogged(entry.id, () => {});
    }
    this.cursor = entry.id;
  }

  /** Messages, ours among them with their senders' acks. */
  private copy(rows: readonly LogRow[]): void {
    if (rows.length === 0) return;
    const stored = this.store.copyLogged(rows);
    this.cursor = (rows.at(-1) as LogRow).id;
    for (const [i, message] of stored.entries()) {
      const row = rows[i] as LogRow;
      const own = this.ownAcks.get(row.id);
      this.ownAcks.delete(row.id);
      this.ownRows.delete(row.id);
      this.deliver({
        message,
        line: toLine(messageResponse(message)),
        senderKey: row.senderKey,
        recipientKey: row.recipientKey,
        roomId: row.roomId ?? DEFAULT_ROOM_ID,
        origin: own?.origin ?? null,
        ack: own?.ack ?? null,
      });
    }
  }
}

// Group commit: the messages of one event-loop turn are stored in one transaction; only then is each sender
// acked and each message delivered. A room message is serialised and encoded once, and the one Buffer is
// shared by every recipient: the online members of its room (RoomAudience). Where the batch is stored and how
// it reaches the recipients is the MessageLog's business (message-log.ts): the single room's SQLite answers at
// once; a cluster node's shared log answers later, and meanwhile the next turns' sends wait for one commit.

import { DEFAULT_ROOM_ID, SERVER_SENDER } from '../../src-shared/protocol';
import type { Connection } from './connection';
import { attempt, type Delivery, type MaybePromise, type MessageLog } from './message-log';
import type { Online } from './online';
import { errorLine, isoTime, messageResponse, toLine } from './responses';
import type { RoomNotices } from './room-notices';
import type { AppendResult, NewMessage } from './store/store';

/** A send waiting for this turn's group commit: the message to store, and whom to answer. */
export interface PendingSend extends Omit<NewMessage, 'timestamp' | 'delivered'> {
  connection: Connection;
  /** Classic sends (string content) are echoed back as the message itself, since classic clients know no ack. */
  classic: boolean;
  re: string | undefined;
}

export class MessageBatch {
  private pending: PendingSend[] = [];
  /** A commit the log has not answered yet: the sends arriving meanwhile form the next batch. */
  private committing = false;

  constructor(
    private readonly messages: MessageLog,
    private readonly online: Online,
    private readonly notices: RoomNotices,
    private readonly log: (line: string) => void,
    /** Arrange for commit() at the end of this event-loop turn. */
    private readonly schedule: () => void,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(send: PendingSend): void {
    this.pending.push(send);
    if (this.pending.length === 1) this.schedule();
  }

  commit(): void {
    if (this.pending.length === 0 || this.committing) return;
    const batch = this.pending;
    this.pending = [];
    const now = Date.now();
    const rows: NewMessage[] = batch.map((s) => ({
      senderKey: s.senderKey,
      sender: s.sender,
      recipientKey: s.recipientKey,
      recipient: s.recipient,
      text: s.text,
      // docs/protocol.md § msg: (sender, cid) is unique per account, per session for a guest.
      cid: s.cid === null ? null : `${s.connection.user?.cidScope ?? ''}${s.cid}`,
      timestamp: now,
      delivered: s.recipientKey === null || this.online.isOnline(s.recipientKey),
      ...(s.roomId === undefined ? {} : { roomId: s.roomId }),
      ...(s.replyTo === undefined ? {} : { replyTo: s.replyTo }),
      ...(s.mentions?.length ? { mentions: s.mentions } : {}),
      ...(s.mentionsRoom ? { mentionsRoom: true } : {}),
      ...(s.file ? { file: s.file } : {}),
    }));
    const results = this.appendEach(rows, batch);
    if (!(results instanceof Promise)) {
      this.answer(batch, results);
      return;
    }
    this.committing = true;
    results
      .then((settled) => this.answer(batch, settled))
      .catch((error: unknown) => this.log(`error answering a group commit: ${String(error)}`))
      .finally(() => {
        this.committing = false;
        if (this.pending.length > 0) this.schedule();
      });
  }

  /** A notice said by the room itself (room-events.ts): stored like a message, sent to the whole room. */
  postNotice(row: NewMessage & { roomId: number }): void {
    const post = ([result]: AppendResult[]): void => {
      if (!result) return;
      if (row.roomId === DEFAULT_ROOM_ID) this.notices.flush();
      this.messages.publish([delivery(result, row, null)]);
    };
    // A synchronous failure reaches the handler that posted the notice; a later one can only be logged.
    const stored = this.messages.append([row]);
    if (stored instanceof Promise)
      stored.then(post, (error: unknown) => this.log(`error storing a notice: ${String(error)}`));
    else post(stored);
  }

  /**
   * Each send in the batch's order: an error, an ack for a duplicate, or a fresh message handed to the log,
   * which sends its ack (or classic echo) and then the message to its audience, after every earlier id.
   */
  private answer(batch: PendingSend[], results: (AppendResult | null)[]): void {
    // Pending join/leave notices go first: nobody should see someone speak before seeing them join.
    this.notices.flush();
    for (let i = 0; i < batch.length; i++) {
      const send = batch[i] as PendingSend;
      const result = results[i];
      if (!result) {
        send.connection.send(
          errorLine('server_error', 'the message could not be stored; send it again', send.re),
        );
      } else if (result.duplicate) {
        // An old id needs no place in the order of deliveries.
        if (send.classic) send.connection.send(toLine(messageResponse(result.message)));
        else if (send.cid !== null) send.connection.send(ackLine(send.cid, send.re, result));
      } else {
        const fresh = delivery(result, send, send.connection);
        if (send.classic) fresh.ack = fresh.line;
        else if (send.cid !== null) fresh.ack = ackLine(send.cid, send.re, result);
        this.messages.publish([fresh]);
      }
    }
  }

  /**
   * One transaction for the whole batch. If it fails, each message is retried alone, so one bad message (or a
   * passing fault) costs only the sends that really failed; those get null.
   */
  private appendEach(rows: NewMessage[], batch: PendingSend[]): MaybePromise<(AppendResult | null)[]> {
    return attempt<AppendResult[], (AppendResult | null)[]>(
      () => this.messages.append(rows),
      (results) => results,
      (error) => {
        this.log(`error storing ${rows.length} message(s) together, retrying one by one: ${String(error)}`);
        const each = rows.map((row, i) =>
          attempt<AppendResult[], AppendResult | null>(
            () => this.messages.append([row]),
            (results) => results[0] ?? null,
            (failure) => {
              this.log(`error storing a message from ${batch[i]?.connection.label}: ${String(failure)}`);
              return null;
            },
          ),
        );
        return each.some((r) => r instanceof Promise) ? Promise.all(each) : (each as (AppendResult | null)[]);
      },
    );
  }
}

function ackLine(cid: string, re: string | undefined, { message, duplicate }: AppendResult): string {
  return toLine({
    timestamp: isoTime(),
    sender: SERVER_SENDER,
    response: 'ack',
    content: { cid, id: message.id, timestamp: isoTime(message.timestamp), duplicate },
    ...(re === undefined ? {} : { re }),
  });
}

function delivery(
  result: AppendResult,
  row: Pick<NewMessage, 'senderKey' | 'recipientKey' | 'roomId'>,
  origin: Connection | null,
): Delivery {
  return {
    message: result.message,
    line: toLine(messageResponse(result.message)),
    senderKey: row.senderKey,
    recipientKey: row.recipientKey,
    roomId: row.roomId ?? DEFAULT_ROOM_ID,
    origin,
    ack: null,
  };
}

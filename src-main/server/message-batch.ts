// Group commit: the messages of one event-loop turn are stored in one SQLite transaction; only then is each
// sender acked and each message delivered. A room message is serialised and encoded once, and the one Buffer
// is shared by every recipient: the online members of its room (RoomAudience).

import { DEFAULT_ROOM_ID, SERVER_SENDER } from '../../src-shared/protocol';
import type { Connection } from './connection';
import type { Online } from './online';
import { errorLine, isoTime, messageResponse, sharedLine, toLine } from './responses';
import type { RoomAudience } from './room-audience';
import type { RoomNotices } from './room-notices';
import type { AppendResult, ChatStore, NewMessage } from './store/store';

/** A send waiting for this turn's group commit: the message to store, and whom to answer. */
export interface PendingSend extends Omit<NewMessage, 'timestamp' | 'delivered'> {
  connection: Connection;
  /** Classic sends (string content) are echoed back as the message itself, since classic clients know no ack. */
  classic: boolean;
  re: string | undefined;
}

export class MessageBatch {
  private pending: PendingSend[] = [];

  constructor(
    private readonly store: ChatStore,
    private readonly online: Online,
    private readonly audience: RoomAudience,
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
    if (this.pending.length === 0) return;
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
    // Pending join/leave notices go first: nobody should see someone speak before seeing them join.
    this.notices.flush();
    for (let i = 0; i < batch.length; i++) {
      const send = batch[i] as PendingSend;
      const result = results[i];
      if (!result) {
        send.connection.send(
          errorLine('server_error', 'the message could not be stored; send it again', send.re),
        );
        continue;
      }
      const { message, duplicate } = result;
      const line = duplicate ? null : toLine(messageResponse(message));
      if (send.classic) {
        send.connection.send(line ?? toLine(messageResponse(message)));
      } else if (send.cid !== null) {
        send.connection.send(
          toLine({
            timestamp: isoTime(),
            sender: SERVER_SENDER,
            response: 'ack',
            content: { cid: send.cid, id: message.id, timestamp: isoTime(message.timestamp), duplicate },
            ...(send.re === undefined ? {} : { re: send.re }),
          }),
        );
      }
      if (line === null) continue;
      if (send.recipientKey === null) {
        this.audience.send(send.roomId ?? DEFAULT_ROOM_ID, sharedLine(line), send.connection);
      } else {
        this.online.sendToUser(send.recipientKey, line);
        this.online.sendToUser(send.senderKey, line, send.connection);
      }
    }
  }

  /**
   * One transaction for the whole batch. If it fails, each message is retried alone, so one bad message (or a
   * passing fault) costs only the sends that really failed; those get null.
   */
  private appendEach(rows: NewMessage[], batch: PendingSend[]): (AppendResult | null)[] {
    try {
      return this.store.appendMessages(rows);
    } catch (error) {
      this.log(`error storing ${rows.length} message(s) together, retrying one by one: ${String(error)}`);
    }
    return rows.map((row, i) => {
      try {
        return this.store.appendMessages([row])[0] ?? null;
      } catch (error) {
        this.log(`error storing a message from ${batch[i]?.connection.label}: ${String(error)}`);
        return null;
      }
    });
  }
}

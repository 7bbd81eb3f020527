// Ordered delivery: every stored message reaches the user exactly once and in id order, whether it came
// as a live push, in a resume page or as the ack of our own send. While a session is being restored, live
// pushes and our acked sends wait here until resume has caught up, then go out merged in id order; pushes
// that change a stored message (edits, reactions, deletions) wait too and follow them, so a change never
// arrives before the message it changes.
import type { MessageResponse } from '../../src-shared/protocol';
import { MAX_HELD_PUSHES } from './bounds';
import { SeenMessages } from './seen-messages';
import type { ReceivedMessage } from './types';

export interface DeliveryHooks {
  emit(message: ReceivedMessage): void;
  /** True while a session is being restored: live pushes wait. */
  recovering(): boolean;
  /** The room pushed more than can be held while catching up; the link should be closed for it. */
  overflow(why: string): void;
}

export class OrderedDelivery {
  private readonly seen = new SeenMessages();
  private liveBuffer: MessageResponse[] = [];
  /** Change pushes that arrived while catching up, in arrival order. */
  private changes: (() => void)[] = [];
  /** Our own sends acked during recovery, shown in id order once resume has placed them. */
  private readonly heldOwn = new Map<number, ReceivedMessage>();

  constructor(private readonly hooks: DeliveryHooks) {}

  /** The id to resume from: every message up to here has been delivered. */
  get since(): number {
    return this.seen.since;
  }

  /** A new session: the server's "now" is where counting starts. */
  startOver(since: number): void {
    this.heldOwn.clear();
    this.seen.reset(since);
  }

  /**
   * A restored session on a room whose newest id is below ours lost its history (a new data dir): count
   * from its ids, or everything said from now on would look already seen.
   */
  followServer(lastId: number): void {
    if (lastId < this.seen.since) this.seen.reset(lastId);
  }

  /** A live push. */
  pushed(message: MessageResponse): void {
    if (!this.hooks.recovering()) {
      this.streamed(message);
    } else if (this.liveBuffer.length < MAX_HELD_PUSHES) {
      this.liveBuffer.push(message);
    } else {
      this.liveBuffer = [];
      this.hooks.overflow(`the room pushed over ${MAX_HELD_PUSHES} messages while the client caught up`);
    }
  }

  /** A push that changes a stored message: `deliver` runs now, or after the catch-up while recovering. */
  changed(deliver: () => void): void {
    if (!this.hooks.recovering()) {
      deliver();
    } else if (this.liveBuffer.length + this.changes.length < MAX_HELD_PUSHES) {
      this.changes.push(deliver);
    } else {
      this.dropBuffered();
      this.hooks.overflow(`the room pushed over ${MAX_HELD_PUSHES} changes while the client caught up`);
    }
  }

  /** A message from the ordered stream (a push in order, or a resume page). */
  streamed(message: MessageResponse): void {
    if (!this.seen.acceptStreamed(message.id)) return;
    const own = this.heldOwn.get(message.id);
    this.heldOwn.delete(message.id);
    this.hooks.emit(own ?? message);
  }

  /** Our own send was stored. */
  ownStored(own: ReceivedMessage): void {
    if (this.hooks.recovering()) {
      if (own.id > this.seen.since) this.heldOwn.set(own.id, own);
    } else if (this.seen.acceptAcked(own.id)) {
      this.hooks.emit(own);
    }
  }

  /**
   * Resume has caught up (the caller has left recovery). What arrived meanwhile — live pushes and acks of
   * our retransmitted sends that resume did not cover — goes out now, merged in id order.
   */
  catchUp(): void {
    const live = this.liveBuffer.map((message) => ({ id: message.id, message, own: false }));
    const held = [...this.heldOwn.values()].map((message) => ({ id: message.id, message, own: true }));
    this.liveBuffer = [];
    this.heldOwn.clear();
    for (const entry of [...live, ...held].sort((a, b) => a.id - b.id)) {
      if (!entry.own) {
        this.streamed(entry.message);
      } else {
        // Never shown yet (resume would have placed it), so it is shown now whatever the watermark says.
        this.seen.acceptAcked(entry.id);
        this.hooks.emit(entry.message);
      }
    }
    const changes = this.changes;
    this.changes = [];
    for (const deliver of changes) deliver();
  }

  /** The link dropped mid-recovery: the next resume fetches these again (changes with `changes: true`). */
  dropBuffered(): void {
    this.liveBuffer = [];
    this.changes = [];
  }

  /** The session ended. */
  clear(): void {
    this.liveBuffer = [];
    this.changes = [];
    this.heldOwn.clear();
  }
}

// Sends that the server has not acknowledged yet, in the order the user made them. A send stays here
// across disconnects and is (re)transmitted with the same client id after every reconnect; the server
// stores a retried id once, so a send that was stored but whose ack was lost is not duplicated.

/** A stored file shared by a send (docs/protocol.md § Files): `file_share` instead of `msg`. */
export interface SharedFile {
  sha256: string;
  name: string;
  type: string;
  size: number;
  /** The sender-made thumbnail, base64 (images only). */
  thumb?: string;
}

export interface OutgoingMessage {
  cid: string;
  text: string;
  /** `room`, `#n` or `@name`. */
  to: string;
  /** The id of the message this one answers. */
  replyTo?: number;
  /** Client time of the send, used for the pending bubble. */
  createdAt: string;
  /** Set for a file share; `text` is then the room's notice of it. */
  file?: SharedFile;
}

interface Entry<A> {
  message: OutgoingMessage;
  settle: (outcome: A) => void;
}

export class Outbox<A> {
  private readonly entries = new Map<string, Entry<A>>();

  add(message: OutgoingMessage): Promise<A> {
    if (this.entries.has(message.cid)) throw new Error(`duplicate client id ${message.cid}`);
    return new Promise<A>((settle) => {
      this.entries.set(message.cid, { message, settle });
    });
  }

  get(cid: string): OutgoingMessage | undefined {
    return this.entries.get(cid)?.message;
  }

  /** Everything still unacknowledged, oldest first. */
  pending(): OutgoingMessage[] {
    return [...this.entries.values()].map((e) => e.message);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Remove the send and hand its outcome to whoever is waiting for it. */
  settle(cid: string, outcome: A): boolean {
    const entry = this.entries.get(cid);
    if (!entry) return false;
    this.entries.delete(cid);
    entry.settle(outcome);
    return true;
  }

  settleAll(outcome: A): void {
    for (const cid of [...this.entries.keys()]) this.settle(cid, outcome);
  }
}

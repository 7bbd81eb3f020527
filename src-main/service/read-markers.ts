// Read markers and receipts as the service keeps them (docs/protocol.md § Read markers and receipts). The
// room keeps how far this account read each conversation, on every device alike; this copy of it says what
// is unread (inbox.ts asks `lastRead`), moves it when the user looks at a conversation (`reached`: one
// `read` in flight per conversation, the newest id wins), follows it when another device moves it, and
// keeps how far friends read the direct conversations ("Seen") and whether receipts are on.
// Bounded: at most 2,000 markers of each kind, the least recently moved forgotten first.
import type { ConversationId, HearthEvents } from '../../src-shared/ipc';
import type { Result } from '../../src-shared/result';
import type { ReadMarker, ReadState } from '../client/connection-types';

const MAX_MARKERS = 2000;

export interface ReadMarkerOutlets {
  events: { emit<E extends 'seen' | 'receipts'>(event: E, payload: HearthEvents[E]): void };
  /** The account's marker moved forward: what is at or below `id` there is read. */
  moved(conversation: ConversationId, id: number): void;
  /** Ask the room to move the marker; its answer is the marker as it now is. */
  send(conversation: ConversationId, id: number): Promise<Result<ReadMarker>>;
}

/** Direct conversations are named by a username, which the room compares without case. */
const keyOf = (conversation: ConversationId) =>
  conversation.startsWith('@') ? conversation.toLowerCase() : conversation;

export class ReadMarkers {
  private readonly mine = new Map<string, number>();
  private readonly seenBy = new Map<string, ReadMarker>();
  private receiptsOn = true;
  private readonly sending = new Set<string>();
  private readonly wanted = new Map<string, ReadMarker>();

  constructor(private readonly out: ReadMarkerOutlets) {}

  get receipts(): boolean {
    return this.receiptsOn;
  }

  /** How far each friend read, keyed as the room names the conversation. */
  get seen(): Record<ConversationId, number> {
    return Object.fromEntries([...this.seenBy.values()].map((m) => [m.conversation, m.id]));
  }

  lastRead(conversation: ConversationId): number {
    return this.mine.get(keyOf(conversation)) ?? 0;
  }

  /** A login (or re-login) said where things stand. */
  follow(state: ReadState): void {
    for (const marker of state.reads) this.marked(marker);
    this.seenBy.clear();
    for (const marker of state.seen) remember(this.seenBy, keyOf(marker.conversation), marker);
    this.out.events.emit('seen', this.seen);
    this.setReceipts(state.receipts);
  }

  /** The marker as the room keeps it (our answer, or another device's push): only ever forward. */
  marked({ conversation, id }: ReadMarker): void {
    const key = keyOf(conversation);
    if (id <= (this.mine.get(key) ?? 0)) return;
    remember(this.mine, key, id);
    this.out.moved(conversation, id);
  }

  /** A friend read the direct conversation this far. */
  sawSeen(marker: ReadMarker): void {
    const key = keyOf(marker.conversation);
    if (marker.id <= (this.seenBy.get(key)?.id ?? 0)) return;
    remember(this.seenBy, key, marker);
    this.out.events.emit('seen', this.seen);
  }

  setReceipts(on: boolean): void {
    const changed = on !== this.receiptsOn;
    this.receiptsOn = on;
    // Off: neither side sees the other's, so what was seen before says nothing any more.
    if (!on && this.seenBy.size > 0) {
      this.seenBy.clear();
      this.out.events.emit('seen', {});
    }
    if (changed) this.out.events.emit('receipts', on);
  }

  /** The user has looked at `conversation` up to message `id`. */
  reached(conversation: ConversationId, id: number): void {
    const key = keyOf(conversation);
    if (id <= this.lastRead(conversation) || id <= (this.wanted.get(key)?.id ?? 0)) return;
    this.wanted.set(key, { conversation, id });
    if (!this.sending.has(key)) void this.sendFor(key);
  }

  clear(): void {
    this.mine.clear();
    this.wanted.clear();
    this.receiptsOn = true;
    if (this.seenBy.size > 0) {
      this.seenBy.clear();
      this.out.events.emit('seen', {});
    }
  }

  private async sendFor(key: string): Promise<void> {
    this.sending.add(key);
    for (let want = this.wanted.get(key); want; want = this.wanted.get(key)) {
      this.wanted.delete(key);
      if (want.id <= this.lastRead(want.conversation)) continue;
      const answer = await this.out.send(want.conversation, want.id);
      // Refused (the conversation went, the link dropped): the next look asks again.
      if (answer.ok) this.marked(answer.value);
    }
    this.sending.delete(key);
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_MARKERS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

// The messages the window was given, as they are now, so that a change the room pushes (an edit, a
// reaction, a deletion: docs/protocol.md § Conversation features) can be shown as the whole message it
// makes, and replies quoting a changed message can be re-quoted. It also knows which conversation a direct
// message is in: a `deleted` push names it only as `dm`, the window needs `@peer`.
//
// Bounded: at most 5,000 messages and 4 million characters of text, the oldest given forgotten first (a
// message that old is rarely still on screen; its next change then waits until the window pages to it).
// Every change carries the id-sequence number `rev`; one older than the copy held is stale and ignored
// (a push buffered while a resume fetched the message as it is now).
import type { ChatMessage, ConversationId, ReactionSummary, ReplyPreview } from '../../src-shared/ipc';
import { MAX_REACTION_USERS_LISTED } from '../../src-shared/limits';
import { previewText } from '../../src-shared/text';
import type { EditedChange, ReactionChange } from '../client/connection-types';
import { sameUser } from './chat-mapping';

export const MAX_HELD_MESSAGES = 5000;
export const MAX_HELD_TEXT_CHARS = 4_000_000;
/** A tombstone takes no more changes: nothing numbered later can undo a deletion. */
const FINAL = Number.MAX_SAFE_INTEGER;

interface Held {
  message: ChatMessage;
  rev: number;
}

export class HeldMessages {
  private readonly held = new Map<number, Held>();
  private chars = 0;

  /** Keep a message given to the window; `rev` as the room sent it (0: never changed). */
  record(message: ChatMessage, rev = 0): void {
    if (message.id === null) return;
    const had = this.held.get(message.id);
    if (had && had.rev > rev) return;
    this.forget(message.id);
    this.held.set(message.id, { message, rev: message.deleted ? FINAL : rev });
    this.chars += size(message);
    while (this.held.size > MAX_HELD_MESSAGES || this.chars > MAX_HELD_TEXT_CHARS) {
      const oldest = this.held.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  get(id: number): ChatMessage | undefined {
    return this.held.get(id)?.message;
  }

  /** What a reply to `id` quotes of it, when it is held. */
  quote(id: number): ReplyPreview | undefined {
    const original = this.get(id);
    return original ? quoteOf(id, original) : undefined;
  }

  /** The conversation of a changed message, from the push's `conv`; null for a DM not held here. */
  conversationOf(id: number, conv: string): ConversationId | null {
    if (conv !== 'dm') return conv;
    return this.get(id)?.conversation ?? null;
  }

  /** An edit: the message with its latest text, and the replies quoting it. */
  edited(change: EditedChange, mentionsMe: boolean): ChatMessage[] {
    const held = this.held.get(change.id);
    if (held && held.rev >= change.rev) return [];
    const changed = held
      ? [this.update(held, { text: change.text, edited: change.edited, mentionsMe }, change.rev)]
      : [];
    return [...changed, ...this.requote(change.id, (q) => ({ ...q, text: previewText(change.text) }))];
  }

  /** A deletion: the tombstone, and the replies quoting it (their quote now says it was deleted). */
  deleted(id: number): ChatMessage[] {
    const held = this.held.get(id);
    if (held?.rev === FINAL) return [];
    const changed = held
      ? [this.update(held, { text: '', deleted: true, reactions: undefined, mentionsMe: undefined }, FINAL)]
      : [];
    return [...changed, ...this.requote(id, (q) => ({ ...q, text: '', deleted: true }))];
  }

  /** Someone's reaction went on or off; null when the message is not held or the change is stale. */
  reaction(change: ReactionChange, me: string): ChatMessage | null {
    const held = this.held.get(change.id);
    if (!held || held.rev >= change.rev) return null;
    const reactions = toggled(held.message.reactions ?? [], change, me);
    return this.update(held, { reactions: reactions.length > 0 ? reactions : undefined }, change.rev);
  }

  /** An older message as it is now (a resume page's changes): kept, and the replies quoting it re-quoted. */
  current(message: ChatMessage, rev: number): ChatMessage[] {
    if (message.id === null) return [];
    const held = this.held.get(message.id);
    if (held && held.rev >= rev) return [];
    this.record(message, rev);
    const quote = quoteOf(message.id, message);
    return [message, ...this.requote(message.id, () => quote)];
  }

  clear(): void {
    this.held.clear();
    this.chars = 0;
  }

  private update(held: Held, fields: Partial<ChatMessage>, rev: number): ChatMessage {
    const message = withoutUndefined({ ...held.message, ...fields });
    this.chars += size(message) - size(held.message);
    held.message = message;
    held.rev = rev;
    return message;
  }

  /** Replies quoting `id`, quoting it as it is now (known from the change, even when `id` is not held). */
  private requote(id: number, now: (quoted: ReplyPreview) => ReplyPreview): ChatMessage[] {
    const changed: ChatMessage[] = [];
    for (const held of this.held.values()) {
      const quoted = held.message.replyTo;
      if (quoted?.id === id) changed.push(this.update(held, { replyTo: now(quoted) }, held.rev));
    }
    return changed;
  }

  private forget(id: number): void {
    const held = this.held.get(id);
    if (!held) return;
    this.held.delete(id);
    this.chars -= size(held.message);
  }
}

function quoteOf(id: number, original: ChatMessage): ReplyPreview {
  const deleted = original.deleted === true;
  return { id, sender: original.sender, text: deleted ? '' : previewText(original.text), deleted };
}

function size(message: ChatMessage): number {
  return message.text.length + (message.replyTo?.text.length ?? 0);
}

/** Optional fields set to undefined are left out, as the window gets them from the room. */
function withoutUndefined(message: ChatMessage): ChatMessage {
  for (const key of Object.keys(message) as (keyof ChatMessage)[]) {
    if (message[key] === undefined) delete message[key];
  }
  return message;
}

/** The reactions after `change`: its emoji's count as the room says, and who as far as we can tell. */
function toggled(reactions: ReactionSummary[], change: ReactionChange, me: string): ReactionSummary[] {
  const mineNow = sameUser(change.username, me);
  const existing = reactions.find((r) => r.emoji === change.emoji);
  if (change.count === 0) return reactions.filter((r) => r !== existing);
  const entry = existing ?? { emoji: change.emoji, count: 0, mine: false, who: [] };
  const others = entry.who.filter((name) => !sameUser(name, change.username));
  const updated: ReactionSummary = {
    emoji: change.emoji,
    count: change.count,
    mine: mineNow ? change.on : entry.mine,
    who: change.on ? [...others, change.username].slice(0, MAX_REACTION_USERS_LISTED) : others,
  };
  return existing ? reactions.map((r) => (r === existing ? updated : r)) : [...reactions, updated];
}

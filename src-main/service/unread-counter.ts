// Unread messages per conversation, for the conversation list badges, the tray and the dock badge, and how
// many of them mention the user (the "@" badge). A message counts unless the user is looking at it (its
// conversation is on screen and the window has focus); the account's read marker moving, here or on another
// device, reads everything up to it (inbox.ts), so two windows of one account agree.
// Bounded: at most 10,000 unread ids per conversation are kept; past that the count stays at 10,000.
import type { ConversationId } from '../../src-shared/ipc';

export const MAX_UNREAD_KEPT = 10_000;

export interface UnreadSnapshot {
  total: number;
  byConversation: Record<ConversationId, number>;
  /** How many of the unread messages mention the user (only conversations with some). */
  mentions: Record<ConversationId, number>;
}

export class UnreadCounter {
  private readonly counts = new Map<ConversationId, Set<number>>();
  private readonly mentioned = new Map<ConversationId, Set<number>>();
  private active: ConversationId | null = null;
  private focused = true;

  /** The conversation the user is looking at: on screen, in a focused window. */
  get visible(): ConversationId | null {
    return this.focused ? this.active : null;
  }

  /** Count message `id` (`mention`: it names the user); returns true if the counts changed. */
  add(conversation: ConversationId, id: number, mention = false): boolean {
    if (this.visible === conversation) return false;
    if (!addTo(this.counts, conversation, id)) return false;
    if (mention) addTo(this.mentioned, conversation, id);
    return true;
  }

  /** Everything up to `id` there was read; returns true if the counts changed. */
  readUpTo(conversation: ConversationId, id: number): boolean {
    removeUpTo(this.mentioned, conversation, id);
    return removeUpTo(this.counts, conversation, id);
  }

  /** Returns true if the counts changed (the newly visible conversation is now read). */
  setActive(conversation: ConversationId | null): boolean {
    this.active = conversation;
    return this.markVisibleRead();
  }

  /** Returns true if the counts changed. */
  setFocused(focused: boolean): boolean {
    this.focused = focused;
    return this.markVisibleRead();
  }

  clear(): boolean {
    const had = this.counts.size > 0;
    this.counts.clear();
    this.mentioned.clear();
    return had;
  }

  /** The conversation is gone (the user is no longer in the room); returns true if the counts changed. */
  drop(conversation: ConversationId): boolean {
    this.mentioned.delete(conversation);
    return this.counts.delete(conversation);
  }

  /** `muted` conversations are listed but not in the total. */
  snapshot(muted: ReadonlySet<ConversationId> = new Set()): UnreadSnapshot {
    const byConversation: Record<ConversationId, number> = {};
    let total = 0;
    for (const [conversation, ids] of this.counts) {
      byConversation[conversation] = ids.size;
      if (!muted.has(conversation)) total += ids.size;
    }
    const mentions = Object.fromEntries([...this.mentioned].map(([c, ids]) => [c, ids.size]));
    return { total, byConversation, mentions };
  }

  private markVisibleRead(): boolean {
    if (!this.focused || this.active === null) return false;
    return this.drop(this.active);
  }
}

function addTo(map: Map<ConversationId, Set<number>>, conversation: ConversationId, id: number): boolean {
  let ids = map.get(conversation);
  if (!ids) {
    ids = new Set();
    map.set(conversation, ids);
  }
  if (ids.has(id) || ids.size >= MAX_UNREAD_KEPT) return false;
  ids.add(id);
  return true;
}

function removeUpTo(
  map: Map<ConversationId, Set<number>>,
  conversation: ConversationId,
  id: number,
): boolean {
  const ids = map.get(conversation);
  if (!ids) return false;
  let changed = false;
  for (const unread of ids) {
    if (unread > id) continue;
    ids.delete(unread);
    changed = true;
  }
  if (ids.size === 0) map.delete(conversation);
  return changed;
}

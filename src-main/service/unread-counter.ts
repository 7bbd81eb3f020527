// Unread messages per conversation, for the conversation list badges, the tray and the dock badge.
// A message counts unless the user is looking at it: its conversation is on screen and the window
// has focus.
import type { ConversationId } from '../../src-shared/ipc';

export interface UnreadSnapshot {
  total: number;
  byConversation: Record<ConversationId, number>;
}

export class UnreadCounter {
  private readonly counts = new Map<ConversationId, number>();
  private active: ConversationId | null = null;
  private focused = true;

  /** Count one arriving message; returns true if the counts changed. */
  add(conversation: ConversationId): boolean {
    if (this.focused && conversation === this.active) return false;
    this.counts.set(conversation, (this.counts.get(conversation) ?? 0) + 1);
    return true;
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
    return had;
  }

  snapshot(): UnreadSnapshot {
    const byConversation: Record<ConversationId, number> = {};
    let total = 0;
    for (const [conversation, count] of this.counts) {
      byConversation[conversation] = count;
      total += count;
    }
    return { total, byConversation };
  }

  private markVisibleRead(): boolean {
    if (!this.focused || this.active === null) return false;
    return this.counts.delete(this.active);
  }
}

// What arrives for the user: each received message goes to the window, counts as unread unless the user is
// looking at it, and becomes a desktop notification when the window is away and the message is for them.
import type { ChatMessage, ConversationId } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/protocol';
import type { ReceivedMessage } from '../client/connection';
import { mentions, toChatMessage } from './chat-mapping';

export interface DesktopNotification {
  title: string;
  body: string;
  conversation: ConversationId;
}

export interface UnreadSnapshot {
  total: number;
  byConversation: Record<ConversationId, number>;
}

const NOTIFICATION_BODY_CHARS = 200;

/**
 * Unread messages per conversation, for the conversation list badges, the tray and the dock badge. A
 * message counts unless the user is looking at it: its conversation is on screen and the window has focus.
 */
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

export interface InboxOutlets {
  message(message: ChatMessage): void;
  unread(snapshot: UnreadSnapshot): void;
  notify?: (notification: DesktopNotification) => void;
}

export class Inbox {
  private readonly unread = new UnreadCounter();
  private windowFocused = true;
  /** Lowercase names the user blocked (docs/protocol.md § Friends): never unread, never a notification. */
  private blocked = new Set<string>();

  constructor(private readonly out: InboxOutlets) {}

  setBlocked(usernames: readonly string[]): void {
    this.blocked = new Set(usernames.map((name) => name.toLowerCase()));
  }

  /** Notifications and unread counting depend on whether the user looks at the window. */
  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    if (this.unread.setFocused(focused)) this.emitUnread();
  }

  setActiveConversation(conversation: ConversationId | null): void {
    if (this.unread.setActive(conversation)) this.emitUnread();
  }

  /** A session ended: nothing of it is unread any more. */
  clear(): void {
    this.blocked.clear();
    if (this.unread.clear()) this.emitUnread();
  }

  /**
   * A message for the session of `me`. `live` is false for the login's history: the room's latest are
   * already read as far as anyone can tell, but direct messages that arrived while the user was away are
   * new to them, so they count as unread (without a notification).
   */
  receive(message: ReceivedMessage, me: string, live: boolean): void {
    const chat = toChatMessage(message, me);
    // The window gets every message and hides blocked people's, so unblocking shows them again.
    this.out.message(chat);
    if (chat.own || this.blocked.has(chat.sender.toLowerCase())) return;
    const direct = chat.conversation !== ROOM;
    if ((live || direct) && this.unread.add(chat.conversation)) this.emitUnread();
    if (live && !this.windowFocused && (direct || mentions(chat.text, me))) {
      this.out.notify?.({
        title: direct ? chat.sender : `${chat.sender} in the room`,
        body:
          chat.text.length > NOTIFICATION_BODY_CHARS
            ? `${chat.text.slice(0, NOTIFICATION_BODY_CHARS)}…`
            : chat.text,
        conversation: chat.conversation,
      });
    }
  }

  private emitUnread(): void {
    this.out.unread(this.unread.snapshot());
  }
}

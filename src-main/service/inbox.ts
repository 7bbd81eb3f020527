// What arrives for the user: each received message goes to the window, counts as unread unless the user is
// looking at it or the account's read marker is past it (looking at a conversation moves the marker), and
// becomes a desktop notification when the window is away and the message is for them.
// Rooms the user muted still count per conversation, but raise no notification and stay out of the total
// (the tray and dock badge).
import type { ChatMessage, ConversationId, Preferences, RoomSummary } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/protocol';
import type { ReceivedMessage } from '../client/connection';
import { sameUser, toChatMessage } from './chat-mapping';
import type { HeldMessages } from './held-messages';
import { UnreadCounter, type UnreadSnapshot } from './unread-counter';

export type { UnreadSnapshot } from './unread-counter';

const NOTIFICATION_BODY_CHARS = 200;

export interface DesktopNotification {
  title: string;
  body: string;
  conversation: ConversationId;
  /** A call ringing (call-ring.ts): clicking the notification opens it. */
  call?: string;
}

export interface InboxOutlets {
  message(message: ChatMessage): void;
  unread(snapshot: UnreadSnapshot): void;
  notify?: (notification: DesktopNotification) => void;
  /** The rooms the user is in, to name one in a notification; none known: "a room". */
  rooms?: { get(conversation: ConversationId): RoomSummary | undefined };
  /** The messages shown, for the changes the room pushes later (and the quotes of our own replies). */
  held?: HeldMessages;
  /** Which messages raise a notification (the settings screen): every one, DMs and mentions, or none. */
  notifyWhen?: () => Preferences['notifications'];
  /** The account's read markers (read-markers.ts): what is unread, and where the user has looked. */
  markers?: {
    lastRead(conversation: ConversationId): number;
    reached(conversation: ConversationId, id: number): void;
  };
}

export class Inbox {
  private readonly unread = new UnreadCounter();
  private windowFocused = true;
  /** Lowercase names the user blocked (docs/protocol.md § Friends): never unread, never a notification. */
  private blocked = new Set<string>();
  private muted = new Set<ConversationId>();
  /** The newest message id given per conversation: looking at one reads it up to there. */
  private readonly newest = new Map<ConversationId, number>();

  constructor(private readonly out: InboxOutlets) {}

  /** The rooms the user muted on this computer, for the server connected to. */
  setMuted(rooms: readonly ConversationId[]): void {
    const before = this.unread.snapshot(this.muted).total;
    this.muted = new Set(rooms);
    if (this.unread.snapshot(this.muted).total !== before) this.emitUnread();
  }

  /** The user is no longer in this room: nothing of it is unread. */
  forget(conversation: ConversationId): void {
    if (this.unread.drop(conversation)) this.emitUnread();
  }

  setBlocked(usernames: readonly string[]): void {
    this.blocked = new Set(usernames.map((name) => name.toLowerCase()));
  }

  /** Notifications and unread counting depend on whether the user looks at the window. */
  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    if (this.unread.setFocused(focused)) this.emitUnread();
    this.readVisible();
  }

  /** The window has focus and shows this conversation. */
  looksAt(conversation: ConversationId): boolean {
    return this.unread.visible === conversation;
  }

  setActiveConversation(conversation: ConversationId | null): void {
    if (this.unread.setActive(conversation)) this.emitUnread();
    this.readVisible();
  }

  /** The account's read marker moved (here or on another device): nothing up to `id` there is unread. */
  readUpTo(conversation: ConversationId, id: number): void {
    if (this.unread.readUpTo(conversation, id)) this.emitUnread();
  }

  /** A session ended: nothing of it is unread any more. */
  clear(): void {
    this.blocked.clear();
    this.newest.clear();
    this.out.held?.clear();
    if (this.unread.clear()) this.emitUnread();
  }

  /**
   * A message for the session of `me`. `live` is false for the login's history: the room's latest are
   * already read as far as anyone can tell, but direct messages that arrived while the user was away are
   * new to them, so they count as unread (without a notification).
   */
  receive(message: ReceivedMessage, me: string, live: boolean): void {
    const chat = toChatMessage(message, me);
    if (!live) chat.earlier = true;
    // Our own reply as its ack made it: quoted from the original, as the room quotes it for everyone else.
    const quote = message.replyToId === undefined ? undefined : this.out.held?.quote(message.replyToId);
    if (quote && !chat.replyTo) chat.replyTo = quote;
    this.out.held?.record(chat, message.rev);
    // The window gets every message and hides blocked people's, so unblocking shows them again.
    this.out.message(chat);
    const { conversation } = chat;
    this.newest.set(conversation, Math.max(message.id, this.newest.get(conversation) ?? 0));
    if (this.unread.visible === conversation) this.out.markers?.reached(conversation, message.id);
    // The room's own notices (joins, moderation) and tombstones are shown, not news.
    if (chat.own || chat.notice || chat.deleted || this.blocked.has(chat.sender.toLowerCase())) return;
    const direct = conversation.startsWith('@');
    const mention = chat.mentionsMe === true;
    if (
      this.isUnread(message.id, conversation, live || direct) &&
      this.unread.add(conversation, message.id, mention)
    )
      this.emitUnread();
    if (!live || this.windowFocused || this.muted.has(chat.conversation)) return;
    const room = direct ? undefined : this.out.rooms?.get(chat.conversation);
    // A group conversation is a direct conversation of several: each message is for the user.
    if (this.worthNotifying(direct || room?.kind === 'group', mention)) {
      this.out.notify?.({
        title: direct ? chat.sender : `${chat.sender} in ${roomLabel(chat.conversation, room, me)}`,
        body:
          chat.text.length > NOTIFICATION_BODY_CHARS
            ? `${chat.text.slice(0, NOTIFICATION_BODY_CHARS)}…`
            : chat.text,
        conversation: chat.conversation,
      });
    }
  }

  /**
   * After the account's read marker there; the login's room history only when the account has read there
   * before (a room never opened is not 50 unread messages), live messages and offline DMs always.
   */
  private isUnread(id: number, conversation: ConversationId, news: boolean): boolean {
    const marker = this.out.markers?.lastRead(conversation) ?? 0;
    return id > marker && (news || marker > 0);
  }

  /** The conversation on screen, while the window has focus, is read up to its newest message. */
  private readVisible(): void {
    const visible = this.unread.visible;
    const newest = visible === null ? undefined : this.newest.get(visible);
    if (visible !== null && newest !== undefined) this.out.markers?.reached(visible, newest);
  }

  private worthNotifying(direct: boolean, mentioned: boolean): boolean {
    const when = this.out.notifyWhen?.() ?? 'mentions';
    return when === 'all' || (when === 'mentions' && (direct || mentioned));
  }

  private emitUnread(): void {
    this.out.unread(this.unread.snapshot(this.muted));
  }
}

/** How a notification names a room: the default room is "the room", a group is its other people. */
function roomLabel(conversation: ConversationId, room: RoomSummary | undefined, me: string): string {
  if (conversation === ROOM) return 'the room';
  if (!room) return 'a room';
  if (room.kind === 'group') {
    return (room.people ?? []).filter((p) => !sameUser(p, me)).join(', ') || 'a group';
  }
  return room.name;
}

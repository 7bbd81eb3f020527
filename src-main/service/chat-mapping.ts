// Turns what the server says into what the renderer shows: stored messages (and our own sends before
// their ack) into chat bubbles, `info` pushes into system lines.
import type { ChatMessage, ConversationId, ReplyPreview, Session, SystemNotice } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/protocol';
import type { InfoResponse, ReceivedMessage } from '../client/connection';
import type { OutgoingMessage } from '../client/outbox';

/** Usernames are unique regardless of case, so identity checks ignore it. */
export function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `room` or `#n` as the message says; a direct message is `@` the other person. */
export function conversationOf(message: ReceivedMessage, me: string): ConversationId {
  if (message.conv !== 'dm') return message.conv;
  const peer = sameUser(message.sender, me) ? message.to : message.sender;
  return peer ? `@${peer}` : ROOM;
}

export function toChatMessage(message: ReceivedMessage, me: string): ChatMessage {
  const own = sameUser(message.sender, me);
  const { replyTo, reactions, edited } = message;
  return {
    id: message.id,
    cid: message.cid ?? null,
    conversation: conversationOf(message, me),
    sender: message.sender,
    text: message.content,
    timestamp: message.timestamp,
    own,
    pending: false,
    failed: null,
    ...(message.notice ? { notice: message.notice } : {}),
    ...(message.deleted ? { deleted: true } : {}),
    ...(message.guest ? { guest: true } : {}),
    ...(replyTo
      ? {
          replyTo: {
            id: replyTo.id,
            sender: replyTo.from,
            text: replyTo.text,
            deleted: replyTo.deleted === true,
          },
        }
      : {}),
    ...(edited ? { edited } : {}),
    ...(reactions && reactions.length > 0
      ? { reactions: reactions.map(({ emoji, count, mine, users }) => ({ emoji, count, mine, who: users })) }
      : {}),
    ...(!own && mentionsUser(message, me) ? { mentionsMe: true } : {}),
    ...(message.file ? { file: message.file } : {}),
  };
}

/** Whether the room says a message (or an edit) names `me`: `@me`, or `@room` by an owner or moderator. */
export function mentionsUser(message: { mentions?: string[]; mentionsRoom?: true }, me: string): boolean {
  return message.mentionsRoom === true || (message.mentions ?? []).some((name) => sameUser(name, me));
}

/** One of the user's own sends as the window shows it before the ack, or for good once it `failed`. */
export function toPendingMessage(
  message: OutgoingMessage,
  me: Session,
  failed: string | null,
  quote?: ReplyPreview,
): ChatMessage {
  return {
    id: null,
    cid: message.cid,
    conversation: message.to,
    sender: me.username,
    // A guest's own bubble has its badge from the start, as the room will mark the stored message.
    ...(me.guest ? { guest: true } : {}),
    text: message.text,
    timestamp: message.createdAt,
    own: true,
    pending: failed === null,
    failed,
    ...(quote ? { replyTo: quote } : {}),
  };
}

export function toNotice(info: InfoResponse): SystemNotice {
  return {
    conversation: ROOM,
    kind: info.event === undefined || info.event === 'goodbye' ? 'info' : info.event,
    text: info.content,
    timestamp: info.timestamp,
    ...(info.user ? { user: info.user } : {}),
  };
}

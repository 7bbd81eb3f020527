// Turns what the server says into what the renderer shows: stored messages into chat bubbles,
// `info` pushes into system lines.
import type { ChatMessage, ConversationId, SystemNotice } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/protocol';
import type { InfoResponse, ReceivedMessage } from '../client/connection';

/** Usernames are unique regardless of case, so identity checks ignore it. */
export function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function conversationOf(message: ReceivedMessage, me: string): ConversationId {
  if (message.conv !== 'dm') return ROOM;
  const peer = sameUser(message.sender, me) ? message.to : message.sender;
  return peer ? `@${peer}` : ROOM;
}

export function toChatMessage(message: ReceivedMessage, me: string): ChatMessage {
  return {
    id: message.id,
    cid: message.cid ?? null,
    conversation: conversationOf(message, me),
    sender: message.sender,
    text: message.content,
    timestamp: message.timestamp,
    own: sameUser(message.sender, me),
    pending: false,
    failed: null,
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

/** Whether a room message calls out to `me` with `@me` (as a whole word, any case). */
export function mentions(text: string, me: string): boolean {
  const lower = text.toLowerCase();
  const needle = `@${me.toLowerCase()}`;
  const isNameChar = (c: string | undefined) => c !== undefined && /[a-z0-9_]/.test(c);
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
    if (!isNameChar(lower[at - 1]) && !isNameChar(lower[at + needle.length])) return true;
  }
  return false;
}

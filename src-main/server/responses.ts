// Builds the JSON lines the server sends. Everything leaves as one object per line; a message line carries
// nothing per recipient, so one serialisation serves the whole room.
import {
  type ErrorCode,
  type FriendsSnapshot,
  type MessageResponse,
  type Response,
  SERVER_SENDER,
} from '../../src-shared/protocol';
import type { StoredMessage } from './store/store';

export function toLine(response: Response): string {
  return `${JSON.stringify(response)}\n`;
}

export function isoTime(ms: number = Date.now()): string {
  return new Date(ms).toISOString();
}

export function messageResponse(m: StoredMessage): MessageResponse {
  const response: MessageResponse = {
    timestamp: isoTime(m.timestamp),
    sender: m.sender,
    response: 'message',
    content: m.text,
    id: m.id,
    conv: m.conv,
  };
  if (m.recipient !== null) response.to = m.recipient;
  if (m.notice !== null) response.notice = m.notice;
  if (m.deleted) response.deleted = true;
  if (m.replyTo !== null) {
    const { id, from, text, deleted } = m.replyTo;
    response.replyTo = deleted ? { id, from, text: '', deleted: true } : { id, from, text };
  }
  if (m.editedAt !== null) response.edited = isoTime(m.editedAt);
  if (m.rev > 0) response.rev = m.rev;
  if (m.reactions?.length) response.reactions = m.reactions;
  if (m.mentions.length > 0) response.mentions = m.mentions;
  if (m.mentionsRoom) response.mentionsRoom = true;
  if (m.guest) response.guest = true;
  if (m.file) response.file = m.file;
  return response;
}

function base(re: string | undefined) {
  return re === undefined
    ? { timestamp: isoTime(), sender: SERVER_SENDER }
    : { timestamp: isoTime(), sender: SERVER_SENDER, re };
}

export function errorLine(code: ErrorCode, content: string, re?: string): string {
  return toLine({ ...base(re), response: 'error', content, code });
}

export interface InfoExtras {
  users?: string[];
  event?: 'join' | 'leave' | 'welcome' | 'goodbye';
  user?: string;
  /** With join and leave: how many are in the default room now. */
  members?: number;
}

export function infoLine(content: string, extras: InfoExtras = {}, re?: string): string {
  return toLine({ ...base(re), response: 'info', content, ...extras });
}

export function historyLine(messages: StoredMessage[], conv: string, more: boolean, re?: string): string {
  return toLine({ ...base(re), response: 'history', content: messages.map(messageResponse), conv, more });
}

export function friendsLine(snapshot: FriendsSnapshot, re?: string): string {
  return toLine({ ...base(re), response: 'friends', content: snapshot });
}

export function presenceLine(username: string, online: boolean): string {
  return toLine({ ...base(undefined), response: 'presence', content: { username, online } });
}

/**
 * The longest run of a page's messages, counted from its `newest` or `oldest` end, whose lines fit `budget`
 * bytes; at least one, so paging always moves on. A page cut here says `more` (docs/protocol.md § Limits).
 */
export function fitToBytes(
  page: { messages: StoredMessage[]; more: boolean },
  budget: number,
  keep: 'newest' | 'oldest',
): { messages: StoredMessage[]; more: boolean } {
  const { messages } = page;
  let used = 0;
  let count = 0;
  for (; count < messages.length; count++) {
    const m = messages[keep === 'newest' ? messages.length - 1 - count : count] as StoredMessage;
    used += Buffer.byteLength(JSON.stringify(messageResponse(m)), 'utf8') + 1;
    if (used > budget && count > 0) break;
  }
  if (count === messages.length) return page;
  const kept = keep === 'newest' ? messages.slice(messages.length - count) : messages.slice(0, count);
  return { messages: kept, more: true };
}

/**
 * A line encoded once (a room line serves every recipient). Its own allocation, outside Node's shared 8 KiB
 * pool: a stalled recipient may hold it for seconds, and a pooled slice would keep its whole slab (other,
 * long-dead allocations) alive with it.
 */
export function sharedLine(text: string): Buffer {
  const size = Buffer.byteLength(text, 'utf8');
  const line = Buffer.allocUnsafeSlow(size);
  line.write(text, 0, 'utf8');
  return line;
}

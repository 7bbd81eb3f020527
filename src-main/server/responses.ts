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
    conv: m.recipient === null ? 'room' : 'dm',
  };
  if (m.recipient !== null) response.to = m.recipient;
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
  event?: 'join' | 'leave' | 'welcome';
  user?: string;
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

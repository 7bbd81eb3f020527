// How a `messages` row becomes a StoredMessage, shared by the tables that read messages (message-table,
// message-change-table). Column `conv` says which conversation: 'room' (the default room), 'r:<id>' (another
// room), 'dm:<a>:<b>'. A reply's preview is read with the message, so it shows the quoted message as it is now.
import type { FileMeta } from '../../../src-shared/file-protocol';
import { MAX_REPLY_PREVIEW_CHARS } from '../../../src-shared/limits';
import { previewText } from '../../../src-shared/text';
import type { ConversationRef, NewMessage, NoticeKind, ReplyPreview, StoredMessage } from './store';

export interface MessageRow {
  id: number;
  ts: number;
  sender: string;
  text: string;
  recipient: string | null;
  conv: string;
  notice: NoticeKind | null;
  deleted: number;
  reply_to: number | null;
  reply_from: string | null;
  reply_text: string | null;
  reply_deleted: number | null;
  edited_at: number | null;
  rev: number;
  mentions: string | null;
  mentions_room: number;
  sender_key: string;
  /** JSON of the FileMeta it shares, or null. */
  file: string | null;
}

const DEFAULT_ROOM_CONV = 'room';
/** A guest's key is its lowercased nickname after this, which no account name can start with. */
const GUEST_KEY_PREFIX = '~';

export function isGuestKey(key: string): boolean {
  return key.startsWith(GUEST_KEY_PREFIX);
}
export const ROOM_PREFIX = 'r:';

/** Selects a MessageRow from `messages` (the quoted message of a reply is looked up by its primary key). */
export const MESSAGE_COLUMNS = `id, ts, sender, text, recipient, conv, notice, deleted, reply_to, edited_at, rev,
  mentions, mentions_room, sender_key, file,
  (SELECT r.sender FROM messages r WHERE r.id = messages.reply_to) AS reply_from,
  (SELECT substr(r.text, 1, ${MAX_REPLY_PREVIEW_CHARS + 1}) FROM messages r WHERE r.id = messages.reply_to) AS reply_text,
  (SELECT r.deleted FROM messages r WHERE r.id = messages.reply_to) AS reply_deleted`;

/**
 * Who may see a message: the default room, a direct message they sent or got, a room they are a member of now
 * (a ban removes the membership). Parameters: the user's key three times.
 */
export const VISIBLE_TO_USER = `(conv = 'room'
  OR (recipient_key IS NOT NULL AND (sender_key = ? OR recipient_key = ?))
  OR conv IN (SELECT '${ROOM_PREFIX}' || room_id FROM room_members WHERE user_key = ? AND room_id <> 1))`;

export function roomConv(id: number): string {
  return id === 1 ? DEFAULT_ROOM_CONV : `${ROOM_PREFIX}${id}`;
}

/** The stored conv of a new message: its room's, or the direct conversation's. */
export function messageConv(m: Pick<NewMessage, 'senderKey' | 'recipientKey' | 'roomId'>): string {
  return m.recipientKey === null
    ? roomConv(m.roomId ?? 1)
    : convKey({ kind: 'dm', a: m.senderKey, b: m.recipientKey });
}

export function convKey(ref: ConversationRef): string {
  if (ref.kind === 'room') return roomConv(ref.id ?? 1);
  return ref.a < ref.b ? `dm:${ref.a}:${ref.b}` : `dm:${ref.b}:${ref.a}`;
}

/** The room id of a stored conv, or null for a direct conversation. */
export function roomOf(conv: string): number | null {
  if (conv === DEFAULT_ROOM_CONV) return 1;
  return conv.startsWith(ROOM_PREFIX) ? Number(conv.slice(ROOM_PREFIX.length)) : null;
}

export function wireConv(conv: string): string {
  if (conv === DEFAULT_ROOM_CONV) return DEFAULT_ROOM_CONV;
  return conv.startsWith(ROOM_PREFIX) ? `#${conv.slice(ROOM_PREFIX.length)}` : 'dm';
}

function replyPreview(row: MessageRow): ReplyPreview | null {
  if (row.reply_to === null) return null;
  if (row.reply_from === null || row.reply_deleted === 1) {
    return { id: row.reply_to, from: row.reply_from ?? 'server', text: '', deleted: true };
  }
  return { id: row.reply_to, from: row.reply_from, text: previewText(row.reply_text ?? ''), deleted: false };
}

export function toMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    timestamp: row.ts,
    sender: row.sender,
    text: row.text,
    recipient: row.recipient,
    conv: wireConv(row.conv),
    notice: row.notice,
    deleted: row.deleted === 1,
    replyTo: replyPreview(row),
    editedAt: row.edited_at,
    rev: row.rev,
    mentions: row.mentions ? row.mentions.split(' ') : [],
    mentionsRoom: row.mentions_room === 1,
    guest: isGuestKey(row.sender_key),
    // Written by the room itself (message-table.ts) from a checked FileMeta.
    ...(row.file === null ? {} : { file: JSON.parse(row.file) as FileMeta }),
  };
}

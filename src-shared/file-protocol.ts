// The files part of the protocol (docs/protocol.md § Files): the requests that open a transfer connection
// (file_put, file_get: a second TLS connection to the room's port, authenticated with the session token,
// that carries one file's raw bytes after one JSON line each way), the request that shares a stored file in
// a conversation (file_share, on the chat link, answered with an `ack` like `msg`), and the `file` a message
// carries. Its requests join the union in protocol.ts; its answers on a transfer connection are read only by
// the client's transfer code (src-main/client/file-transfer.ts), never by the chat link.
import { z } from 'zod';
import { formatBytes } from './byte-size';
import {
  FILE_TYPE_PATTERN,
  MAX_FILE_NAME_CHARS,
  MAX_THUMB_BASE64_CHARS,
  SHA256_PATTERN,
} from './file-limits';
import { ROOM, ROOM_CONVERSATION_PATTERN } from './limits';
import { answer, req, requestUsername, wellFormed } from './schema-parts';
import { looksEmpty } from './text';

const sha256 = z.string().regex(SHA256_PATTERN, 'sha256 must be 64 lowercase hex digits');
const token = wellFormed(z.string().min(1, 'token is required').max(128));
/** Bytes: whole, and within what a JavaScript number counts exactly. */
const byteCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/**
 * Control and text-direction characters (U+202E shows "gpj.exe" as "exe.jpg"), and path separators: a name
 * is one line of text that shows what it is. The room never makes a path of it; the saver sanitises anyway.
 */
const UNSAFE_NAME = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069/\\]/u;
export const fileName = wellFormed(
  z.string().max(MAX_FILE_NAME_CHARS, `name must be at most ${MAX_FILE_NAME_CHARS} characters`),
)
  .refine(
    (name) => !UNSAFE_NAME.test(name),
    'name may not hold control or text-direction characters, / or \\',
  )
  .refine((name) => !looksEmpty(name) && name !== '.' && name !== '..', 'name is empty');
const fileType = z.string().regex(FILE_TYPE_PATTERN, 'type must be a MIME type like image/png');
const base64 = z
  .string()
  .max(MAX_THUMB_BASE64_CHARS, 'thumbnail must be at most 16 KiB')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'thumbnail must be base64');
const conversation = z.union([
  z.string().regex(ROOM_CONVERSATION_PATTERN),
  z.string().regex(/^@[A-Za-z0-9_]{1,32}$/, 'to must be "room", "#<number>" or "@username"'),
]);

/** Who opens a transfer connection: an account and its session token (guests share no files). */
const transferLogin = { username: requestUsername, token };

export const fileRequests = [
  // Upload: the room answers `file_ready` with how many bytes it already has; then the bytes from there on.
  req(
    'file_put',
    z.object({ ...transferLogin, sha256, size: byteCount.min(1, 'a file has at least 1 byte') }),
  ),
  // Download the file of message `id`, from `offset`: `file_data`, then the bytes.
  req('file_get', z.object({ ...transferLogin, id: z.number().int().min(1), offset: byteCount.default(0) })),
  // Share a file this account uploaded, as a message of `to`.
  req(
    'file_share',
    z.object({
      sha256,
      name: fileName,
      type: fileType,
      thumb: base64.optional(),
      cid: wellFormed(z.string().min(1).max(64)),
      to: conversation.default(ROOM),
      replyTo: z.number().int().min(1).optional(),
    }),
  ),
] as const;

/** The file a message carries (docs/protocol.md § Files). */
export const fileMetaSchema = z.object({
  sha256,
  name: z.string().max(MAX_FILE_NAME_CHARS),
  size: byteCount,
  type: fileType,
  /** A sender-made thumbnail (PNG, JPEG, GIF or WebP), base64; images only. */
  thumb: z.string().max(MAX_THUMB_BASE64_CHARS).optional(),
});
export type FileMeta = z.infer<typeof fileMetaSchema>;

/** The text of a file message: the one line classic clients read ("shared photo.jpg (2.1 MB)"). */
export function fileNotice(file: { name: string; size: number }): string {
  return `shared ${file.name} (${formatBytes(file.size)})`;
}

/** Answers on a transfer connection (one JSON line each; errors are the usual `error` line). */
export const transferResponseSchema = z.discriminatedUnion('response', [
  answer('file_ready', { content: z.object({ sha256, size: byteCount, offset: byteCount }) }),
  answer('file_stored', { content: z.object({ sha256, size: byteCount }) }),
  answer('file_data', { content: z.object({ sha256, size: byteCount, offset: byteCount }) }),
  answer('error', { content: z.string().max(2000), code: z.string().max(40) }),
]);
export type TransferResponse = z.infer<typeof transferResponseSchema>;

// The constants of file sharing (docs/protocol.md § Files), apart from the schemas so the renderer can show
// them without pulling zod in.
/** A file's content address: its SHA-256 as 64 lowercase hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** A file name is shown as text, one line, never used as a path by the room. */
export const MAX_FILE_NAME_CHARS = 255;
/** A MIME type as the sender names it, e.g. `image/jpeg`. */
export const FILE_TYPE_PATTERN = /^[a-z0-9][a-z0-9.+-]{0,49}\/[a-z0-9][a-z0-9.+-]{0,49}$/;
/** The image types shown inline (from the sender's thumbnail); the room checks their magic bytes. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** A sender-made thumbnail: at most 16 KiB of bytes (a 160 px JPEG is 5–10 KB). */
export const MAX_THUMB_BYTES = 16 * 1024;
export const MAX_THUMB_BASE64_CHARS = Math.ceil(MAX_THUMB_BYTES / 3) * 4;
/** Room defaults (server options maxFileBytes, fileQuotaBytes, fileBudgetBytes). */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_FILE_QUOTA_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_FILE_BUDGET_BYTES = 20 * 1024 * 1024 * 1024;

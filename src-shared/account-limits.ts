// The account and profile limits (docs/protocol.md § Account and profile). Apart from the schemas so that the
// renderer's forms can use them without pulling zod into its bundle.

/** A display name: 1–64 characters of any script; the username stays the identity. */
export const MAX_DISPLAY_NAME_CHARS = 64;
/** The optional text beside a status. */
export const MAX_STATUS_TEXT_CHARS = 100;
/**
 * An avatar image's bytes. 40 KiB travels as ~54.6 KB of base64, inside the room's 64 KiB request frame; a
 * 128×128 WebP or PNG the renderer makes is far smaller.
 */
export const MAX_AVATAR_BYTES = 40 * 1024;
/** The side of the square avatar the renderer scales a chosen image to. */
export const AVATAR_SIDE_PX = 128;
/** Profiles one `profiles` request may ask for. */
export const MAX_PROFILES_ASKED = 100;
/** The statuses a person can set; `offline` is presence, not a status. */
export const STATUSES = ['online', 'away', 'dnd'] as const;
export type Status = (typeof STATUSES)[number];
/** The image types an avatar may be, by the bytes they start with (the room never decodes images). */
export const AVATAR_TYPES = ['image/png', 'image/webp'] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];
/** Base64 characters of the largest avatar. */
export const MAX_AVATAR_BASE64_CHARS = Math.ceil(MAX_AVATAR_BYTES / 3) * 4;

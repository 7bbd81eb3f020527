// What an avatar's bytes are, told by how they start: the room stores and serves images but never decodes
// one, so a malformed image can only ever reach a renderer's image decoder, which treats it as untrusted.
import { type AvatarType, MAX_AVATAR_BYTES } from '../../src-shared/account-limits';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type AvatarCheck = { ok: true; type: AvatarType; bytes: Buffer } | { ok: false; error: string };

/** Decode base64 that the schema already checked for its alphabet, and check size and magic bytes. */
export function checkAvatar(base64: string): AvatarCheck {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) return { ok: false, error: 'the image is empty' };
  if (bytes.length > MAX_AVATAR_BYTES) {
    return { ok: false, error: `the image is over ${MAX_AVATAR_BYTES / 1024} KiB` };
  }
  if (bytes.length > PNG.length && bytes.subarray(0, PNG.length).equals(PNG)) {
    return { ok: true, type: 'image/png', bytes };
  }
  // RIFF, the chunk size (little-endian, the file's length less 8), then WEBP.
  if (
    bytes.length > 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP' &&
    bytes.readUInt32LE(4) === bytes.length - 8
  ) {
    return { ok: true, type: 'image/webp', bytes };
  }
  return { ok: false, error: 'the image must be a PNG or WebP file' };
}

// What an image's first bytes say it is. The room never decodes images: it only compares a declared image
// type with these signatures, so a file that lies about being a PNG is refused, and a thumbnail is one of
// the four types the renderer shows.
import type { ImageType } from './file-limits';

/** The signatures of the four image types, as [offset, bytes] pieces that must all match. */
const SIGNATURES: Record<ImageType, ReadonlyArray<readonly [number, readonly number[]]>> = {
  'image/png': [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]],
  'image/jpeg': [[0, [0xff, 0xd8, 0xff]]],
  'image/gif': [[0, [0x47, 0x49, 0x46, 0x38]]],
  // RIFF....WEBP
  'image/webp': [
    [0, [0x52, 0x49, 0x46, 0x46]],
    [8, [0x57, 0x45, 0x42, 0x50]],
  ],
};

/** Bytes needed from the start of a file to tell its image type. */
export const MAGIC_BYTES = 12;

export function isImageType(type: string): type is ImageType {
  return Object.hasOwn(SIGNATURES, type);
}

/** Whether `head` (the first MAGIC_BYTES bytes, or all of a shorter file) starts as `type` must. */
export function hasImageMagic(head: Uint8Array, type: ImageType): boolean {
  return SIGNATURES[type].every(([at, bytes]) => bytes.every((b, i) => head[at + i] === b));
}

/** The image type `head` starts as, or null. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  for (const type of Object.keys(SIGNATURES) as ImageType[]) if (hasImageMagic(head, type)) return type;
  return null;
}

// The sender's thumbnail of an image (issue 15: the room never decodes images): this window decodes the
// picture the user chose, draws it at most 160 px on a canvas, and sends that small JPEG with the file. An
// image too large to decode safely, or one the browser cannot decode (not really an image), gets none and
// is shown to everyone as a file card.
import { MAX_THUMB_BYTES } from '../../src-shared/file-limits';
import { isImageType } from '../../src-shared/file-magic';

const EDGE = 160;
/** Above this many bytes the picture is not decoded here at all (a decompression bomb starts small, though: see below). */
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
/** Pixels past which a picture is refused before drawing (a 1 KB PNG can claim 50,000 × 50,000). */
const MAX_SOURCE_PIXELS = 100_000_000;

export async function makeThumbnail(file: Blob): Promise<string | undefined> {
  if (!isImageType(file.type) || file.size > MAX_SOURCE_BYTES) return undefined;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return undefined;
  }
  try {
    if (bitmap.width * bitmap.height > MAX_SOURCE_PIXELS || bitmap.width === 0) return undefined;
    const scale = Math.min(1, EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.82, 0.6, 0.4]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= MAX_THUMB_BYTES) return toBase64(new Uint8Array(await blob.arrayBuffer()));
    }
    return undefined;
  } finally {
    bitmap.close();
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

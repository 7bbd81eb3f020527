// How many pixels an image says it has, read from its header without decoding it: a 1 KB PNG can claim
// 50,000 × 50,000 pixels (a "decompression bomb", gigabytes once decoded). The viewer and the inline
// thumbnail refuse pictures past a bound and show the file as a card instead. Null: the header could not be
// read, which is treated as "not an image to show".
import type { ImageType } from './file-limits';

export interface ImageSize {
  width: number;
  height: number;
}

/** More than this many pixels is not shown (a 12,000 × 8,000 photo is 96 million). */
export const MAX_SHOWN_PIXELS = 100_000_000;

export function imageSize(bytes: Uint8Array, type: ImageType): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (end: number) => end <= bytes.length;
  switch (type) {
    case 'image/png':
      return fits(24) ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
    case 'image/gif':
      return fits(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
    case 'image/webp':
      return webpSize(bytes, view);
    case 'image/jpeg':
      return jpegSize(bytes, view);
  }
}

export function isShowable(size: ImageSize | null): boolean {
  return size !== null && size.width > 0 && size.height > 0 && size.width * size.height <= MAX_SHOWN_PIXELS;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (bytes.length < 30) return null;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  const u24 = (at: number) =>
    (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16);
  if (chunk === 'VP8X') return { width: u24(24) + 1, height: u24(27) + 1 };
  if (chunk === 'VP8 ')
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return null;
}

/** The first frame header (SOF0–SOF15 but DHT, JPG, DAC), walking the segments from SOI. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    const frame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (frame) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    if (marker === 0xda || marker === 0xd9) return null;
    at += 2 + length;
  }
  return null;
}

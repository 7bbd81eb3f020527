// Real JPEGs carrying real metadata, for the tests of src-shared/jpeg-metadata.ts (and any test that needs a
// photo with a location in it). Chromium encodes the pixels (canvas.toBlob) and decodes them back
// (createImageBitmap); the EXIF with its GPS block, the XMP packet and the IPTC record are built here byte by
// byte from their specifications (TIFF 6.0 / EXIF 2.32, XMP part 3, Photoshop's image resources with IPTC IIM),
// and exiftool, when installed, reads them back as an independent judge.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The little of the canvas API the page functions below use (the test tsconfig has no DOM library). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    drawImage(image: Bitmap, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
  toBlob(done: (blob: Blob | null) => void, type: string, quality: number): void;
}
interface Bitmap {
  width: number;
  height: number;
}
interface CanvasGlobals {
  document: { createElement(tag: 'canvas'): Canvas };
  createImageBitmap(blob: Blob): Promise<Bitmap>;
}

/** A JPEG of `width`×`height` from Chromium's encoder: a gradient, so the scan is not trivially small. */
export async function encodeJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const page = globalThis as unknown as CanvasGlobals;
      const canvas = page.document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext('2d');
      for (let x = 0; x < w; x++)
        for (let y = 0; y < h; y++) {
          g.fillStyle = `rgb(${(x * 255) / w}, ${(y * 255) / h}, ${((x + y) * 7) % 256})`;
          g.fillRect(x, y, 1, 1);
        }
      const blob = await new Promise<Blob>((resolve) =>
        canvas.toBlob((b) => resolve(b as Blob), 'image/jpeg', 0.92),
      );
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    },
    [width, height] as const,
  );
  return Buffer.from(base64, 'base64');
}

export interface Decoded {
  width: number;
  height: number;
  /** The decoded RGBA pixels, base64. */
  pixels: string;
}

/** Chromium's decode of `jpeg` as an image element would show it (EXIF orientation applied). */
export async function decodeJpeg(page: Page, jpeg: Uint8Array): Promise<Decoded> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const page = globalThis as unknown as CanvasGlobals;
    const bitmap = await page.createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = page.document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const g = canvas.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let text = '';
    for (const b of data) text += String.fromCharCode(b);
    return { width: bitmap.width, height: bitmap.height, pixels: btoa(text) };
  }, Buffer.from(jpeg).toString('base64'));
}

/** A JPEG segment: FF, marker, a length that counts itself, the payload. */
export function segment(marker: number, payload: Uint8Array | number[]): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
  return Buffer.concat([head, body]);
}

/** `jpeg` with `segments` after its SOI and its JFIF APP0, where a camera puts its metadata. */
export function insertSegments(jpeg: Buffer, segments: Buffer[]): Buffer {
  let at = 2;
  if (jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), ...segments, jpeg.subarray(at)]);
}

// --- EXIF: a little-endian TIFF structure -----------------------------------------------------------------

const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const BYTE = 1;

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** The value's bytes, little-endian; or, for an IFD pointer, the IFD it points to. */
  value: number[] | Entry[];
}

const u16 = (n: number) => [n & 0xff, n >> 8];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const text = (s: string) => [...Buffer.from(`${s}\0`, 'latin1')];
const rationals = (...pairs: Array<[number, number]>) => pairs.flatMap(([a, b]) => [...u32(a), ...u32(b)]);

function ifdSize(entries: Entry[]): number {
  let size = 2 + entries.length * 12 + 4;
  for (const e of entries) {
    if (Array.isArray(e.value) && typeof e.value[0] === 'object') size += ifdSize(e.value as Entry[]);
    else if (e.value.length > 4) size += e.value.length + (e.value.length % 2);
  }
  return size;
}

/** An IFD placed at `start` in the TIFF structure, with its values and sub-IFDs after it. */
function ifdBytes(entries: Entry[], start: number): number[] {
  const table: number[] = [...u16(entries.length)];
  const data: number[] = [];
  let dataAt = start + 2 + entries.length * 12 + 4;
  for (const e of entries) {
    table.push(...u16(e.tag), ...u16(e.type), ...u32(e.count));
    if (typeof e.value[0] === 'object') {
      table.push(...u32(dataAt));
      const sub = ifdBytes(e.value as Entry[], dataAt);
      data.push(...sub);
      dataAt += sub.length;
    } else if (e.value.length > 4) {
      table.push(...u32(dataAt));
      const padded = [...(e.value as number[]), ...(e.value.length % 2 ? [0] : [])];
      data.push(...padded);
      dataAt += padded.length;
    } else {
      table.push(...(e.value as number[]), ...Array(4 - e.value.length).fill(0));
    }
  }
  table.push(...u32(0));
  return [...table, ...data];
}

/** Where the GPS block of exifSegment says the photo was taken. */
export const PLACE = { latitude: 59.9139, longitude: 10.7522 };

/**
 * An EXIF APP1 as a phone writes one: the camera in IFD0, the time in the EXIF IFD, and a GPS IFD with the
 * place (PLACE); the orientation tag too when given.
 */
export function exifSegment(orientation?: number): Buffer {
  const gps: Entry[] = [
    { tag: 0x0000, type: BYTE, count: 4, value: [2, 3, 0, 0] },
    { tag: 0x0001, type: ASCII, count: 2, value: text('N') },
    { tag: 0x0002, type: RATIONAL, count: 3, value: rationals([59, 1], [54, 1], [5004, 100]) },
    { tag: 0x0003, type: ASCII, count: 2, value: text('E') },
    { tag: 0x0004, type: RATIONAL, count: 3, value: rationals([10, 1], [45, 1], [792, 100]) },
  ];
  const exif: Entry[] = [{ tag: 0x9003, type: ASCII, count: 20, value: text('2026:12:04 18:00:00') }];
  const ifd0: Entry[] = [
    { tag: 0x010f, type: ASCII, count: 12, value: text('HearthPhone') },
    ...(orientation ? [{ tag: 0x0112, type: SHORT, count: 1, value: u16(orientation) }] : []),
    { tag: 0x8769, type: LONG, count: 1, value: exif },
    { tag: 0x8825, type: LONG, count: 1, value: gps },
  ];
  const tiff = [0x49, 0x49, ...u16(42), ...u32(8), ...ifdBytes(ifd0, 8)];
  if (tiff.length !== 8 + ifdSize(ifd0)) throw new Error('the TIFF layout is off');
  return segment(0xe1, [...Buffer.from('Exif\0\0', 'latin1'), ...tiff]);
}

/** An XMP APP1 whose packet repeats the location. */
export function xmpSegment(): Buffer {
  const packet = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="59,54.834N" exif:GPSLongitude="10,45.132E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  return segment(0xe1, [...Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), ...Buffer.from(packet)]);
}

/** A Photoshop APP13 with an IPTC record naming the city. */
export function iptcSegment(): Buffer {
  const city = Buffer.from('Oslo');
  const iptc = [0x1c, 0x02, 0x5a, 0, city.length, ...city];
  const padded = [...iptc, ...(iptc.length % 2 ? [0] : [])];
  const size = [0, 0, 0, iptc.length];
  const resource = [...Buffer.from('8BIM'), 0x04, 0x04, 0, 0, ...size, ...padded];
  return segment(0xed, [...Buffer.from('Photoshop 3.0\0', 'latin1'), ...resource]);
}

/** What exiftool reads in `jpeg`, as group:tag → value; null when exiftool is not installed. */
export function exiftool(jpeg: Uint8Array): Record<string, unknown> | null {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-jpeg-'));
  try {
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, jpeg, { mode: 0o600 });
    const run = spawnSync('exiftool', ['-j', '-G1', '-a', '-n', file], { encoding: 'utf8' });
    if (run.error) return null;
    if (run.status !== 0) throw new Error(`exiftool failed: ${run.stderr}`);
    return (JSON.parse(run.stdout) as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether exiftool can run here (libimage-exiftool-perl on Debian). */
export const EXIFTOOL_MISSING =
  spawnSync('exiftool', ['-ver']).error === undefined
    ? null
    : 'exiftool is not installed (apt-get install libimage-exiftool-perl)';

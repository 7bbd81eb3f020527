// Removing what a JPEG says about where, when and with what it was taken (issue 15, privacy), before the
// client sends it. The pixels are never decoded: the file's marker structure is walked once, segment by
// segment, and the entropy-coded scans are copied byte for byte, so the image is the same image.
//
// Kept, because the image is not shown correctly without them: JFIF APP0 (its thumbnail dropped: a thumbnail
// of the uncropped original is a known leak), ICC profiles (APP2 "ICC_PROFILE"), Adobe APP14 (the colour
// transform of CMYK and YCCK files), and every frame, table and scan segment. Dropped: EXIF (APP1), XMP
// (APP1), IPTC/Photoshop (APP13), comments (COM), every other APPn (MPF, vendor data, JFXX thumbnails) and any
// bytes after EOI (where phones append depth maps, motion-photo videos and second pictures with their own
// EXIF).
//
// Orientation: a phone writes a portrait photo as landscape pixels plus the EXIF orientation tag, and
// Chromium turns the image by that tag. Turning the pixels instead would mean decoding and re-encoding (a
// quality loss, and no decoder here). So when the EXIF said anything but "upright" (1), a new EXIF is
// written in its place with that one tag and nothing else: it tells nobody anything about the photographer.
//
// Hostile input: every step moves forward by at least one byte and every length is checked against the end
// before it is used, so the work is linear in the file's size and nothing is read past the end. Anything that
// is not a well-formed JPEG is a typed failure, never an exception.

/** What the original file carried (for the UI's "metadata removed" wording). */
export interface JpegMetadataFound {
  /** An EXIF block (camera, times, settings, its thumbnail). */
  exif: boolean;
  /** A GPS block inside the EXIF (where the photo was taken). */
  gps: boolean;
  /** XMP (Adobe's metadata, which can repeat the EXIF and the location). */
  xmp: boolean;
  /** IPTC or Photoshop data (APP13: captions, authors, places). */
  iptc: boolean;
  /** Comment segments (COM). */
  comment: boolean;
  /** Other application segments dropped (MPF, JFXX, vendor data), and a JFIF thumbnail. */
  other: boolean;
  /** Bytes after the end of the image (EOI). */
  trailer: boolean;
  /** The EXIF orientation (2–8) kept in a minimal EXIF, or null when there was none or it was upright. */
  orientation: number | null;
}

export type JpegStripFailureReason =
  /** The bytes do not start as a JPEG (FF D8 FF). */
  | 'not_jpeg'
  /** The file ends inside a segment, a scan, or before its EOI. */
  | 'truncated'
  /** A segment length below 2 (a length counts its own two bytes). */
  | 'bad_length'
  /** Something other than a marker where a marker must be, or a marker out of place. */
  | 'bad_marker';

export type JpegStripResult =
  | { ok: true; bytes: Uint8Array; found: JpegMetadataFound }
  | { ok: false; reason: JpegStripFailureReason; at: number; error: string };

/** Whether anything the UI should mention was removed. */
export function removedMetadata(found: JpegMetadataFound): boolean {
  return found.exif || found.xmp || found.iptc || found.comment || found.other || found.trailer;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const COM = 0xfe;

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const JFIF = ascii('JFIF\0');
const EXIF = ascii('Exif\0\0');
const XMP = ascii('http://ns.adobe.com/xap/1.0/\0');
const XMP_EXTENSION = ascii('http://ns.adobe.com/xmp/extension/\0');
const ICC = ascii('ICC_PROFILE\0');
const ADOBE = ascii('Adobe');

/** Strips the metadata and says what was there, or says why the bytes are not a JPEG it can strip. */
export function stripJpeg(bytes: Uint8Array): JpegStripResult {
  if (bytes[0] !== 0xff || bytes[1] !== SOI || bytes[2] !== 0xff)
    return failure('not_jpeg', 0, 'the file does not start as a JPEG');
  const found: JpegMetadataFound = {
    exif: false,
    gps: false,
    xmp: false,
    iptc: false,
    comment: false,
    other: false,
    trailer: false,
    orientation: null,
  };
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  for (;;) {
    if (at >= bytes.length) return failure('truncated', at, 'the file ends before the end of the image');
    if (bytes[at] !== 0xff) return failure('bad_marker', at, 'expected a marker');
    // Any number of FF fill bytes may come before a marker's code.
    let code = at + 1;
    while (code < bytes.length && bytes[code] === 0xff) code++;
    if (code >= bytes.length) return failure('truncated', at, 'the file ends inside a marker');
    const marker = bytes[code] as number;
    const start = code - 1;
    if (marker === EOI) {
      parts.push(bytes.subarray(start, code + 1));
      found.trailer = code + 1 < bytes.length;
      return { ok: true, bytes: concat(parts), found };
    }
    if (marker === 0x00 || marker === SOI) return failure('bad_marker', start, 'a marker out of place');
    if (isStandalone(marker)) {
      parts.push(bytes.subarray(start, code + 1));
      at = code + 1;
      continue;
    }
    if (code + 2 >= bytes.length) return failure('truncated', start, 'the file ends inside a segment length');
    const length = ((bytes[code + 1] as number) << 8) | (bytes[code + 2] as number);
    if (length < 2) return failure('bad_length', start, `a segment length of ${length}`);
    const end = code + 1 + length;
    if (end > bytes.length) return failure('truncated', start, 'a segment runs past the end of the file');
    const segment = bytes.subarray(start, end);
    const kept = keepSegment(marker, bytes.subarray(code + 3, end), segment, found);
    if (kept) parts.push(kept);
    at = end;
    if (marker === SOS) {
      const scanEnd = endOfScan(bytes, at);
      if (scanEnd < 0) return failure('truncated', at, 'the file ends inside the image data');
      parts.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
}

/** TEM and RST0–7 have no length; SOI and EOI are handled on their own. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/** What of a segment goes into the output (`payload` is after its length), noting in `found` what it drops. */
function keepSegment(
  marker: number,
  payload: Uint8Array,
  segment: Uint8Array,
  found: JpegMetadataFound,
): Uint8Array | null {
  if (marker === COM) {
    found.comment = true;
    return null;
  }
  if (marker < APP0 || marker > 0xef) return segment;
  if (marker === APP0 && startsWith(payload, JFIF)) return jfifWithoutThumbnail(segment, found);
  if (marker === APP1 && startsWith(payload, EXIF)) {
    found.exif = true;
    const exif = readExif(payload.subarray(EXIF.length));
    found.gps ||= exif.gps;
    if (exif.orientation === null || found.orientation !== null) return null;
    found.orientation = exif.orientation;
    return orientationOnlyExif(exif.orientation);
  }
  if (marker === APP1 && (startsWith(payload, XMP) || startsWith(payload, XMP_EXTENSION))) {
    found.xmp = true;
    return null;
  }
  if (marker === APP2 && startsWith(payload, ICC)) return segment;
  if (marker === APP14 && startsWith(payload, ADOBE)) return segment;
  if (marker === APP13) found.iptc = true;
  else found.other = true;
  return null;
}

/** A JFIF APP0 as it is, or rewritten with no thumbnail when it carries one (JFIF 1.02: 14 fixed bytes). */
function jfifWithoutThumbnail(segment: Uint8Array, found: JpegMetadataFound): Uint8Array {
  const fixed = 4 + 14; // marker, length, then "JFIF\0", version, units, densities, thumbnail size
  if (segment.length <= fixed) return segment;
  found.other = true;
  const out = segment.slice(0, fixed);
  out[2] = 0;
  out[3] = fixed - 2;
  out[fixed - 2] = 0;
  out[fixed - 1] = 0;
  return out;
}

/**
 * The end of a scan's entropy-coded data that starts at `from`: the index of the FF of the next marker (FF 00
 * is a stuffed data byte and RST0–7 belong to the scan), or -1 if the file ends first.
 */
function endOfScan(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    const ff = bytes.indexOf(0xff, at);
    if (ff < 0 || ff + 1 >= bytes.length) return -1;
    const next = bytes[ff + 1] as number;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at = ff + 2;
    else if (next === 0xff) at = ff + 1;
    else return ff;
  }
}

const ORIENTATION = 0x0112;
const GPS_IFD = 0x8825;
const SHORT = 3;

/**
 * The orientation (2–8, or null) and whether a GPS block is named, from IFD0 of a TIFF structure (EXIF's
 * body). A broken structure answers null and false: the whole EXIF is dropped anyway.
 */
function readExif(tiff: Uint8Array): { orientation: number | null; gps: boolean } {
  const none = { orientation: null, gps: false };
  if (tiff.length < 8) return none;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return none;
  const u16 = (at: number) =>
    little
      ? (tiff[at] as number) | ((tiff[at + 1] as number) << 8)
      : ((tiff[at] as number) << 8) | (tiff[at + 1] as number);
  const u32 = (at: number) => (little ? u16(at) + u16(at + 2) * 0x10000 : u16(at) * 0x10000 + u16(at + 2));
  if (u16(2) !== 42) return none;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return none;
  const count = u16(ifd);
  let orientation: number | null = null;
  let gps = false;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    const tag = u16(entry);
    if (tag === GPS_IFD) gps = true;
    if (tag === ORIENTATION && u16(entry + 2) === SHORT && u32(entry + 4) === 1) {
      const value = u16(entry + 8);
      if (value >= 2 && value <= 8) orientation = value;
    }
  }
  return { orientation, gps };
}

/** An APP1 segment with an EXIF that holds only the orientation (big-endian TIFF, one IFD, one entry). */
function orientationOnlyExif(orientation: number): Uint8Array {
  const tiff = [
    ...ascii('MM'),
    0x00,
    42,
    ...[0, 0, 0, 8], // IFD0 right after this header
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, SHORT, 0, 0, 0, 1, 0, orientation, 0, 0],
    ...[0, 0, 0, 0], // no next IFD
  ];
  const length = 2 + EXIF.length + tiff.length;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...EXIF, ...tiff]);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function failure(reason: JpegStripFailureReason, at: number, error: string): JpegStripResult {
  return { ok: false, reason, at, error: `${error} (byte ${at})` };
}

// The JPEG metadata stripper (src-shared/jpeg-metadata.ts) on real photos: Chromium encodes a JPEG, the test
// writes a phone's EXIF with a GPS block, XMP, IPTC and a comment into it, and after stripping exiftool finds
// none of it, while Chromium decodes the same pixels at the same size (and the same turned size when the
// photo carried an orientation). Then hostile input: every truncation, lengths past the end, 10,000
// segments, random bytes and mutations, none of which may throw.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { type JpegStripResult, removedMetadata, stripJpeg } from '../../src-shared/jpeg-metadata';
import { launchChromium } from '../e2e/harness';
import {
  decodeJpeg,
  EXIFTOOL_MISSING,
  encodeJpeg,
  exifSegment,
  exiftool,
  insertSegments,
  iptcSegment,
  PLACE,
  segment,
  xmpSegment,
} from '../helpers/jpeg';

if (EXIFTOOL_MISSING) console.log(`# exiftool checks skipped: ${EXIFTOOL_MISSING}`);

let browser: Browser;
let page: Page;
let plain: Buffer;

before(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  plain = await encodeJpeg(page, 64, 48);
});

after(async () => {
  await browser?.close();
});

function stripped(bytes: Uint8Array): Extract<JpegStripResult, { ok: true }> {
  const result = stripJpeg(bytes);
  assert.ok(result.ok, `strip failed: ${result.ok ? '' : result.error}`);
  return result;
}

/** The groups exiftool reports that can say something about the photographer. */
function revealing(tags: Record<string, unknown>): string[] {
  return Object.keys(tags).filter((key) =>
    /^(GPS|ExifIFD|IFD0|IFD1|XMP|IPTC|Photoshop|Composite:GPS)/.test(key),
  );
}

describe('a phone photo with EXIF, GPS, XMP, IPTC and a comment', () => {
  let photo: Buffer;
  before(() => {
    photo = insertSegments(plain, [
      exifSegment(),
      xmpSegment(),
      iptcSegment(),
      segment(0xfe, [...Buffer.from('taken at home')]),
    ]);
  });

  test('exiftool reads the location in the photo as built', { skip: EXIFTOOL_MISSING ?? false }, () => {
    const tags = exiftool(photo) as Record<string, unknown>;
    assert.ok(Math.abs((tags['GPS:GPSLatitude'] as number) - PLACE.latitude) < 1e-3, JSON.stringify(tags));
    assert.ok(Math.abs((tags['GPS:GPSLongitude'] as number) - PLACE.longitude) < 1e-3);
    assert.equal(tags['IFD0:Make'], 'HearthPhone');
    assert.equal(tags['IPTC:City'], 'Oslo');
    assert.ok(tags['XMP-exif:GPSLatitude'] !== undefined, 'XMP carries the place too');
    assert.equal(tags['File:Comment'], 'taken at home');
  });

  test('after stripping, exiftool finds no EXIF, GPS, XMP, IPTC or comment', {
    skip: EXIFTOOL_MISSING ?? false,
  }, () => {
    const tags = exiftool(stripped(photo).bytes) as Record<string, unknown>;
    assert.deepEqual(revealing(tags), []);
    assert.equal(tags['File:Comment'], undefined);
    assert.ok(tags['JFIF:JFIFVersion'] !== undefined, 'the JFIF header is kept');
  });

  test('the strip says what it found', () => {
    const { found } = stripped(photo);
    assert.deepEqual(found, {
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
      comment: true,
      other: false,
      trailer: false,
      orientation: null,
    });
    assert.equal(removedMetadata(found), true);
    assert.equal(removedMetadata(stripped(plain).found), false, 'a plain JPEG has nothing to remove');
  });

  test('the stripped photo is the image Chromium encoded, byte for byte, and decodes to the same pixels', async () => {
    const out = stripped(photo).bytes;
    assert.deepEqual(Buffer.from(out), plain, 'only the inserted segments went');
    const before = await decodeJpeg(page, photo);
    const afterStrip = await decodeJpeg(page, out);
    assert.deepEqual([afterStrip.width, afterStrip.height], [64, 48]);
    assert.equal(afterStrip.pixels, before.pixels);
  });

  test('stripping twice changes nothing more', () => {
    const once = stripped(photo).bytes;
    assert.deepEqual(stripped(once).bytes, once);
  });
});

describe('orientation', () => {
  test('a turned photo keeps only its orientation, and Chromium still shows it turned', async () => {
    const photo = insertSegments(plain, [exifSegment(6)]);
    const result = stripped(photo);
    assert.equal(result.found.orientation, 6);
    assert.equal(result.found.gps, true);
    const shown = await decodeJpeg(page, result.bytes);
    assert.deepEqual([shown.width, shown.height], [48, 64], 'orientation 6 turns 64×48 to 48×64');
    assert.equal(shown.pixels, (await decodeJpeg(page, photo)).pixels);
    if (EXIFTOOL_MISSING) return;
    const tags = exiftool(result.bytes) as Record<string, unknown>;
    assert.deepEqual(revealing(tags), ['IFD0:Orientation']);
    assert.equal(tags['IFD0:Orientation'], 6);
  });

  test('an upright orientation (1) is not worth an EXIF', () => {
    const result = stripped(insertSegments(plain, [exifSegment(1)]));
    assert.equal(result.found.orientation, null);
    assert.deepEqual(Buffer.from(result.bytes), plain);
  });
});

describe('what is kept and what goes', () => {
  const icc = segment(0xe2, [...Buffer.from('ICC_PROFILE\0', 'latin1'), 1, 1, ...Array(64).fill(7)]);
  const adobe = segment(0xee, [...Buffer.from('Adobe', 'latin1'), 0, 100, 0, 0, 0, 0, 1]);

  test('ICC profiles and Adobe APP14 stay, byte for byte and in place', () => {
    const photo = insertSegments(plain, [icc, exifSegment(), adobe]);
    assert.deepEqual(Buffer.from(stripped(photo).bytes), insertSegments(plain, [icc, adobe]));
  });

  test('MPF, JFXX and vendor APPn segments go, and count as other', () => {
    const mpf = segment(0xe2, [...Buffer.from('MPF\0', 'latin1'), 0x4d, 0x4d, 0, 42]);
    const jfxx = segment(0xe0, [...Buffer.from('JFXX\0', 'latin1'), 0x10, 1, 2, 3]);
    const vendor = segment(0xe9, [1, 2, 3, 4]);
    const result = stripped(insertSegments(plain, [mpf, jfxx, vendor]));
    assert.deepEqual(Buffer.from(result.bytes), plain);
    assert.equal(result.found.other, true);
    assert.equal(result.found.exif, false);
  });

  test('bytes after EOI (a second picture, a motion photo) are dropped', () => {
    const trailer = Buffer.concat([plain, insertSegments(plain, [exifSegment()])]);
    const result = stripped(trailer);
    assert.deepEqual(Buffer.from(result.bytes), plain);
    assert.equal(result.found.trailer, true);
    assert.equal(result.found.exif, false, 'the trailer is not parsed, only dropped');
  });

  test('a JFIF thumbnail is removed and the JFIF header kept', async () => {
    assert.equal(plain[3], 0xe0, 'Chromium writes a JFIF APP0');
    const jfifLength = plain.readUInt16BE(4);
    const jfif = Buffer.from(plain.subarray(4, 4 + jfifLength));
    jfif.writeUInt16BE(jfifLength + 2 * 2 * 3, 0);
    jfif[jfifLength - 2] = 2;
    jfif[jfifLength - 1] = 2;
    const withThumb = Buffer.concat([
      plain.subarray(0, 4),
      jfif,
      Buffer.alloc(12, 0x80),
      plain.subarray(4 + jfifLength),
    ]);
    const result = stripped(withThumb);
    assert.deepEqual(Buffer.from(result.bytes), plain);
    assert.equal(result.found.other, true);
    assert.deepEqual(
      (await decodeJpeg(page, withThumb)).pixels,
      (await decodeJpeg(page, result.bytes)).pixels,
    );
  });

  test('fill bytes before a marker go; a restart marker outside a scan stays', () => {
    const filled = Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, 0xff]), plain.subarray(2)]);
    assert.deepEqual(Buffer.from(stripped(filled).bytes), plain);
    const restart = Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, 0xd0]), plain.subarray(2)]);
    assert.deepEqual(Buffer.from(stripped(restart).bytes), restart);
  });
});

describe('hostile input: a typed answer, never an exception', () => {
  test('every truncation of a real photo is refused as truncated', () => {
    const photo = insertSegments(plain, [exifSegment(), xmpSegment(), segment(0xfe, [1, 2, 3])]);
    for (let n = 3; n < photo.length; n++) {
      const result = stripJpeg(photo.subarray(0, n));
      assert.equal(result.ok, false, `a photo cut at ${n} of ${photo.length} bytes`);
      if (!result.ok) assert.equal(result.reason, 'truncated', `cut at ${n}: ${result.error}`);
    }
  });

  test('a length past the end, and a length below 2', () => {
    const past = Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, 0xe1, 0xff, 0xff, 1, 2, 3])]);
    assert.deepEqual(pick(stripJpeg(past)), { ok: false, reason: 'truncated', at: 2 });
    for (const length of [0, 1]) {
      const short = Buffer.concat([
        plain.subarray(0, 2),
        Buffer.from([0xff, 0xfe, 0, length]),
        plain.subarray(2),
      ]);
      assert.deepEqual(pick(stripJpeg(short)), { ok: false, reason: 'bad_length', at: 2 });
    }
  });

  test('not a JPEG: empty, PNG, text, a lone SOI', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    for (const bytes of [
      Buffer.alloc(0),
      png,
      Buffer.from('hello, not a photo'),
      Buffer.from([0xff, 0xd8]),
    ]) {
      const result = stripJpeg(bytes);
      assert.deepEqual(pick(result), { ok: false, reason: 'not_jpeg', at: 0 });
    }
  });

  test('garbage where a marker must be, a second SOI, and FF 00 outside a scan', () => {
    const body = plain.subarray(2);
    const cases: Array<[Buffer, string]> = [
      [Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 2, 0x41]), body]), 'bad_marker'],
      [Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, 0xd8]), body]), 'bad_marker'],
      [Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, 0x00]), body]), 'bad_marker'],
    ];
    for (const [bytes, reason] of cases) assert.equal(pick(stripJpeg(bytes)).reason, reason);
  });

  test('10,000 comment and APP segments are all removed in one pass', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 ? segment(0xfe, [i & 0xff]) : segment(0xe1, [...Buffer.from('Exif\0\0', 'latin1'), 0, 0]),
    );
    const result = stripped(insertSegments(plain, many));
    assert.deepEqual(Buffer.from(result.bytes), plain);
    assert.equal(result.found.comment && result.found.exif, true);
    assert.equal(result.found.gps, false, 'a broken EXIF names no GPS');
  });

  test('random bytes after an SOI, and random changes to a real photo, never throw', () => {
    const photo = insertSegments(plain, [exifSegment(6), xmpSegment(), iptcSegment()]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (tail) => {
        const result = stripJpeg(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), tail]));
        if (!result.ok) assert.ok(result.at >= 0 && result.at <= tail.length + 3);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(photo.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (changes) => {
          const bent = Buffer.from(photo);
          for (const [at, value] of changes) bent[at] = value;
          const result = stripJpeg(bent);
          if (result.ok)
            assert.ok(result.bytes.length <= bent.length + 64, 'the output is never much larger');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function pick(result: JpegStripResult): { ok: boolean; reason?: string; at?: number } {
  return result.ok ? { ok: true } : { ok: false, reason: result.reason, at: result.at };
}

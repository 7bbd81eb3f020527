// Image sizes read from headers, never decoded (src-shared/image-size.ts): real files, each format's
// header, a decompression bomb's claim, and headers too short or broken to read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { imageSize, isShowable } from '../../src-shared/image-size';
import { segment } from '../helpers/jpeg';

function pngClaiming(width: number, height: number): Buffer {
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const ihdr = Buffer.alloc(17);
  ihdr.write('IHDR', 0, 'latin1');
  ihdr.writeUInt32BE(width, 4);
  ihdr.writeUInt32BE(height, 8);
  return Buffer.concat([head, ihdr]);
}

test('a real PNG reads as its size; a PNG claiming 50,000 × 50,000 pixels is not shown', () => {
  const icon = readFileSync(join(__dirname, '../../assets/icons/64x64.png'));
  assert.deepEqual(imageSize(icon, 'image/png'), { width: 64, height: 64 });
  assert.ok(isShowable(imageSize(icon, 'image/png')));
  const bomb = pngClaiming(50_000, 50_000);
  assert.deepEqual(imageSize(bomb, 'image/png'), { width: 50_000, height: 50_000 });
  assert.equal(isShowable(imageSize(bomb, 'image/png')), false);
  assert.equal(isShowable(imageSize(pngClaiming(0, 10), 'image/png')), false);
});

test('GIF, WebP (VP8X, VP8L, VP8) and JPEG headers', () => {
  const gif = Buffer.from([...Buffer.from('GIF89a'), 0x40, 0x01, 0xf0, 0x00]);
  assert.deepEqual(imageSize(gif, 'image/gif'), { width: 320, height: 240 });

  const riff = (chunk: string, body: number[]) =>
    Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), Buffer.from(chunk, 'latin1'), Buffer.from(body)]);
  // VP8X: the canvas minus one, 24 bits each, after 4 bytes of size and 4 of flags.
  const vp8x = riff('VP8X', [10, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0x01, 0x00, 0xc7, 0x00, 0x00, 0, 0]);
  assert.deepEqual(imageSize(vp8x, 'image/webp'), { width: 320, height: 200 });
  // VP8L: a 0x2f signature byte, then 14 bits of width-1 and 14 of height-1.
  const bits = (99 & 0x3fff) | ((49 & 0x3fff) << 14);
  const vp8l = riff('VP8L', [
    0,
    0,
    0,
    0,
    0x2f,
    bits & 0xff,
    (bits >> 8) & 0xff,
    (bits >> 16) & 0xff,
    (bits >> 24) & 0xff,
    0,
    0,
    0,
    0,
    0,
  ]);
  assert.deepEqual(imageSize(vp8l, 'image/webp'), { width: 100, height: 50 });
  // VP8: a frame tag (3 bytes), the start code 9d 01 2a, then 14-bit width and height.
  const vp8 = riff('VP8 ', [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01, 0, 0]);
  assert.deepEqual(imageSize(vp8, 'image/webp'), { width: 640, height: 480 });

  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xc4, [0, 1, 2, 3]),
    segment(0xc2, [8, 0x03, 0x20, 0x04, 0xb0, 3]),
  ]);
  assert.deepEqual(imageSize(jpeg, 'image/jpeg'), { width: 1200, height: 800 });
});

test('headers that are cut short or broken read as nothing to show', () => {
  assert.equal(imageSize(pngClaiming(10, 10).subarray(0, 20), 'image/png'), null);
  assert.equal(imageSize(Buffer.from('GIF8'), 'image/gif'), null);
  assert.equal(imageSize(Buffer.from('RIFF\0\0\0\0WEBPXXXX'), 'image/webp'), null);
  assert.equal(imageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0]), 'image/jpeg'), null);
  const zeroLength = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01, 0, 0, 0, 0, 0]);
  assert.equal(imageSize(zeroLength, 'image/jpeg'), null);
  assert.equal(isShowable(null), false);
});

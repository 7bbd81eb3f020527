// What the app keeps in its downloads folder (src-main/service/download-cache.ts), on real files in a temp
// dir: parts of downloads nobody resumed go after their time, the least recently used files go once the
// folder is over its budget, files a download is writing stay whatever their age, and names this app did
// not make are never touched.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DownloadCache } from '../../src-main/service/download-cache';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 11, 4, 12);
const sha = (seed: string) => createHash('sha256').update(seed).digest('hex');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'hearth-downloads-'));
}

/** A file of `bytes` bytes last used `hoursAgo` before NOW. */
function put(dir: string, name: string, bytes: number, hoursAgo: number): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.alloc(bytes, 1));
  const at = (NOW - hoursAgo * HOUR) / 1000;
  utimesSync(path, at, at);
  return path;
}

test('parts nobody resumed within their time are deleted; fresh parts, parts being written and foreign names stay', async () => {
  const dir = folder();
  const cache = new DownloadCache(dir, { budgetBytes: 10_000_000, partTtlMs: 24 * HOUR });
  put(dir, `${sha('old')}.part`, 1000, 30);
  put(dir, `${sha('fresh')}.part`, 1000, 2);
  const writing = put(dir, `${sha('writing')}.part`, 1000, 48);
  put(dir, sha('viewed'), 1000, 300);
  put(dir, 'notes.txt', 1000, 300);

  assert.equal(await cache.prune(new Set([writing]), NOW), 1);
  assert.deepEqual(
    readdirSync(dir).sort(),
    [`${sha('fresh')}.part`, sha('viewed'), `${sha('writing')}.part`, 'notes.txt'].sort(),
  );
});

test('over the budget, the least recently used go first, and touching a file makes it the most recent', async () => {
  const dir = folder();
  const cache = new DownloadCache(dir, { budgetBytes: 3000, partTtlMs: 24 * HOUR });
  const oldest = put(dir, sha('a'), 1000, 5);
  put(dir, sha('b'), 1000, 4);
  put(dir, `${sha('c')}.part`, 1000, 3);
  put(dir, sha('d'), 1000, 1);

  assert.equal(await cache.prune(new Set(), NOW), 1, '4000 bytes down to 3000');
  assert.deepEqual(readdirSync(dir).sort(), [sha('b'), `${sha('c')}.part`, sha('d')].sort());

  put(dir, sha('a'), 1000, 5);
  await cache.touch(oldest);
  put(dir, sha('e'), 1000, 0.5);
  assert.equal(await cache.prune(new Set(), Date.now()), 2, '5000 bytes down to 3000');
  assert.deepEqual(readdirSync(dir).sort(), [sha('a'), sha('d'), sha('e')].sort(), 'not the touched file');
});

test('a folder that does not exist yet prunes to nothing', async () => {
  const cache = new DownloadCache(join(folder(), 'missing'));
  assert.equal(await cache.prune(new Set()), 0);
});

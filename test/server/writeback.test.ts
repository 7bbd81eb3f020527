// The upload's paced writeback (src-main/server/files/writeback.ts) on a real file in a temp dir: reading
// stops once the disk is MAX_UNSYNCED_BYTES behind, each datasync takes its bytes off, and the upload is
// told to go on once it is no longer behind.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_UNSYNCED_BYTES, PacedWriteback, SYNC_STEP_BYTES } from '../../src-main/server/files/writeback';

test('the upload is held back once the disk is too far behind, and let go when a datasync catches up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-writeback-'));
  const path = join(dir, '1');
  let resume = () => {};
  const caughtUp = new Promise<void>((resolve) => {
    resume = resolve;
  });
  const writeback = new PacedWriteback(path, () => resume());
  const piece = Buffer.alloc(SYNC_STEP_BYTES / 8, 7);
  for (let written = 0; written < MAX_UNSYNCED_BYTES; written += piece.length) {
    assert.equal(writeback.behind, false, `not behind at ${written} bytes`);
    appendFileSync(path, piece);
    writeback.wrote(piece.length);
  }
  // The loop never yielded, so no sync can have ended yet.
  assert.equal(writeback.behind, true);
  await caughtUp;
  assert.equal(writeback.behind, false);
  await writeback.close();
  assert.equal(statSync(path).size, MAX_UNSYNCED_BYTES);
  rmSync(dir, { recursive: true, force: true });
});

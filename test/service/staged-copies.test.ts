// The outbox's own copies of attached files (src-main/service/file-attach.ts sweepStagedCopies), on real
// files in a temp dir: a copy an outbox still names stays however old, a copy nobody names goes once it is
// an hour old, and a fresh one stays (its attach may be saving the outbox right now).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JsonOutboxStore } from '../../src-main/client/file-outbox-store';
import { sweepStagedCopies } from '../../src-main/service/file-attach';

const HOUR = 3600_000;

test('copies no outbox names are deleted once an hour old; named and fresh ones stay', async () => {
  const data = mkdtempSync(join(tmpdir(), 'hearth-outgoing-'));
  const outgoing = join(data, 'outgoing');
  const outbox = join(data, 'outbox');
  mkdirSync(outgoing);
  mkdirSync(outbox);
  const now = Date.now();
  const copy = (name: string, hoursAgo: number) => {
    const path = join(outgoing, name);
    writeFileSync(path, 'bytes');
    const at = (now - hoursAgo * HOUR) / 1000;
    utimesSync(path, at, at);
    return path;
  };
  const queued = copy('queued', 48);
  copy('orphan', 2);
  copy('fresh', 0.1);
  new JsonOutboxStore(join(outbox, 'someone.json')).save([
    {
      id: 'q1',
      path: queued,
      ownCopy: true,
      sha256: 'a'.repeat(64),
      name: 'q.bin',
      type: 'application/octet-stream',
      size: 5,
      to: 'room',
      createdAt: new Date(now - 48 * HOUR).toISOString(),
      stored: false,
    },
  ]);
  writeFileSync(join(outbox, 'damaged.json'), '{ not json');

  assert.equal(await sweepStagedCopies(outgoing, outbox, now), 1);
  assert.deepEqual(readdirSync(outgoing).sort(), ['fresh', 'queued']);
  assert.equal(await sweepStagedCopies(join(data, 'none'), join(data, 'none')), 0, 'no folders yet');
});

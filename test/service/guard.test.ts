// The one wrapper every HearthService call goes through: a call that throws inside answers an `internal`
// failure naming the call (nothing throws across the bridge), bad input never reaches the work, and after
// dispose every call is refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';

const dir = mkdtempSync(join(tmpdir(), 'hearth-guard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a throw inside a call becomes an internal failure that names the call; bad input never gets there', async (t) => {
  const opened: string[] = [];
  const service = new HearthService({
    dataDir: dir,
    hostLauncher: new NodeHostLauncher({ bindHost: '127.0.0.1' }),
    openExternal: async (url) => {
      opened.push(url);
      throw new Error('no browser');
    },
  });
  const logged = t.mock.method(console, 'error', () => {});
  assert.deepEqual(await service.openExternal('https://example.com/'), {
    ok: false,
    error: 'Opening the link failed: no browser',
    code: 'internal',
  });
  assert.equal(logged.mock.callCount(), 1, 'the failure is logged for the developer too');
  assert.equal((await service.openExternal('file:///etc/passwd')).ok, false);
  assert.deepEqual(opened, ['https://example.com/'], 'a refused link never reaches the sink');

  await service.dispose();
  for (const answer of [
    await service.openExternal('https://example.com/'),
    await service.disconnect(),
    await service.send({ conversation: 'room', text: 'hi' }),
  ]) {
    assert.deepEqual(answer, { ok: false, error: 'Hearth is shutting down.', code: 'disposed' });
  }
  assert.equal(opened.length, 1);
});

// The Node host launcher forks the real headless entry (with tsx) and speaks the host messages with it.
// (Crashes and ports in use are covered through the service in hearth-service.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ChatConnection } from '../../src-main/client/connection';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { FAST } from '../client/support';

const dataDir = mkdtempSync(join(tmpdir(), 'hearth-launcher-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('start reports the port and addresses, the room serves, stop ends the process cleanly', async () => {
  const launcher = new NodeHostLauncher({ bindHost: '127.0.0.1' });
  const exits: (string | null)[] = [];
  launcher.onExit((reason) => exits.push(reason));
  const started = await launcher.start({ port: 0, allowGuests: false, dataDir });
  assert.ok(started.port > 0);
  assert.deepEqual(started.addresses, [`127.0.0.1:${started.port}`]);
  await assert.rejects(launcher.start({ port: 0, allowGuests: true, dataDir }), /already running/);

  const visitor = new ChatConnection({ ...FAST, host: '127.0.0.1', port: started.port });
  assert.ok((await visitor.connect()).ok);
  const guest = await visitor.loginGuest('drifter');
  assert.deepEqual(
    [guest.ok, !guest.ok && guest.code],
    [false, 'guests_not_allowed'],
    'the flag reached the room',
  );
  const account = await visitor.register('settler', 'long enough');
  assert.ok(account.ok);
  visitor.close();

  const pid = launcher.pid as number;
  await launcher.stop();
  assert.deepEqual(exits, [null], 'a requested stop is not an error');
  assert.equal(launcher.pid, null);
  assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the process is gone');
  await launcher.stop();
});

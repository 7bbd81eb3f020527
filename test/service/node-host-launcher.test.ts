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
import { loginUser } from '../helpers/raw-client';
import { befriend } from '../helpers/rooms';
import { TurnClient } from '../helpers/turn-client';

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

test('the public address the launcher passes on is what the room’s call relay advertises', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-launcher-relay-'));
  const launcher = new NodeHostLauncher({ bindHost: '127.0.0.1' });
  try {
    const { port } = await launcher.start({ port: 0, allowGuests: false, dataDir: dir });
    const [ivy, jon] = [await loginUser(port, 'ivy'), await loginUser(port, 'jon')];
    await befriend(ivy, jon, 'jon', 'ivy');
    const ring = await ivy.ask('call_ring', { conversation: '@jon', video: false });
    const relay = (ring.content as { relay?: { port: number; username: string; credential: string } }).relay;
    assert.ok(relay, JSON.stringify(ring));
    // Not an IPv4 address: the room ignores it; then the router's address, as RoomReach passes it on.
    launcher.setPublicAddress('not an address');
    launcher.setPublicAddress('45.67.89.10');
    // The message crosses to the room's process meanwhile: allocate again until the allocation shows it.
    const advertised = async () => {
      const turn = await TurnClient.open(relay.port, relay.username, relay.credential);
      const answer = await turn.allocate();
      turn.close();
      return answer.relayed?.ip;
    };
    let ip = await advertised();
    for (let tries = 0; ip !== '45.67.89.10' && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ip = await advertised();
    }
    assert.equal(ip, '45.67.89.10');
    await Promise.all([ivy.close(), jon.close()]);
  } finally {
    await launcher.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

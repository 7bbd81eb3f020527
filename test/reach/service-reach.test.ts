// The three ways in, through HearthService as the window uses it: a hosting service advertises its room
// (mDNS bound to loopback); a second service sees it in its live LAN list and joins with one call,
// pinning the advertised fingerprint; a third joins by invite link. A link whose fingerprint differs from
// an existing pin is refused without connecting; a bad link gets its sentence; "Open to the Internet"
// says plainly when it cannot help.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import { formatInvite } from '../../src-shared/invite';
import type { LanRoomInfo } from '../../src-shared/ipc';
import { FAST, waitFor } from '../client/support';

const LOOPBACK_ONLY = { interface: '127.0.0.1', bind: '0.0.0.0' };
const made: Array<{ service: HearthService; dir: string }> = [];

function makeService(lan: boolean): HearthService {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-reach-'));
  const service = new HearthService({
    dataDir: dir,
    hostLauncher: new NodeHostLauncher({ bindHost: '127.0.0.1' }),
    connection: FAST,
    reach: { lan: lan ? LOOPBACK_ONLY : null, roomName: `Reach test ${process.pid}` },
  });
  made.push({ service, dir });
  return service;
}

after(async () => {
  for (const { service, dir } of made) {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('host, find on the LAN, join with one click; join by invite link; a conflicting link is refused', async (t) => {
  const host = makeService(true);
  const started = await host.startHost({ port: 0, allowGuests: true });
  assert.ok(started.ok, started.ok ? '' : started.error);
  const { port, fingerprint } = started.value;
  assert.ok(port !== null && fingerprint !== null);

  const friend = makeService(true);
  let rooms: LanRoomInfo[] = [];
  friend.on('lanRooms', (list) => {
    rooms = list;
  });
  const since = Date.now();
  assert.deepEqual(await friend.browseLan(true), { ok: true, value: null });
  await waitFor('the room in the LAN list', () => rooms.some((r) => r.port === port), 10_000);
  t.diagnostic(`room listed ${Date.now() - since} ms after browsing began`);
  const room = rooms.find((r) => r.port === port);
  assert.ok(room);
  assert.equal(room.name, `Reach test ${process.pid}`);
  assert.equal(room.fingerprint, fingerprint);
  assert.equal(room.allowGuests, true);
  assert.deepEqual(await friend.joinLanRoom(room.id), { ok: true, value: null });
  const joined = await friend.getState();
  assert.equal(joined.connection.state, 'connected');
  assert.equal(Object.values(joined.settings.certificatePins).includes(fingerprint), true);
  assert.equal((await friend.loginGuest('lanfriend')).ok, true);

  const invited = makeService(false);
  const link = formatInvite({ host: '127.0.0.1', port, fingerprint, name: 'Room' });
  assert.deepEqual(await invited.openInvite(link), {
    ok: true,
    value: { server: { host: '127.0.0.1', port }, name: 'Room' },
  });
  assert.equal((await invited.getState()).connection.state, 'connected');

  // A forged link for the same server with another fingerprint: refused before connecting, pin kept.
  await invited.disconnect();
  const forged = formatInvite({
    host: '127.0.0.1',
    port,
    fingerprint: fingerprint.replace(/^../, '00'),
    name: null,
  });
  const refused = await invited.openInvite(forged);
  assert.equal(refused.ok, false);
  assert.equal(refused.ok ? '' : refused.code, 'certificate_changed');
  assert.equal((await invited.getState()).connection.state, 'disconnected');

  // A first visit by a link whose fingerprint is not the room's: the connection itself refuses.
  const fooled = makeService(false);
  const wrong = await fooled.openInvite(forged);
  assert.equal(wrong.ok, false);
  assert.notEqual((await fooled.getState()).connection.state, 'connected');

  const stopSince = Date.now();
  await host.stopHost();
  await waitFor('the room to leave the LAN list', () => !rooms.some((r) => r.port === port), 10_000);
  t.diagnostic(`room left the list ${Date.now() - stopSince} ms after hosting stopped`);
});

test('bad links and unavailable reach answer with sentences, and nothing connects', async () => {
  const service = makeService(false);
  const bad = await service.openInvite('hearth://user@example.org:5555');
  assert.deepEqual(bad, {
    ok: false,
    error: 'Invite links never contain a user name or password.',
    code: 'invalid',
  });
  const notLink = await service.openInvite('file:///etc/passwd');
  assert.equal(notLink.ok, false);
  assert.equal((await service.getState()).connection.state, 'disconnected');
  assert.equal((await service.browseLan(true)).ok, false);
  assert.equal((await service.joinLanRoom('nothing')).ok, false);
  const notHosting = await service.openToInternet();
  assert.equal(notHosting.ok ? '' : notHosting.code, 'not_hosting');
  assert.deepEqual((await service.getState()).internet.state, 'off');
});

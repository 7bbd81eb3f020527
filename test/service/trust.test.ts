// Trust through the service, as the window sees it: the fingerprint shown on a first visit and kept in the
// settings, a changed certificate refused until the user forgets the old pin, and "remember me" — the
// session token kept in the SecretStore so the next start logs in without the password.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { HearthService } from '../../src-main/service/hearth-service';
import { NodeHostLauncher } from '../../src-main/service/node-host-launcher';
import type { SecretStore } from '../../src-main/service/secrets';
import { SETTINGS_FILE } from '../../src-main/service/settings';
import { describeServer } from '../../src-shared/ipc';
import { FAST, waitFor } from '../client/support';
import { makeDataDir, startServer, type TestServer } from '../helpers/server';
import { unwrap } from './support';

const PASSWORD = 'correct horse battery';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * An in-memory stand-in for the OS keychain (Electron's safeStorage), which cannot exist on a test machine;
 * one object outliving a service is what the keychain does across app restarts. Its map is open so a test
 * can see what was kept.
 */
class Keychain implements SecretStore {
  readonly values = new Map<string, string>();
  readonly location = '(the test keychain)';
  async get(name: string) {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
}

/** A service as the app builds it, with the given secret store. */
function app(dataDir: string, secrets: Keychain): HearthService {
  const service = new HearthService({
    dataDir,
    hostLauncher: new NodeHostLauncher({ bindHost: '127.0.0.1' }),
    connection: FAST,
    secrets,
  });
  cleanups.push(() => service.dispose());
  return service;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-trust-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function room(dataDir = makeDataDir(), port = 0): Promise<TestServer> {
  const s = await startServer({ port }, dataDir);
  cleanups.push(() => s.dispose());
  return s;
}

test('a first visit shows the fingerprint and keeps it; a changed certificate is refused until the one compared is trusted', async () => {
  const roomDir = makeDataDir();
  const first = await room(roomDir);
  const server = { host: '127.0.0.1', port: first.port };
  const appDir = tempDir();
  const service = app(appDir, new Keychain());

  unwrap(await service.connect(server));
  const seen = (await service.getState()).connection;
  const fingerprint = seen.fingerprint as string;
  assert.match(fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.equal(seen.newlyPinned, true, 'first visit: the UI asks people to compare');
  await waitFor('the pin to be saved', () =>
    readFileSync(join(appDir, SETTINGS_FILE), 'utf8').includes(fingerprint),
  );
  assert.deepEqual((await service.getState()).settings.certificatePins, {
    [describeServer(server)]: fingerprint,
  });

  unwrap(await service.disconnect());
  unwrap(await service.connect(server));
  assert.equal((await service.getState()).connection.newlyPinned, false, 'second visit: nothing new');
  unwrap(await service.disconnect());

  await first.stop();
  rmSync(join(roomDir, CERTIFICATE_FILE));
  rmSync(join(roomDir, PRIVATE_KEY_FILE));
  await room(roomDir, first.port);
  const refused = await service.connect(server);
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'certificate_changed');
  assert.match(refused.error, /presented a different certificate than last time/);
  const state = await service.getState();
  assert.equal(state.connection.state, 'disconnected');
  assert.match(state.connection.error ?? '', /this could be an attack/);

  const presented = state.connection.certificateChange?.presented as string;
  assert.ok(presented && presented !== fingerprint, 'the change names the certificate presented now');

  const garbled = await service.trustCertificate({ server, fingerprint: 'AB:CD' });
  assert.ok(!garbled.ok && garbled.code === 'invalid', 'only a whole fingerprint can be trusted');
  // Trusting some other certificate than the one presented (what people compared) lets nothing in.
  const other = presented.replace(/^../, presented.startsWith('00') ? '01' : '00');
  unwrap(await service.trustCertificate({ server, fingerprint: other }));
  const stillRefused = await service.connect(server);
  assert.ok(!stillRefused.ok && stillRefused.code === 'certificate_changed', 'not pinned blindly');

  unwrap(await service.trustCertificate({ server, fingerprint: presented }));
  assert.deepEqual((await service.getState()).settings.certificatePins, {
    [describeServer(server)]: presented,
  });
  unwrap(await service.connect(server));
  const renewed = (await service.getState()).connection;
  assert.equal(renewed.fingerprint, presented);
  assert.equal(renewed.newlyPinned, false, 'trusted after comparing: no second "compare" prompt');
  unwrap(await service.register({ username: 'pinny', password: PASSWORD }));
});

/** A room, and what the app keeps from one start to the next: its data directory and the keychain. */
async function roomAndKeychain() {
  const s = await room();
  return { s, server: { host: '127.0.0.1', port: s.port }, keychain: new Keychain(), appDir: tempDir() };
}

test('remember me: the next start resumes the session with the token; logout forgets it', async () => {
  const { s, server, keychain, appDir } = await roomAndKeychain();

  const first = app(appDir, keychain);
  unwrap(await first.connect(server));
  unwrap(await first.register({ username: 'remy', password: PASSWORD }));
  await waitFor('the token to be kept', () => keychain.values.size > 0);
  assert.ok(
    ![...keychain.values].some(([, value]) => value.includes(PASSWORD)),
    'only the token is kept, never the password',
  );
  await first.dispose();

  const next = app(appDir, keychain);
  await next.reopenLastRoom();
  assert.equal((await next.getState()).connection.state, 'connected', 'the start opens the last room');
  assert.deepEqual((await next.getState()).session, { username: 'remy', guest: false }, 'no password asked');
  assert.ok(s.logs.some((l) => l.startsWith('login remy (session token)')));

  unwrap(await next.logout());
  await waitFor('the token to be forgotten', () => keychain.values.size === 0);
  await next.dispose();
  const later = app(appDir, keychain);
  await later.reopenLastRoom();
  assert.equal(
    (await later.getState()).connection.state,
    'disconnected',
    'nothing remembered: Connect screen',
  );
  unwrap(await later.connect(server));
  assert.equal((await later.getState()).session, null, 'after logout the password is needed again');
});

test('remember: false keeps nothing; a token the room refuses is forgotten and the login screen stays', async () => {
  const { server, keychain, appDir } = await roomAndKeychain();
  const once = app(appDir, keychain);
  unwrap(await once.connect(server));
  unwrap(await once.register({ username: 'nora', password: PASSWORD, remember: false }));
  assert.equal(keychain.values.size, 0);

  await keychain.set(
    `session-token ${describeServer(server)}`,
    JSON.stringify({ username: 'nora', token: 'x'.repeat(43) }),
  );
  const stale = app(appDir, keychain);
  unwrap(await stale.connect(server));
  assert.equal((await stale.getState()).session, null);
  assert.equal(keychain.values.size, 0, 'the refused token is dropped');
});

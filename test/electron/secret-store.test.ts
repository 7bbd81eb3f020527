// The app's SecretStore on safeStorage (Electron faked, the one thing that cannot run here): secrets survive
// a restart in one encrypted blob file readable by its owner only, never as plain text; without real
// encryption nothing is written at all.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FakeElectron, installFakeElectron } from './fake-electron';

const fake = new FakeElectron();
installFakeElectron(fake);
const { SafeStorageSecretStore, SECRETS_FILE } =
  require('../../src-main/electron/secret-store') as typeof import('../../src-main/electron/secret-store');

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-secrets-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const TOKEN = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

test('secrets survive a restart, in one encrypted file of mode 0600 that never holds them as text', async () => {
  fake.safeStorage.available = true;
  fake.safeStorage.backend = 'gnome_libsecret';
  const dir = tempDir();
  const first = new SafeStorageSecretStore(dir);
  await first.set('session-token a:5555', TOKEN);
  await first.set('session-token b:5555', 'other');
  await first.delete('session-token b:5555');
  const file = join(dir, SECRETS_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(!readFileSync(file, 'latin1').includes(TOKEN), 'the token is not in the file as text');

  const restarted = new SafeStorageSecretStore(dir);
  assert.equal(await restarted.get('session-token a:5555'), TOKEN);
  assert.equal(await restarted.get('session-token b:5555'), null);
});

test('without real encryption (none, or Linux basic_text) secrets stay in memory and no file is written', async () => {
  for (const [available, backend] of [
    [false, 'gnome_libsecret'],
    [true, 'basic_text'],
  ] as const) {
    fake.safeStorage.available = available;
    fake.safeStorage.backend = backend;
    const dir = tempDir();
    const store = new SafeStorageSecretStore(dir);
    await store.set('session-token a:5555', TOKEN);
    assert.equal(await store.get('session-token a:5555'), TOKEN, 'kept for this run');
    assert.equal(existsSync(join(dir, SECRETS_FILE)), false, `no file (${available}, ${backend})`);
    assert.equal(await new SafeStorageSecretStore(dir).get('session-token a:5555'), null);
  }
  fake.safeStorage.available = true;
  fake.safeStorage.backend = 'gnome_libsecret';
});

test('a file that cannot be decrypted means no remembered sessions, not a crash', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, SECRETS_FILE), 'garbage that no keychain made');
  const store = new SafeStorageSecretStore(dir);
  assert.equal(await store.get('session-token a:5555'), null);
  await store.set('session-token a:5555', TOKEN);
  assert.equal(await new SafeStorageSecretStore(dir).get('session-token a:5555'), TOKEN);
});

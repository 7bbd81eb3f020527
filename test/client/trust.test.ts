// The client core's side of trust: the room's certificate pinned on first use, a changed certificate refused
// (with the warning, and nothing sent), session tokens instead of the password after a drop, and the way
// back to the password when a token is refused. Real servers on loopback; a recording proxy that holds the
// room's own certificate reads what the client sends.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ChatConnection, type LoginInfo } from '../../src-main/client/connection';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { makeDataDir, startServer, type TestServer } from '../helpers/server';
import { CuttableProxy, FAST, roomIdentity, sleep, waitFor } from './support';

const PASSWORD = 'correct horse battery';
const servers: TestServer[] = [];
const clients: ChatConnection[] = [];
const proxies: CuttableProxy[] = [];
after(async () => {
  for (const c of clients) c.close();
  for (const p of proxies) await p.close();
  for (const s of servers) await s.dispose();
});

async function server(overrides: Parameters<typeof startServer>[0] = {}, dataDir?: string) {
  const s = await startServer(overrides, dataDir);
  servers.push(s);
  return s;
}

function connection(port: number, pinnedFingerprint: string | null = null): ChatConnection {
  const c = new ChatConnection({ ...FAST, host: '127.0.0.1', port, pinnedFingerprint });
  clients.push(c);
  return c;
}

async function recordingProxy(s: TestServer): Promise<{ proxy: CuttableProxy; port: number }> {
  const proxy = new CuttableProxy(s.port, roomIdentity(s.dataDir));
  proxies.push(proxy);
  return { proxy, port: await proxy.start() };
}

const fingerprintOnFile = (dataDir: string) =>
  new X509Certificate(readFileSync(join(dataDir, CERTIFICATE_FILE))).fingerprint256;

test('first connect pins the certificate the room presents, and says so once', async () => {
  const s = await server();
  const c = connection(s.port);
  const pinned: string[] = [];
  c.on('pinned', ({ fingerprint }) => pinned.push(fingerprint));
  assert.ok((await c.connect()).ok);
  assert.deepEqual(pinned, [fingerprintOnFile(s.dataDir)]);
  assert.equal(c.fingerprint, fingerprintOnFile(s.dataDir));
  assert.ok((await c.register('pia', PASSWORD)).ok);

  const known = connection(s.port, fingerprintOnFile(s.dataDir));
  known.on('pinned', () => assert.fail('a known room is not pinned again'));
  assert.ok((await known.connect()).ok);
});

test('a room that comes back with another certificate is refused with the warning, and nothing is sent', async () => {
  const dataDir = makeDataDir();
  const first = await server({}, dataDir);
  const c = connection(first.port);
  assert.ok((await c.connect()).ok);
  assert.ok((await c.register('rue', PASSWORD)).ok);
  const oldPin = c.fingerprint as string;

  // Reinstalled (or impersonated): same address, new identity.
  await first.stop();
  rmSync(join(dataDir, CERTIFICATE_FILE));
  rmSync(join(dataDir, PRIVATE_KEY_FILE));
  const second = await server({ port: first.port }, dataDir);
  const newPrint = fingerprintOnFile(dataDir);
  assert.notEqual(newPrint, oldPin);

  const ended: Array<LoginInfo | null> = [];
  c.on('session', (info) => ended.push(info));
  await waitFor('the client to give up on the room', () => c.state.state === 'disconnected');
  const warning = c.state.error ?? '';
  assert.match(
    warning,
    new RegExp(`room at 127\\.0\\.0\\.1:${first.port} presented a different certificate than last time`),
  );
  assert.match(warning, /this could be an attack/);
  assert.ok(warning.includes(oldPin) && warning.includes(newPrint), 'both fingerprints, to compare');
  assert.deepEqual(ended, [null], 'the session ends instead of being restored');
  await sleep(300);
  assert.equal(c.state.state, 'disconnected', 'no retrying against the impostor');
  assert.ok(!second.logs.some((l) => /login|register|error/.test(l)), second.logs.join('\n'));

  // A fresh connect with the old pin, through a proxy that reads everything the client sends.
  const { proxy, port } = await recordingProxy(second);
  const again = connection(port, oldPin);
  const refused = await again.connect();
  assert.deepEqual([refused.ok, !refused.ok && refused.code], [false, 'certificate_changed']);
  assert.equal(proxy.upstream.join(''), '', 'not a byte of the protocol went out');

  // Forgetting the old pin (the person knows the room was reinstalled) means trusting the new one.
  const trusting = connection(second.port, null);
  assert.ok((await trusting.connect()).ok);
  assert.equal(trusting.fingerprint, newPrint);
  assert.ok((await trusting.login('rue', PASSWORD)).ok);
});

test('after a drop the client logs in again with its token; the password went over the wire once', async () => {
  const s = await server();
  const { proxy, port } = await recordingProxy(s);
  const c = connection(port);
  assert.ok((await c.connect()).ok);
  const registered = await c.register('sol', PASSWORD);
  assert.ok(registered.ok && registered.value.token);

  for (let drop = 0; drop < 2; drop++) {
    proxy.cut();
    await waitFor('the drop to be noticed', () => c.state.state !== 'connected');
    await waitFor('the session to be restored', () => c.state.state === 'connected' && c.session !== null);
  }
  const sent = c.send('still me');
  assert.ok(sent.ok);
  assert.ok((await sent.value.acked).ok);

  const upstream = proxy.upstream.join('');
  assert.equal(upstream.split(PASSWORD).length - 1, 1, 'the password was sent once, at register');
  const tokenLogins =
    upstream.match(/"request":"login","content":\{"username":"sol","token":"[^"]+"\}/g) ?? [];
  assert.equal(tokenLogins.length, 2, 'one token login per reconnect');
  assert.ok(s.logs.filter((l) => l.startsWith('login sol (session token)')).length === 2);
});

test('a token refused on reconnect (expired) ends the session so the user is asked again', async () => {
  const s = await server({ sessionTtlMs: 400 });
  const proxy = new CuttableProxy(s.port);
  proxies.push(proxy);
  const port = await proxy.start();
  const c = connection(port);
  assert.ok((await c.connect()).ok);
  assert.ok((await c.register('tia', PASSWORD)).ok);
  const refusedFor: string[] = [];
  c.on('tokenRefused', ({ username }) => refusedFor.push(username));

  await proxy.refuse();
  await sleep(600);
  await proxy.accept();
  await waitFor('the restore to be refused', () => refusedFor.length > 0);
  assert.deepEqual(refusedFor, ['tia']);
  assert.equal(c.session, null);
  assert.match(c.state.error ?? '', /could not log in again: this session has expired/);
  // Asking the user means the password again, and that works.
  assert.ok((await c.login('tia', PASSWORD)).ok);
});

test('after logout the token is worthless', async () => {
  const s = await server();
  const c = connection(s.port);
  assert.ok((await c.connect()).ok);
  const registered = await c.register('uma', PASSWORD);
  assert.ok(registered.ok);
  const token = registered.value.token as string;
  assert.ok((await c.logout()).ok);
  const stale = await c.loginWithToken('uma', token);
  assert.deepEqual([stale.ok, !stale.ok && stale.code], [false, 'session_expired']);
});

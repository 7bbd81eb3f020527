// The room's encrypted transport from the server side: TLS by default with a certificate kept in the data
// directory (key readable by its owner only), the fingerprint printed and reported, the plaintext classic
// port only when asked for (and then for nickname logins only), and session tokens.
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { CERTIFICATE_FILE, PRIVATE_KEY_FILE } from '../../src-main/server/certificate';
import { createChatServer } from '../../src-main/server/server';
import type { HostToParent } from '../../src-shared/host-messages';
import { RawClient } from '../helpers/raw-client';
import { makeDataDir, startServer, type TestServer } from '../helpers/server';

const HEADLESS = join(__dirname, '../../src-main/server/headless.ts');
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.dispose();
});
async function server(overrides: Parameters<typeof startServer>[0] = {}, dataDir?: string) {
  const s = await startServer(overrides, dataDir);
  servers.push(s);
  return s;
}

function fingerprintOnFile(dataDir: string): string {
  return new X509Certificate(readFileSync(join(dataDir, CERTIFICATE_FILE))).fingerprint256;
}

/** The certificate a TLS client is shown on that port. */
function presented(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

test('TLS by default: a certificate made on first start, key mode 0600, the same one after a restart', async () => {
  const dataDir = makeDataDir();
  const first = await server({}, dataDir);
  const listening = first.server.address();
  assert.ok(listening);
  const onFile = fingerprintOnFile(dataDir);
  assert.match(onFile, FINGERPRINT);
  assert.equal(await presented(first.port), onFile);
  assert.equal(statSync(join(dataDir, PRIVATE_KEY_FILE)).mode & 0o777, 0o600);
  assert.ok(first.logs.some((l) => l.includes(`certificate fingerprint (SHA-256): ${onFile}`)));
  await first.stop();

  const again = await server({}, dataDir);
  assert.equal(await presented(again.port), onFile, 'a restart keeps the identity clients pinned');
});

test('listen() reports the fingerprint; the classic port is closed unless asked for', async () => {
  const dataDir = makeDataDir();
  const room = createChatServer({ host: '127.0.0.1', port: 0, dataDir, closeGraceMs: 200 });
  try {
    const listening = await room.listen();
    assert.deepEqual(
      { classicPort: listening.classicPort, fingerprint: listening.fingerprint },
      { classicPort: null, fingerprint: fingerprintOnFile(dataDir) },
    );
  } finally {
    await room.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('plaintext on the TLS port gets no chat: the handshake fails and the link is closed', async () => {
  const s = await server();
  const plain = await RawClient.connect(s.port, { tls: false });
  plain.send({ request: 'login', content: 'mallory' });
  await plain.closed;
  assert.deepEqual(plain.all, [], 'nothing readable came back');
  assert.ok(s.logs.some((l) => l.includes('tls handshake failed')));
});

test('the classic port speaks plaintext KTN, for nickname logins only; TLS users and classic users share the room', async () => {
  const s = await server({ classicPort: 0 });
  const line = s.logs.find((l) => l.startsWith('classic port'));
  const classicPort = Number(line?.match(/:(\d+): unencrypted/)?.[1]);
  assert.ok(classicPort > 0, line);

  const classic = await RawClient.connect(classicPort, { tls: false });
  classic.send({ request: 'login', content: 'termy' });
  assert.equal((await classic.response('history')).response, 'history');
  const secure = await RawClient.connect(s.port);
  assert.equal(
    (await secure.ask('register', { username: 'safe', password: 'correct horse' })).response,
    'login',
  );
  secure.send({ request: 'msg', content: { text: 'hello terminal', cid: 'c1' } });
  assert.equal((await classic.waitFor((r) => r.content === 'hello terminal')).sender, 'safe');

  const sneaky = await RawClient.connect(classicPort, { tls: false });
  for (const content of [
    { username: 'safe', password: 'correct horse' },
    { username: 'safe', guest: true },
    { username: 'safe', token: 'x'.repeat(43) },
  ]) {
    const refused = await sneaky.ask('login', content);
    assert.deepEqual([refused.response, refused.code], ['error', 'not_allowed']);
    assert.match(String(refused.content), /not encrypted/);
  }
  const register = await sneaky.ask('register', { username: 'newbie', password: 'correct horse' });
  assert.equal(register.code, 'not_allowed');
  await Promise.all([classic.close(), secure.close(), sneaky.close()]);
});

test('session tokens: issued on password login and register, accepted instead of the password, revoked by logout', async () => {
  const s = await server();
  const a = await RawClient.connect(s.port);
  const registered = await a.ask('register', { username: 'tess', password: 'correct horse' });
  const firstToken = (registered.content as { token?: string }).token;
  assert.match(String(firstToken), /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');

  const b = await RawClient.connect(s.port);
  const loggedIn = await b.ask('login', { username: 'TESS', password: 'correct horse' });
  const token = (loggedIn.content as { token?: string }).token as string;
  assert.ok(token && token !== firstToken, 'each password login gets its own token');

  const c = await RawClient.connect(s.port);
  const resumed = await c.ask('login', { username: 'tess', token });
  assert.equal(resumed.response, 'login');
  assert.equal((resumed.content as { token?: string }).token, undefined, 'no new token for a token login');
  await c.ask('logout', null);
  await c.closed;

  const d = await RawClient.connect(s.port);
  const revoked = await d.ask('login', { username: 'tess', token });
  assert.deepEqual([revoked.response, revoked.code], ['error', 'session_expired']);
  const otherUser = await d.ask('login', { username: 'someone', token: firstToken });
  assert.equal(otherUser.code, 'session_expired', 'a token logs in only the account it belongs to');
  const stillGood = await d.ask('login', { username: 'tess', token: firstToken });
  assert.equal(stillGood.response, 'login', 'the other session is untouched');

  const stored = s.logs.join('\n');
  assert.ok(!stored.includes(token), 'tokens never reach the log');
  await Promise.all([a.close(), b.close(), d.close()]);
});

test('an expired token is refused', async () => {
  const s = await server({ sessionTtlMs: 300 });
  const a = await RawClient.connect(s.port);
  const registered = await a.ask('register', { username: 'brief', password: 'correct horse' });
  const token = (registered.content as { token: string }).token;
  await new Promise((resolve) => setTimeout(resolve, 400));
  const b = await RawClient.connect(s.port);
  const expired = await b.ask('login', { username: 'brief', token });
  assert.deepEqual([expired.response, expired.code], ['error', 'session_expired']);
  await Promise.all([a.close(), b.close()]);
});

test('tokens are kept only as SHA-256 hashes in the database', async () => {
  const dataDir = makeDataDir();
  const s = await server({}, dataDir);
  const a = await RawClient.connect(s.port);
  const token = (
    (await a.ask('register', { username: 'hashy', password: 'correct horse' })).content as {
      token: string;
    }
  ).token;
  await a.close();
  await s.stop();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dataDir, 'hearth.sqlite3'), { readonly: true });
  try {
    const rows = db.prepare('SELECT token_hash, user_key, expires_at FROM sessions').all() as {
      token_hash: string;
      user_key: string;
      expires_at: number;
    }[];
    const { createHash } = await import('node:crypto');
    assert.deepEqual(
      rows.map((r) => [r.token_hash, r.user_key]),
      [[createHash('sha256').update(token).digest('hex'), 'hashy']],
    );
    assert.ok((rows[0]?.expires_at ?? 0) > Date.now() + 29 * 24 * 3600_000, '30 days by default');
  } finally {
    db.close();
  }
});

test('headless: prints the fingerprint, reports it and the classic port in "ready"; nc-style plaintext works there', async () => {
  const dataDir = makeDataDir();
  const child: ChildProcess = fork(
    HEADLESS,
    ['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--classic-port', '0'],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  try {
    const ready = await new Promise<HostToParent>((resolve) =>
      child.once('message', (m) => resolve(m as HostToParent)),
    );
    assert.equal(ready.type, 'ready');
    if (ready.type !== 'ready') return;
    const onFile = fingerprintOnFile(dataDir);
    assert.equal(ready.fingerprint, onFile);
    assert.ok(ready.classicPort !== null && ready.classicPort > 0);
    assert.ok(out.includes(onFile), 'the fingerprint is printed for the host to share');
    assert.match(out, /NOT ENCRYPTED/);
    assert.equal(await presented(ready.port), onFile);

    // Exactly what a classic client or `nc` does: bare objects, no newline, no TLS.
    const nc = tcpConnect({ host: '127.0.0.1', port: ready.classicPort as number });
    let received = '';
    nc.setEncoding('utf8').on('data', (d: string) => {
      received += d;
    });
    await new Promise((resolve) => nc.once('connect', resolve));
    nc.write('{"request":"login","content":"netcat"}');
    const deadline = Date.now() + 5000;
    while (!received.includes('"history"') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    assert.match(received, /"response":"history"/);
    nc.destroy();
  } finally {
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});

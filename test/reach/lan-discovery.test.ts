// LAN discovery across two processes on this machine, mDNS bound to loopback so no multicast leaves it:
// a child process hosts a real room and advertises it; this process browses, finds it with its name,
// certificate fingerprint and guest flag, connects over TLS to the address the advertisement came from,
// checks the certificate against the advertised fingerprint (what the app pins) and joins as a guest;
// when the host stops advertising the room disappears from the list. Plus what a hostile TXT record gets.
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { advertTxt, LanDiscovery, type LanRoom, readAdvert } from '../../src-main/service/lan-discovery';

const LOOPBACK_ONLY = { interface: '127.0.0.1', bind: '0.0.0.0' };
const FP = Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).toUpperCase()).join(':');

function startHostProcess(name: string): Promise<{ child: ChildProcess; port: number; readyAt: number }> {
  const child = fork(join(__dirname, 'fixtures', 'lan-host.ts'), [name], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), readyAt: Date.now() });
    });
    child.once('exit', (code) => reject(new Error(`host process exited with ${code}`)));
  });
}

/** Connects over TLS, refusing any certificate but the pinned one, and logs in as a guest. */
function joinPinned(room: LanRoom, nickname: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: room.host,
      port: room.port,
      rejectUnauthorized: false,
    });
    socket.setEncoding('utf8');
    let buffer = '';
    socket.once('secureConnect', () => {
      if (socket.getPeerCertificate().fingerprint256 !== room.fingerprint) {
        socket.destroy();
        reject(new Error('the room presented a certificate other than the advertised one'));
        return;
      }
      socket.write(
        `${JSON.stringify({ request: 'login', content: { username: nickname, guest: true }, rid: 'join' })}\n`,
      );
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (const line of buffer.split('\n').slice(0, -1)) {
        const answer = JSON.parse(line) as Record<string, unknown>;
        if (answer.re === 'join' || answer.response === 'error') {
          socket.end();
          resolve(answer);
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    socket.once('error', reject);
  });
}

function until(
  discovery: LanDiscovery,
  condition: (rooms: LanRoom[]) => boolean,
  ms: number,
): Promise<LanRoom[]> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`rooms did not change as expected within ${ms} ms`));
    }, ms);
    let done = false;
    stop = discovery.browse((rooms) => {
      if (done || !condition(rooms)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(rooms);
    });
  });
}

test('a room hosted in another process is found on the LAN, joined, and leaves the list when it stops', async (t) => {
  const name = `Anna's <b>room</b> ${process.pid}`;
  const browser = new LanDiscovery(LOOPBACK_ONLY);
  t.after(() => browser.close());
  const started = Date.now();
  const host = await startHostProcess(name);
  t.after(() => host.child.kill('SIGKILL'));

  // Browsing stays on for the whole test, so the second wait sees the room leave (not a fresh empty list).
  const keepBrowsing = browser.browse(() => {});
  t.after(keepBrowsing);
  const rooms = await until(browser, (list) => list.some((r) => r.name === name), 10_000);
  const foundMs = Date.now() - started;
  const room = rooms.find((r) => r.name === name);
  assert.ok(room);
  assert.deepEqual(
    { host: room.host, port: room.port, tls: room.tls, guests: room.allowGuests },
    { host: '127.0.0.1', port: host.port, tls: true, guests: true },
  );
  assert.match(room.fingerprint ?? '', /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
  t.diagnostic(
    `room found ${Date.now() - host.readyAt} ms after it was advertised (${foundMs} ms after its process started)`,
  );

  const joined = await joinPinned(room, 'lanfriend');
  assert.equal(joined.response, 'login', JSON.stringify(joined));

  const goneAt = Date.now();
  host.child.send('stop');
  await until(browser, (list) => !list.some((r) => r.id === room.id), 10_000);
  t.diagnostic(`room left the list ${Date.now() - goneAt} ms after the host stopped advertising`);
});

test('advertisements that are not exactly right are ignored', () => {
  const good = {
    fqdn: 'hearth-1._hearth._tcp.local',
    port: 5555,
    referer: { address: '192.168.1.9' },
    addresses: ['192.168.1.9'],
    txt: advertTxt({ name: 'Room', port: 5555, tls: true, fingerprint: FP, allowGuests: false }),
  };
  assert.deepEqual(readAdvert(good), {
    id: good.fqdn,
    host: '192.168.1.9',
    port: 5555,
    name: 'Room',
    tls: true,
    fingerprint: FP,
    allowGuests: false,
  });
  assert.equal(readAdvert({ ...good, referer: undefined })?.host, '192.168.1.9');
  const bad: Array<Record<string, unknown>> = [
    { ...good, port: 0 },
    { ...good, port: 70000 },
    { ...good, port: '5555' },
    { ...good, fqdn: undefined },
    { ...good, referer: undefined, addresses: ['fe80::1'] },
    { ...good, referer: { address: 'evil.example' }, addresses: [] },
    { ...good, txt: { ...good.txt, v: '2' } },
    { ...good, txt: { ...good.txt, tls: 'yes' } },
    { ...good, txt: { ...good.txt, guests: undefined } },
    { ...good, txt: { ...good.txt, fp: 'AB:CD' } },
    { ...good, txt: { ...good.txt, fp: undefined } },
    { ...good, txt: { ...good.txt, name: '' } },
    { ...good, txt: { ...good.txt, name: 'x'.repeat(65) } },
    { ...good, txt: { ...good.txt, name: 'a\u202egpj.exe' } },
    { ...good, txt: { ...good.txt, name: 'line\nbreak' } },
    { ...good, txt: null },
  ];
  for (const advert of bad) assert.equal(readAdvert(advert), null, JSON.stringify(advert));
});

test('a long room name is cut to fit one TXT entry, whole characters only', () => {
  const txt = advertTxt({ name: '🔥'.repeat(64), port: 1, tls: false, fingerprint: null, allowGuests: true });
  assert.ok(Buffer.byteLength(`name=${txt.name}`) <= 255);
  assert.ok(txt.name && /^(🔥)+$/u.test(txt.name));
  assert.equal(txt.fp, undefined);
});

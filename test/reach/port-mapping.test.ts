// "Open to the Internet" against a real IGD: Debian's miniupnpd in a router namespace, the mapping client
// in a LAN namespace, a connection from an Internet namespace through the mapped public port. Checked on
// the router's side (its nftables DNAT rules and lease file), not only by what the client believes.
// Skipped, saying why, where network namespaces cannot be made.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isPrivateIpv4, linuxDefaultGateway } from '../../src-main/service/port-mapping';
import { LAN_HOST_IP, labUnavailable, RouterLab } from './router-lab';

const MAP_PORT = join(__dirname, 'fixtures', 'map-port.ts');
const DIAL = join(__dirname, 'fixtures', 'dial.ts');
const DIAL_UDP = join(__dirname, 'fixtures', 'dial-udp.ts');
/** Not a reserved or documentation range, so miniupnpd maps; it exists only inside the lab's namespaces. */
const PUBLIC_WAN = '45.67.89.10';
/** Carrier-grade NAT space: a router that is itself behind another NAT. */
const SHARED_WAN = '100.64.0.2';

const unavailable = labUnavailable();
if (unavailable) console.log(`# port mapping tests skipped: ${unavailable}`);

async function dialFromInternet(
  lab: RouterLab,
  host: string,
  port: number,
  protocol: 'tcp' | 'udp' = 'tcp',
): Promise<Record<string, unknown>> {
  const dial = lab.runOnInternet(protocol === 'tcp' ? DIAL : DIAL_UDP, [host, String(port)]);
  return dial.next();
}

/** The router's DNAT rules as [protocol, public port, where to] (nft writes the IP protocol number). */
function rules(lab: RouterLab): (string[] | undefined)[] {
  const protocols: Record<string, string> = { '0x6': 'tcp', '0x11': 'udp' };
  return lab.redirects().map((rule) => {
    const found = /@nh,72,8 (0x6|0x11) th dport (\d+) dnat ip to ([\d.:]+)/.exec(rule);
    return found
      ? [protocols[found[1] as string] as string, found[2] as string, found[3] as string]
      : undefined;
  });
}

describe('port mapping against miniupnpd', { skip: unavailable ?? false }, () => {
  let lab: RouterLab;
  before(async () => {
    lab = new RouterLab({ wanIp: PUBLIC_WAN });
    await lab.start();
  });
  after(() => lab?.stop());

  test('UPnP: the room and its call relay become reachable at the public address, and go when it closes', async (t) => {
    lab.reset();
    const client = lab.runInLan(MAP_PORT, ['5555', '3600', '2000']);
    const { opened, ms } = (await client.next()) as { opened: { ok: boolean; value: object }; ms: number };
    assert.deepEqual(opened, {
      ok: true,
      value: {
        method: 'UPnP',
        externalHost: PUBLIC_WAN,
        externalPort: 5555,
        internalHost: LAN_HOST_IP,
        internalPort: 5555,
        relayPort: 5555,
      },
    });
    t.diagnostic(`UPnP mapping made in ${ms} ms (search, map TCP and UDP, external address)`);
    assert.deepEqual(rules(lab).sort(), [
      ['tcp', '5555', `${LAN_HOST_IP}:5555`],
      ['udp', '5555', `${LAN_HOST_IP}:5555`],
    ]);
    assert.match(lab.leases(), /TCP:5555:10\.77\.0\.2:5555/);
    assert.match(lab.leases(), /UDP:5555:10\.77\.0\.2:5555/);
    assert.deepEqual(await dialFromInternet(lab, PUBLIC_WAN, 5555), { answer: 'hearth' });
    assert.deepEqual(await dialFromInternet(lab, PUBLIC_WAN, 5555, 'udp'), { answer: 'hearth' }, 'the relay');

    client.send('close');
    const closed = await client.next();
    t.diagnostic(`mapping removed in ${closed.ms} ms`);
    assert.deepEqual(lab.redirects(), []);
    assert.doesNotMatch(lab.leases(), /5555/);
    assert.ok('error' in (await dialFromInternet(lab, PUBLIC_WAN, 5555)));
    assert.ok('error' in (await dialFromInternet(lab, PUBLIC_WAN, 5555, 'udp')));
  });

  test('UPnP: a public port taken by another computer gives a different one, and that is what is shown', async () => {
    lab.reset();
    const first = lab.runInLan(MAP_PORT, ['6100', '3600', '2000']);
    assert.equal(((await first.next()).opened as { ok: boolean }).ok, true);
    // Same public port, from the same LAN host but another internal port: the router must pick another.
    const second = lab.runInLan(MAP_PORT, ['6101', '3600', '2000']);
    const opened = (await second.next()).opened as { ok: boolean; value: { externalPort: number } };
    assert.equal(opened.ok, true);
    assert.equal(rules(lab).filter((rule) => rule?.[0] === 'tcp').length, 2);
    assert.deepEqual(await dialFromInternet(lab, PUBLIC_WAN, opened.value.externalPort), {
      answer: 'hearth',
    });
    second.send('close');
    await second.next();
    first.send('close');
    await first.next();
    assert.deepEqual(lab.redirects(), []);
  });
});

describe('port mapping: NAT-PMP only, renewal', { skip: unavailable ?? false }, () => {
  let lab: RouterLab;
  before(async () => {
    lab = new RouterLab({ wanIp: PUBLIC_WAN, upnp: false });
    await lab.start();
  });
  after(() => lab?.stop());

  test('NAT-PMP maps at the default gateway, renews at half the lease, and deletes on close', async (t) => {
    lab.reset();
    const client = lab.runInLan(MAP_PORT, ['5600', '2', '300']);
    const { opened, ms } = (await client.next()) as { opened: { ok: boolean; value: object }; ms: number };
    assert.deepEqual(opened, {
      ok: true,
      value: {
        method: 'NAT-PMP',
        externalHost: PUBLIC_WAN,
        externalPort: 5600,
        internalHost: LAN_HOST_IP,
        internalPort: 5600,
        relayPort: 5600,
      },
    });
    t.diagnostic(`NAT-PMP mapping made in ${ms} ms (after a 300 ms UPnP search that found nothing)`);
    const renewal = (await client.next()).renewal as { ok: boolean };
    assert.equal(renewal.ok, true);
    assert.deepEqual(rules(lab).sort(), [
      ['tcp', '5600', `${LAN_HOST_IP}:5600`],
      ['udp', '5600', `${LAN_HOST_IP}:5600`],
    ]);
    assert.deepEqual(await dialFromInternet(lab, PUBLIC_WAN, 5600), { answer: 'hearth' });
    assert.deepEqual(await dialFromInternet(lab, PUBLIC_WAN, 5600, 'udp'), { answer: 'hearth' }, 'the relay');
    client.send('close');
    let closed = await client.next();
    while (!closed.closed) closed = await client.next();
    assert.deepEqual(lab.redirects(), []);
  });
});

describe('port mapping: when the router cannot help', { skip: unavailable ?? false }, () => {
  test('a router behind another NAT (reserved WAN address) refuses, and the answer says so', async () => {
    const lab = new RouterLab({ wanIp: SHARED_WAN });
    await lab.start();
    try {
      const client = lab.runInLan(MAP_PORT, ['5700', '3600', '2000']);
      const opened = (await client.next()).opened as { ok: boolean; error: string; code: string };
      assert.equal(opened.ok, false);
      assert.equal(opened.code, 'double_nat');
      assert.match(opened.error, /own Internet address.* is private: it sits behind another router/);
      assert.deepEqual(lab.redirects(), []);
    } finally {
      await lab.stop();
    }
  });

  test('no router offering UPnP or NAT-PMP: a clear "not offered" answer', async () => {
    const lab = new RouterLab({ wanIp: PUBLIC_WAN, daemon: false });
    await lab.start();
    try {
      const client = lab.runInLan(MAP_PORT, ['5800', '3600', '500']);
      const opened = (await client.next()).opened as { ok: boolean; error: string; code: string };
      assert.deepEqual(opened.code, 'no_gateway');
      assert.match(opened.error, /does not offer automatic port opening/);
    } finally {
      await lab.stop();
    }
  });
});

test('private and shared address ranges are recognised; the Linux default gateway is read from the route table', () => {
  for (const privateIp of [
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.1',
    '192.168.0.1',
    '100.64.0.1',
    '169.254.1.1',
  ])
    assert.ok(isPrivateIpv4(privateIp), privateIp);
  for (const publicIp of ['45.67.89.10', '172.32.0.1', '100.128.0.1', '8.8.8.8'])
    assert.ok(!isPrivateIpv4(publicIp), publicIp);
  const gateway = linuxDefaultGateway();
  assert.ok(gateway === null || /^\d+\.\d+\.\d+\.\d+$/.test(gateway));
});

// A node behind a TCP load balancer (docs/cluster.md § Behind a load balancer): the round-robin proxy
// connects from 127.0.0.2, which the node trusts with proxyFrom, and starts each link with a PROXY header
// (v1 or v2) naming a client address. The node then sees that address: in its log and in the per-address
// cap. A PROXY header from anyone else is refused; the balancer must send one; a bad one is refused.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { waitFor } from '../client/support';
import { loginGuest, RawClient } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';
import { proxyHeader, RoundRobinProxy } from './round-robin-proxy';

const BALANCER = '127.0.0.2';
const CAP = 2;
let node: TestServer;
const proxies: RoundRobinProxy[] = [];

/** A balancer that names every client with `address` (ports counting up from 40000). */
async function balancer(version: 1 | 2, address: string): Promise<RoundRobinProxy> {
  let port = 40_000;
  const proxy = new RoundRobinProxy(() => [node.port], {
    version,
    from: BALANCER,
    source: () => ({ address, port: port++ }),
  });
  await proxy.start();
  proxies.push(proxy);
  return proxy;
}

before(async () => {
  node = await startServer({
    proxyFrom: [BALANCER],
    maxConnectionsPerAddress: CAP,
    tlsHandshakeTimeoutMs: 2000,
  });
});
after(async () => {
  for (const proxy of proxies) await proxy.close();
  await node.dispose();
});

/** A raw TCP link that writes `bytes` first; resolves with what it got before the node closed it. */
function rawLink(bytes: Buffer, localAddress?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({
      host: '127.0.0.1',
      port: node.port,
      ...(localAddress ? { localAddress } : {}),
    });
    let got = '';
    socket.on('data', (chunk) => {
      got += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
    socket.on('connect', () => socket.write(bytes));
  });
}

test('behind the balancer the node sees the addresses its PROXY headers (v1, v2) name: logs, per-address cap', async () => {
  const v1 = await balancer(1, '203.0.113.7');
  const v2 = await balancer(2, '2001:db8::7');
  const served = [];
  for (let i = 0; i < CAP; i++) served.push(await loginGuest(v1.port, `v1guest${i}`));
  const over = await RawClient.connect(v1.port);
  const refused = await over.waitFor((r) => r.response === 'error');
  assert.equal(refused.code, 'too_many_connections', 'the cap counts the named address, not the balancer');

  const other = await loginGuest(v2.port, 'v2guest');
  assert.ok(
    node.logs.some((line) => line.startsWith('connect 203.0.113.7:40000')),
    node.logs.join('\n'),
  );
  assert.ok(
    node.logs.some((line) => line.startsWith('connect 2001:db8::7:40000')),
    node.logs.join('\n'),
  );
  // The v4 address is full, the v6 one has room for one more.
  const second = await loginGuest(v2.port, 'v2guest2');
  await Promise.all([...served, over, other, second].map((c) => c.close()));
});

test('a PROXY header from anyone but the balancer is refused, the balancer must send one, a bad one is refused', async () => {
  const claim = { address: '198.51.100.1', port: 1234 };
  for (const version of [1, 2] as const) {
    const got = await rawLink(proxyHeader(version, claim, node.port));
    assert.equal(got, '', `v${version} from 127.0.0.1: closed without a word`);
  }
  await waitFor(
    'both refusals logged',
    () =>
      node.logs.filter((l) => l.includes('a PROXY header from an address that is not a balancer')).length ===
      2,
  );
  assert.ok(!node.logs.some((line) => line.startsWith('connect 198.51.100.1')), 'never took the claim');

  const direct = await loginGuest(node.port, 'direct');
  await direct.close();

  const bare = await rawLink(Buffer.from('{"request":"ping"}\n'), BALANCER);
  assert.equal(bare, '');
  await waitFor('logged', () => node.logs.some((l) => l.includes('the balancer sent no PROXY header')));

  const bad = await rawLink(Buffer.from('PROXY TCP4 999.0.0.1 127.0.0.1 1 2\r\n'), BALANCER);
  assert.equal(bad, '');
  await waitFor('logged', () => node.logs.some((l) => l.includes('bad PROXY header: v1 TCP4 addresses')));
});

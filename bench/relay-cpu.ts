// The room's TURN relay on the host's CPU (docs/performance.md § Calls): CPU time the room process spends per
// relayed Mbit/s, against a bare UDP forwarder (receive a datagram, send it on: the least any relay in Node
// can do) in the same run. The room runs in this process with a real 1:1 call between two accounts; the media
// senders run in a child process (so their CPU is not counted), as TURN clients through the relay, then as
// plain UDP through the forwarder, at the same packet size and rate.
// Usage: npx tsx bench/relay-cpu.ts [--mbps=2,8] [--seconds=5]
import { fork } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatServer } from '../src-main/server/server';
import { loginUser, type RawClient } from '../test/helpers/raw-client';
import { befriend } from '../test/helpers/rooms';
import { TurnClient } from '../test/helpers/turn-client';

const PACKET_BYTES = 1200;

interface LoadPlan {
  mode: 'relay' | 'forwarder';
  port: number;
  a?: { username: string; credential: string };
  b?: { username: string; credential: string };
  mbps: number;
  seconds: number;
}

interface LoadResult {
  sent: number;
  received: number;
  /** CPU ms of the room's process (this one) from the first datagram to the last one's arrival. */
  cpuMs: number;
}

function argument(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

/** The child: send PACKET_BYTES datagrams at `mbps` for `seconds`, count what arrives on the other side. */
async function load(plan: LoadPlan): Promise<LoadResult> {
  const perSecond = (plan.mbps * 1e6) / 8 / PACKET_BYTES;
  const payload = Buffer.alloc(PACKET_BYTES, 7);
  let received = 0;
  let send: () => void;
  let close: () => void;
  if (plan.mode === 'relay' && plan.a && plan.b) {
    const a = await TurnClient.open(plan.port, plan.a.username, plan.a.credential);
    const b = await TurnClient.open(plan.port, plan.b.username, plan.b.credential);
    const ra = await a.allocate();
    const rb = await b.allocate();
    if (!ra.relayed || !rb.relayed) throw new Error('no allocation');
    const target = rb.relayed;
    await a.permit(target);
    await b.permit(ra.relayed);
    send = () => a.send(target, payload);
    const counted = () => b.received.length;
    close = () => {
      received = counted();
      a.close();
      b.close();
    };
  } else {
    const sender = createSocket('udp4');
    const receiver = createSocket('udp4');
    receiver.on('message', () => received++);
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', () => resolve()));
    const port = receiver.address().port;
    // The forwarder learns where to send by the first 2 bytes: the receiver's port.
    payload.writeUInt16BE(port, 0);
    send = () => sender.send(payload, plan.port, '127.0.0.1');
    close = () => {
      sender.close();
      receiver.close();
    };
  }
  let sent = 0;
  process.send?.('sending');
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
      while (sent < due) {
        send();
        sent++;
      }
      if (Date.now() - started >= plan.seconds * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  close();
  return { sent, received, cpuMs: 0 };
}

/** Run the senders in a child; the room's CPU is counted from their first datagram to the end. */
function runChild(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child'], { execArgv: ['--import', 'tsx'] });
    let from: NodeJS.CpuUsage | undefined;
    child.on('message', (message) => {
      if (message === 'sending') {
        from = process.cpuUsage();
        return;
      }
      const used = process.cpuUsage(from);
      resolve({ ...(message as LoadResult), cpuMs: (used.user + used.system) / 1000 });
    });
    child.once('error', reject);
    child.send(plan);
  });
}

async function main(): Promise<void> {
  const rates = argument('mbps', '2,8').split(',').map(Number);
  const seconds = Number(argument('seconds', '5'));
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-relay-bench-'));
  // The bandwidth caps are lifted: this measures the relay's cost, not its limits.
  const server = createChatServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    requestRate: 0,
    relayBytesPerSecondPerUser: 100e6,
    relayBytesPerSecond: 200e6,
  });
  const { port } = await server.listen();
  const [ann, bob] = await Promise.all([loginUser(port, 'ann'), loginUser(port, 'bob')]);
  await befriend(ann, bob, 'bob', 'ann');
  const forwarder = createSocket('udp4');
  forwarder.on('message', (m) => forwarder.send(m, m.readUInt16BE(0), '127.0.0.1'));
  await new Promise<void>((resolve) => forwarder.bind(0, '127.0.0.1', () => resolve()));
  console.log(`relay CPU, ${PACKET_BYTES}-byte datagrams, ${seconds} s per run, Node ${process.version}`);
  for (const mbps of rates) {
    const { a, b, call } = await startCall(ann, bob);
    const relay = await runChild({ mode: 'relay', port, a, b, mbps, seconds });
    await ann.ask('call_hangup', { call });
    const bare = await runChild({ mode: 'forwarder', port: forwarder.address().port, mbps, seconds });
    const relayedMbit = (relay.received * PACKET_BYTES * 8) / 1e6 / seconds;
    const line = {
      mbps,
      relay: {
        ...relay,
        cpuMs: Math.round(relay.cpuMs),
        cpuMsPerMbit: perMbit(relay.cpuMs, relayedMbit, seconds),
      },
      forwarder: {
        ...bare,
        cpuMs: Math.round(bare.cpuMs),
        cpuMsPerMbit: perMbit(bare.cpuMs, (bare.received * PACKET_BYTES * 8) / 1e6 / seconds, seconds),
      },
      ratio: Number((relay.cpuMs / bare.cpuMs).toFixed(2)),
    };
    console.log(`relay-cpu ${JSON.stringify(line)}`);
  }
  forwarder.close();
  await Promise.all([ann.close(), bob.close()]);
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** CPU ms per second of wall time for each relayed Mbit/s: a share of one core per Mbit/s, ×1000. */
function perMbit(cpuMs: number, mbitPerSecond: number, seconds: number): number {
  return Number((cpuMs / seconds / Math.max(mbitPerSecond, 1e-9)).toFixed(2));
}

async function startCall(ann: RawClient, bob: RawClient) {
  const ring = await ann.ask('call_ring', { conversation: '@bob', video: true });
  const state = ring.content as { call: string; relay: { username: string; credential: string } };
  const accepted = await bob.ask('call_accept', { call: state.call });
  const theirs = accepted.content as { relay: { username: string; credential: string } };
  return { a: state.relay, b: theirs.relay, call: state.call };
}

if (process.argv.includes('--child')) {
  process.once('message', (plan) => {
    void load(plan as LoadPlan).then((result) => {
      process.send?.(result);
      process.exit(0);
    });
  });
} else {
  void main();
}

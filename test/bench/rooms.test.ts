// The rooms scenarios of the benchmark, run quick (`--quick --only=rooms,room-scale`): no performance
// thresholds, but the multi-room run must show every room's messages reaching exactly its members, and the
// room-scale run must have timed real answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBench } from '../../bench/bench';
import { parseOptions } from '../../bench/options';
import { markdown } from '../../bench/report';
import { isolationOf } from '../../bench/scenarios/rooms';
import { ngircdVersion } from '../../bench/servers/ngircd';

const PLAN = {
  rooms: 3,
  members: 2,
  activeRooms: 1,
  sendersPerRoom: 1,
  ratePerSender: 1,
  durationMs: 1,
  warmupMs: 0,
};

test('isolation counts a delivery outside its room as a stray and an idle room hearing it', () => {
  // Room 0 (clients 0, 1) is active: client 0 sent 5, client 1 got them. Rooms 1 and 2 are idle.
  const clean = [
    { id: 0, received: 0, sent: 5 },
    { id: 1, received: 5, sent: 0 },
    { id: 2, received: 0, sent: 0 },
    { id: 3, received: 0, sent: 0 },
    { id: 4, received: 0, sent: 0 },
    { id: 5, received: 0, sent: 0 },
  ];
  assert.deepEqual(isolationOf(clean, PLAN), {
    idleClients: 4,
    idleReceived: 0,
    activeClients: 2,
    activeExact: 2,
    strays: 0,
  });
  const leaked = clean.map((c) => (c.id === 4 ? { ...c, received: 5 } : c));
  const short = clean.map((c) => (c.id === 1 ? { ...c, received: 4 } : c));
  assert.deepEqual(isolationOf(leaked, PLAN), { ...isolationOf(clean, PLAN), idleReceived: 5, strays: 5 });
  assert.equal(isolationOf(short, PLAN).activeExact, 1);
});

test('the quick rooms scenarios keep fan-out inside each room and time list, browse and join', {
  timeout: 120_000,
}, async () => {
  const servers = ngircdVersion() ? 'hearth,ngircd' : 'hearth';
  const options = parseOptions(['--quick', `--servers=${servers}`, '--only=rooms,room-scale']);
  const results = await runBench(options, () => {});
  assert.deepEqual(results.notes, []);

  for (const name of options.servers) {
    const rooms = results.rooms[name];
    assert.ok(rooms, `${name}: the rooms scenario ran`);
    const m = rooms.measurement;
    assert.equal(m.receivers, rooms.clients);
    assert.ok(m.sent > 0);
    assert.equal(m.expected, m.sent * (rooms.plan.members - 1), 'each message is owed to its room only');
    assert.equal(m.received, m.expected, `${name}: nothing lost at trivial load`);
    assert.equal(m.errors, 0, `${name}: no error responses (${m.firstError})`);
    const i = rooms.isolation;
    assert.equal(i.idleClients + i.activeClients, rooms.clients);
    assert.ok(i.idleClients > 0 && i.activeClients > 0);
    assert.equal(i.idleReceived, 0, `${name}: idle rooms heard nothing`);
    assert.equal(i.strays, 0, `${name}: nothing crossed rooms`);
    assert.equal(
      i.activeExact,
      i.activeClients,
      `${name}: every active member got exactly its room's messages`,
    );
  }

  const scale = results.roomScale;
  assert.ok(scale, 'room-scale ran');
  assert.equal(scale.listed, scale.plan.probeRooms + 1, 'its own rooms and the default room');
  for (const t of [scale.list, scale.browse, scale.join, scale.storeList, scale.storeBrowse]) {
    assert.equal(t.samples, scale.plan.rounds);
    assert.ok(t.p50Ms > 0 && t.p50Ms <= t.p99Ms && t.p99Ms <= t.maxMs);
  }

  const doc = markdown(results);
  assert.match(doc, /rooms × \d+ members .*who received what/);
  assert.match(doc, /`room_join` < 5 ms/);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginGuest, loginUser, RawClient, type Received } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.dispose());

interface Snapshot {
  friends: { username: string; online: boolean }[];
  incoming: string[];
  outgoing: string[];
  blocked: string[];
}
const snapshot = (r: Received) => r.content as Snapshot;
const friendsPush = (r: Received) => r.response === 'friends' && r.re === undefined;

test('friend request, decline, a refused re-ask, accept, remove: both sides see every change', async () => {
  const [amy, bob] = await Promise.all([loginUser(t.port, 'amy'), loginUser(t.port, 'Bob')]);

  const asked = await amy.ask('friend_request', { username: 'bob' });
  assert.equal(asked.response, 'friends');
  assert.deepEqual(snapshot(asked), { friends: [], incoming: [], outgoing: ['Bob'], blocked: [] });
  assert.deepEqual(snapshot(await bob.waitFor(friendsPush)), {
    friends: [],
    incoming: ['amy'],
    outgoing: [],
    blocked: [],
  });

  const declined = await bob.ask('friend_decline', { username: 'amy' });
  assert.deepEqual(snapshot(declined), { friends: [], incoming: [], outgoing: [], blocked: [] });
  assert.deepEqual(snapshot(await amy.waitFor(friendsPush)), {
    friends: [],
    incoming: [],
    outgoing: [],
    blocked: [],
  });

  // docs/protocol.md § Friends: after a decline, the asker waits out a cool-down; the decliner may ask.
  const tooSoon = await amy.ask('friend_request', { username: 'BOB' });
  assert.equal(tooSoon.code, 'throttled');
  assert.match(String(tooSoon.content), /^Bob declined your friend request: you can ask again in 24 h$/);
  await bob.ask('friend_request', { username: 'amy' });
  await amy.waitFor(friendsPush);
  const accepted = await amy.ask('friend_accept', { username: 'bob' });
  assert.deepEqual(snapshot(accepted), {
    friends: [{ username: 'Bob', online: true }],
    incoming: [],
    outgoing: [],
    blocked: [],
  });
  assert.deepEqual(snapshot(await bob.waitFor(friendsPush)).friends, [{ username: 'amy', online: true }]);

  const again = await amy.ask('friend_request', { username: 'bob' });
  assert.equal(again.response, 'error');
  assert.equal(again.code, 'invalid');

  const removed = await amy.ask('friend_remove', { username: 'bob' });
  assert.deepEqual(snapshot(removed).friends, []);
  assert.deepEqual(snapshot(await bob.waitFor(friendsPush)).friends, []);
  const notFriend = await amy.ask('friend_remove', { username: 'bob' });
  assert.equal(notFriend.code, 'not_found');
  // Becoming friends cleared the decline: amy may ask again at once.
  assert.equal((await amy.ask('friend_request', { username: 'bob' })).response, 'friends');
  await Promise.all([amy.close(), bob.close()]);
});

test('crossing requests become a friendship; bad friend requests are refused clearly', async () => {
  const [cy, di] = await Promise.all([loginUser(t.port, 'cy'), loginUser(t.port, 'di')]);
  await cy.ask('friend_request', { username: 'di' });
  const crossed = await di.ask('friend_request', { username: 'cy' });
  assert.deepEqual(snapshot(crossed).friends, [{ username: 'cy', online: true }]);
  assert.deepEqual(snapshot(crossed).incoming, []);

  assert.equal((await cy.ask('friend_request', { username: 'cy' })).code, 'invalid');
  assert.equal((await cy.ask('friend_request', { username: 'nobody_here' })).code, 'not_found');
  assert.equal((await cy.ask('friend_accept', { username: 'amy' })).code, 'not_found');
  assert.equal((await cy.ask('friend_request', { username: 'bad name!' })).code, 'invalid');
  const guest = await loginGuest(t.port, 'visitor');
  assert.equal((await guest.ask('friend_request', { username: 'cy' })).code, 'not_allowed');
  assert.equal((await guest.ask('friends')).code, 'not_allowed');
  assert.equal((await guest.ask('msg', { text: 'psst', cid: 'g1', to: '@cy' })).code, 'not_allowed');
  await Promise.all([cy.close(), di.close(), guest.close()]);
});

test('presence flips live on login, logout and a dropped connection; login snapshot shows who is online', async () => {
  const [ed, flo] = await Promise.all([loginUser(t.port, 'ed'), loginUser(t.port, 'flo')]);
  await ed.ask('friend_request', { username: 'flo' });
  await flo.ask('friend_accept', { username: 'ed' });
  await flo.close();
  const offline = await ed.waitFor((r) => r.response === 'presence');
  assert.deepEqual(offline.content, { username: 'flo', online: false });

  const flo2 = await RawClient.connect(t.port);
  const login = await flo2.ask('login', { username: 'flo', password: 'correct horse' });
  assert.deepEqual((login.content as { friends: Snapshot }).friends.friends, [
    { username: 'ed', online: true },
  ]);
  assert.deepEqual((await ed.waitFor((r) => r.response === 'presence')).content, {
    username: 'flo',
    online: true,
  });

  // A second connection of the same user does not flip presence; only the last one leaving does.
  const flo3 = await loginUser(t.port, 'flo');
  await flo3.ask('ping');
  flo2.destroy();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(ed.pending((r) => r.response === 'presence').length, 0);
  flo3.destroy();
  assert.deepEqual((await ed.waitFor((r) => r.response === 'presence')).content, {
    username: 'flo',
    online: false,
  });

  const edFriends = await ed.ask('friends');
  assert.deepEqual(snapshot(edFriends).friends, [{ username: 'flo', online: false }]);
  await ed.close();
});

test('direct messages between friends: live to every connection, offline ones arrive with the next login', async () => {
  const [gil, hana] = await Promise.all([loginUser(t.port, 'gil'), loginUser(t.port, 'hana')]);
  const stranger = await loginUser(t.port, 'stranger');
  assert.equal((await stranger.ask('msg', { text: 'hi', cid: 's1', to: '@gil' })).code, 'not_allowed');
  await gil.ask('friend_request', { username: 'hana' });
  await hana.ask('friend_accept', { username: 'gil' });
  const gilOther = await loginUser(t.port, 'gil');

  const ack = await gil.ask('msg', { text: 'secret', cid: 'dm-1', to: '@Hana' });
  assert.equal(ack.response, 'ack');
  const got = await hana.waitFor((r) => r.response === 'message' && r.content === 'secret');
  assert.equal(got.conv, 'dm');
  assert.equal(got.sender, 'gil');
  assert.equal(got.to, 'hana');
  const copy = await gilOther.waitFor((r) => r.response === 'message' && r.content === 'secret');
  assert.equal(copy.id, (ack.content as { id: number }).id);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(stranger.pending((r) => r.content === 'secret').length, 0, 'nobody else sees a DM');

  await hana.close();
  const offlineIds: number[] = [];
  for (const text of ['while away 1', 'while away 2']) {
    offlineIds.push(((await gil.ask('msg', { text, cid: text, to: '@hana' })).content as { id: number }).id);
  }
  const hana2 = await RawClient.connect(t.port);
  const login = await hana2.ask('login', { username: 'hana', password: 'correct horse' });
  const history = (login.content as { history: Received[] }).history;
  const dms = history.filter((m) => m.conv === 'dm');
  assert.deepEqual(
    dms.map((m) => m.id),
    offlineIds,
    'exactly the undelivered DMs',
  );
  assert.ok(dms.every((m) => m.to === 'hana' && m.sender === 'gil'));

  // Delivered once: the next login no longer carries them, but history and resume still find them.
  await hana2.close();
  const hana3 = await RawClient.connect(t.port);
  const login3 = await hana3.ask('login', { username: 'hana', password: 'correct horse' });
  assert.equal((login3.content as { history: Received[] }).history.filter((m) => m.conv === 'dm').length, 0);
  const page = await hana3.ask('history', { conversation: '@gil', limit: 10 });
  assert.equal(page.conv, '@gil');
  assert.deepEqual(
    (page.content as Received[]).map((m) => m.content),
    ['secret', 'while away 1', 'while away 2'],
  );
  const resumed = await hana3.ask('resume', { since: (ack.content as { id: number }).id });
  const resumedDms = (resumed.content as Received[]).filter((m) => m.conv === 'dm');
  assert.deepEqual(
    resumedDms.map((m) => m.id),
    offlineIds,
  );
  const strangerView = await stranger.ask('resume', { since: 0 });
  assert.equal((strangerView.content as Received[]).filter((m) => m.conv === 'dm').length, 0);
  await Promise.all([gil.close(), gilOther.close(), hana3.close(), stranger.close()]);
});

/** Lets every push already written to `client` arrive: its own round trip comes after them. */
async function settle(client: RawClient): Promise<void> {
  await client.ask('ping');
}

test('friend-request churn: asking again is silent, a sender has a budget per window, declines cool down', async () => {
  const limits = await startServer({
    friendRequestLimit: 3,
    friendRequestWindowMs: 5000,
    friendDeclineCooldownMs: 1200,
    requestRate: 0,
  });
  try {
    const [pest, target, other] = await Promise.all([
      loginUser(limits.port, 'pest'),
      loginUser(limits.port, 'target'),
      loginUser(limits.port, 'other'),
    ]);
    const windowStart = Date.now();
    await pest.ask('friend_request', { username: 'target' });
    for (let i = 0; i < 20; i++) {
      assert.deepEqual(snapshot(await pest.ask('friend_request', { username: 'target' })).outgoing, [
        'target',
      ]);
    }
    await settle(target);
    assert.equal(target.pending(friendsPush).length, 1, 'a repeated request pushes nothing more');

    // Withdraw and ask again, as fast as possible: the budget of 3 requests per window stops it.
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) {
      await pest.ask('friend_decline', { username: 'target' });
      const asked = await pest.ask('friend_request', { username: 'target' });
      answers.push(String(asked.code ?? asked.response));
    }
    assert.deepEqual(answers.slice(0, 2), ['friends', 'friends']);
    assert.ok(answers.slice(2).every((a) => a === 'throttled' || a === 'not_found'));
    const refused = await pest.ask('friend_request', { username: 'other' });
    assert.equal(refused.code, 'throttled', 'the budget is per sender, whoever is asked');
    assert.match(String(refused.content), /^too many friend requests \(3 in 1 min\): try again later$/);
    await settle(target);
    const pushes = target.pending(friendsPush).length;
    assert.ok(pushes <= 6, `target got ${pushes} snapshots for 3 requests and their withdrawals`);

    // After the window the sender may ask again; a decline then starts the cool-down, which also ends.
    await new Promise((r) => setTimeout(r, windowStart + 5200 - Date.now()));
    assert.equal((await pest.ask('friend_request', { username: 'other' })).response, 'friends');
    await other.ask('friend_decline', { username: 'pest' });
    assert.equal((await pest.ask('friend_request', { username: 'other' })).code, 'throttled');
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal((await pest.ask('friend_request', { username: 'other' })).response, 'friends');
    await Promise.all([pest.close(), target.close(), other.close()]);
  } finally {
    await limits.dispose();
  }
});

test('block: ends the friendship, refuses DMs like any non-friend, hides their requests; unblock', async () => {
  const [ivy, jon, kim] = await Promise.all([
    loginUser(t.port, 'ivy'),
    loginUser(t.port, 'jon'),
    loginUser(t.port, 'kim'),
  ]);
  await ivy.ask('friend_request', { username: 'jon' });
  await jon.ask('friend_accept', { username: 'ivy' });
  await Promise.all([settle(ivy), settle(jon)]);
  ivy.drain();
  jon.drain();

  const blocked = await jon.ask('block', { username: 'Ivy' });
  assert.deepEqual(snapshot(blocked), { friends: [], incoming: [], outgoing: [], blocked: ['ivy'] });
  assert.deepEqual(snapshot(await ivy.waitFor(friendsPush)).friends, [], 'ivy sees a removal, nothing more');
  assert.deepEqual(snapshot(await jon.ask('block', { username: 'ivy' })).blocked, ['ivy'], 'twice: same');

  // Refused with what any non-friend gets, so the blocked person is not told they are blocked.
  const toJon = await ivy.ask('msg', { text: 'hello?', cid: 'b1', to: '@jon' });
  const toKim = await ivy.ask('msg', { text: 'hello?', cid: 'b2', to: '@kim' });
  assert.equal(toJon.code, 'not_allowed');
  assert.equal(toJon.content, toKim.content);

  // Ivy's new request looks pending to her; jon is not told and does not see it.
  const asked = await ivy.ask('friend_request', { username: 'jon' });
  assert.deepEqual(snapshot(asked).outgoing, ['jon']);
  await settle(jon);
  assert.equal(jon.pending(friendsPush).length, 0);
  assert.deepEqual(snapshot(await jon.ask('friends')).incoming, []);
  assert.equal((await jon.ask('friend_accept', { username: 'ivy' })).code, 'not_found');
  const jonAsks = await jon.ask('friend_request', { username: 'ivy' });
  assert.equal(jonAsks.code, 'invalid');
  assert.match(String(jonAsks.content), /unblock them first/);

  // The block list travels in the login answer too.
  const jon2 = await RawClient.connect(t.port);
  const login = await jon2.ask('login', { username: 'jon', password: 'correct horse' });
  assert.deepEqual((login.content as { friends: Snapshot }).friends.blocked, ['ivy']);

  const unblocked = await jon.ask('unblock', { username: 'ivy' });
  assert.deepEqual(snapshot(unblocked), { friends: [], incoming: ['ivy'], outgoing: [], blocked: [] });
  assert.deepEqual(snapshot(await jon2.waitFor(friendsPush)).blocked, [], "jon's other connection");
  assert.equal((await jon.ask('unblock', { username: 'ivy' })).code, 'not_found');
  assert.equal((await jon.ask('friend_accept', { username: 'ivy' })).response, 'friends');

  assert.equal((await jon.ask('block', { username: 'jon' })).code, 'invalid');
  assert.equal((await jon.ask('block', { username: 'nobody_at_all' })).code, 'not_found');
  const guest = await loginGuest(t.port, 'blockguest');
  assert.equal((await guest.ask('block', { username: 'jon' })).code, 'not_allowed');
  await Promise.all([ivy.close(), jon.close(), jon2.close(), kim.close(), guest.close()]);
});

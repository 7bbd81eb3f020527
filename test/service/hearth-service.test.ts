// HearthService, the layer the renderer talks to, driven as the IPC adapter and the e2e bridge drive it,
// against the real server on loopback (and, for hosting, a real forked host process).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/server/store/sqlite-store';
import { DEFAULT_SETTINGS, SETTINGS_FILE } from '../../src-main/service/settings';
import { INVOKE_METHODS, type Result } from '../../src-shared/ipc';
import { CuttableProxy, waitFor } from '../client/support';
import { startServer } from '../helpers/server';
import { failure, makeService, PASSWORD, sharedRoom, signedIn, type TestService, unwrap } from './support';

const srv = sharedRoom();

const user = (name: string, port = srv.port) => signedIn(port, name);

function messagesIn(s: TestService, conversation: string) {
  return s.events.message.filter((m) => m.conversation === conversation && !m.pending);
}

describe('chat through the service', () => {
  test('register, send (pending, then acked with the same cid), receive, and load history', async () => {
    const ada = await user('ada');
    const bo = await user('bo');
    assert.deepEqual((await ada.service.getState()).session, { username: 'ada', guest: false });
    const { cid } = unwrap(await ada.service.send({ conversation: 'room', text: 'hi <b>all</b>' }));
    await waitFor('the ack', () => ada.events.message.some((m) => m.cid === cid && !m.pending));
    const [pending, acked] = ada.events.message.filter((m) => m.cid === cid);
    assert.deepEqual(
      [pending?.pending, pending?.id, pending?.own, acked?.pending, acked?.own, acked?.conversation],
      [true, null, true, false, true, 'room'],
    );
    await waitFor('bo to receive', () => bo.events.message.some((m) => m.id === acked?.id));
    const received = bo.events.message.find((m) => m.id === acked?.id);
    assert.deepEqual(
      [received?.sender, received?.text, received?.own, received?.conversation],
      ['ada', 'hi <b>all</b>', false, 'room'],
    );
    assert.ok(bo.events.notice.some((n) => n.kind === 'welcome'));
    await waitFor('ada to see bo join', () =>
      ada.events.notice.some((n) => n.kind === 'join' && /bo/.test(n.text)),
    );

    const page = unwrap(await bo.service.loadHistory({ conversation: 'room', limit: 10 }));
    assert.equal(page.conversation, 'room');
    const mine = page.messages.find((m) => m.id === acked?.id);
    assert.deepEqual([mine?.own, mine?.sender], [false, 'ada']);
    const adaView = unwrap(await ada.service.loadHistory({ conversation: 'room' }));
    assert.equal(adaView.messages.find((m) => m.id === acked?.id)?.own, true);
  });

  test('bad input gets a sentence, never an exception', async () => {
    const cy = await user('cy');
    assert.match(failure(await cy.service.send({ conversation: 'room', text: '   ' })).error, /empty/);
    assert.match(
      failure(await cy.service.send({ conversation: 'lobby', text: 'x' })).error,
      /room.*@username/,
    );
    assert.match(
      failure(await cy.service.send({ conversation: 'room', text: 'x'.repeat(8001) })).error,
      /at most 8000/,
    );
    assert.match(
      failure(await cy.service.register({ username: 'no spaces', password: PASSWORD })).error,
      /letters/,
    );
    // Every method survives garbage arguments (the renderer is the boundary to what people type).
    const service = cy.service as unknown as Record<string, (arg: unknown) => Promise<unknown>>;
    for (const method of INVOKE_METHODS) {
      for (const garbage of [undefined, null, 42, { nonsense: true }]) {
        // These take no argument, and null is a valid "no conversation on screen".
        const noArgument = [
          'disconnect',
          'logout',
          'stopHost',
          'closeToInternet',
          'countPeople',
          'browseRooms',
          'storagePlaces',
          'reconnectNow',
          'signOutOthers',
          'listTransfers',
        ];
        if (noArgument.includes(method)) continue;
        if (method === 'setActiveConversation' && garbage === null) continue;
        // null removes the picture.
        if (method === 'setAvatar' && garbage === null) continue;
        const outcome = await (service[method] as (arg: unknown) => Promise<unknown>).call(
          cy.service,
          garbage,
        );
        assert.ok(outcome && typeof outcome === 'object', `${method}(${JSON.stringify(garbage)}) answered`);
        if (method !== 'getState') {
          assert.equal((outcome as Result).ok, false, `${method}(${JSON.stringify(garbage)}) refused`);
        }
      }
    }
    assert.equal(
      (await cy.service.getState()).connection.state,
      'connected',
      'and the session is still fine',
    );
  });

  test('register and login errors are shown as sentences: taken, weak, wrong', async () => {
    const s = makeService();
    unwrap(await s.service.connect({ host: '127.0.0.1', port: srv.port }));
    assert.equal(
      failure(await s.service.register({ username: 'ADA', password: PASSWORD })).code,
      'name_taken',
    );
    assert.equal(
      failure(await s.service.register({ username: 'dee', password: 'short' })).code,
      'weak_password',
    );
    assert.equal(
      failure(await s.service.login({ username: 'ada', password: 'wrong password' })).code,
      'bad_credentials',
    );
    assert.equal((await s.service.getState()).session, null);
  });
});

describe('friends, DMs, unread and notifications', () => {
  let eli: TestService;
  let flo: TestService;

  before(async () => {
    eli = await user('eli');
    flo = await user('flo');
  });

  test('a friend request is accepted and both see each other online', async () => {
    unwrap(await eli.service.friendRequest('flo'));
    await waitFor('flo to see the request', () => flo.events.friends.some((f) => f.incoming.includes('eli')));
    unwrap(await flo.service.friendRespond({ username: 'eli', accept: true }));
    await waitFor('eli to see flo as a friend', () =>
      eli.events.friends.some((f) => f.friends.some((x) => x.username === 'flo' && x.online)),
    );
    assert.deepEqual((await flo.service.getState()).friends.friends, [{ username: 'eli', online: true }]);
    assert.equal(failure(await eli.service.friendRequest('eli')).code, 'invalid');
    assert.equal(failure(await eli.service.friendRequest('nobody_here')).code, 'not_found');
  });

  test('DMs land in @peer on both sides; non-friends cannot be messaged', async () => {
    const { cid } = unwrap(await eli.service.send({ conversation: '@FLO', text: 'just us' }));
    await waitFor('flo to get the DM', () => messagesIn(flo, '@eli').length === 1);
    const [dm] = messagesIn(flo, '@eli');
    assert.deepEqual([dm?.sender, dm?.text, dm?.own], ['eli', 'just us', false]);
    const [mine] = messagesIn(eli, '@flo');
    assert.deepEqual([mine?.cid, mine?.own, mine?.id], [cid, true, dm?.id]);
    const stranger = await user('gil');
    assert.equal(
      failure(await stranger.service.send({ conversation: '@eli', text: 'hey' })).code,
      'not_allowed',
    );
    const history = unwrap(await flo.service.loadHistory({ conversation: '@eli' }));
    assert.deepEqual(
      history.messages.map((m) => [m.conversation, m.text]),
      [['@eli', 'just us']],
    );
  });

  test('a DM the room refuses for good turns its pending bubble into a failed one', async () => {
    const [kim, lou] = [await user('kim'), await user('lou')];
    unwrap(await kim.service.friendRequest('lou'));
    await waitFor('the request', () => lou.events.friends.at(-1)?.incoming.includes('kim') === true);
    unwrap(await lou.service.friendRespond({ username: 'kim', accept: true }));
    await waitFor(
      'friends',
      () => kim.events.friends.at(-1)?.friends.some((f) => f.username === 'lou') === true,
    );
    // The friendship ends on the server while kim's screen still shows lou as a friend (as when the push
    // is still on its way): the room refuses the DM, and the same bubble turns from pending to failed.
    const db = new Database(join(srv.dataDir, DATABASE_FILE));
    db.prepare("DELETE FROM friendships WHERE user_key IN ('kim', 'lou')").run();
    db.close();
    const late = unwrap(await kim.service.send({ conversation: '@lou', text: 'still there?' }));
    await waitFor('the refusal', () => kim.events.message.some((m) => m.cid === late.cid && m.failed));
    const attempts = kim.events.message.filter((m) => m.cid === late.cid);
    assert.deepEqual(
      attempts.map((m) => [m.pending, m.failed !== null, m.id]),
      [
        [true, false, null],
        [false, true, null],
      ],
    );
    assert.match(attempts[1]?.failed ?? '', /friends/);
  });

  test('unread counts skip the conversation on screen; notifications come only when the window is away', async () => {
    unwrap(await flo.service.setActiveConversation('@eli')); // reads what the DM test left unread
    unwrap(await flo.service.setActiveConversation('room'));
    assert.deepEqual(flo.events.unread.at(-1), { total: 0, byConversation: {}, mentions: {} });
    const unreadBefore = flo.events.unread.length;
    unwrap(await eli.service.send({ conversation: 'room', text: 'room chatter' }));
    await waitFor('flo to get it', () => messagesIn(flo, 'room').some((m) => m.text === 'room chatter'));
    assert.equal(flo.events.unread.length, unreadBefore, 'the room is on screen: not unread');

    unwrap(await eli.service.send({ conversation: '@flo', text: 'dm 1' }));
    unwrap(await eli.service.send({ conversation: '@flo', text: 'dm 2' }));
    await waitFor('two unread', () => flo.events.unread.at(-1)?.byConversation['@eli'] === 2);
    assert.equal(flo.events.unread.at(-1)?.total, 2);
    assert.equal(flo.notifications.length, 0, 'the window has focus: no notifications');

    unwrap(await flo.service.setActiveConversation('@eli'));
    assert.deepEqual(flo.events.unread.at(-1), { total: 0, byConversation: {}, mentions: {} });

    flo.service.setWindowFocused(false);
    unwrap(await eli.service.send({ conversation: '@flo', text: 'while you are away' }));
    unwrap(await eli.service.send({ conversation: 'room', text: 'nothing for flo here' }));
    unwrap(await eli.service.send({ conversation: 'room', text: 'hey @Flo, look' }));
    await waitFor('notifications', () => flo.notifications.length === 2);
    await waitFor('the last room message', () =>
      messagesIn(flo, 'room').some((m) => m.text === 'hey @Flo, look'),
    );
    assert.deepEqual(flo.notifications, [
      { title: 'eli', body: 'while you are away', conversation: '@eli' },
      { title: 'eli in the room', body: 'hey @Flo, look', conversation: 'room' },
    ]);
    // The window is not focused, so even the conversation on screen counts until the user comes back.
    assert.deepEqual(flo.events.unread.at(-1), {
      total: 3,
      byConversation: { '@eli': 1, room: 2 },
      mentions: { room: 1 },
    });
    flo.service.setWindowFocused(true);
    assert.deepEqual(flo.events.unread.at(-1), {
      total: 2,
      byConversation: { room: 2 },
      mentions: { room: 1 },
    });
  });

  test('presence flips when a friend logs out and back in; DMs sent meanwhile arrive with the login', async () => {
    unwrap(await flo.service.logout());
    await waitFor(
      'eli to see flo offline',
      () => eli.events.friends.at(-1)?.friends.some((f) => f.username === 'flo' && !f.online) ?? false,
    );
    assert.equal((await flo.service.getState()).session, null);
    unwrap(await eli.service.send({ conversation: '@flo', text: 'for when you are back' }));
    await waitFor('acked', () => messagesIn(eli, '@flo').some((m) => m.text === 'for when you are back'));

    const seenBefore = flo.events.message.length;
    unwrap(await flo.service.setActiveConversation('room'));
    unwrap(await flo.service.login({ username: 'flo', password: PASSWORD }));
    await waitFor(
      'eli to see flo online',
      () => eli.events.friends.at(-1)?.friends.some((f) => f.username === 'flo' && f.online) ?? false,
    );
    const sinceLogin = flo.events.message.slice(seenBefore);
    assert.ok(sinceLogin.some((m) => m.conversation === '@eli' && m.text === 'for when you are back'));
    assert.ok(
      sinceLogin.some((m) => m.conversation === 'room'),
      'the room history came with the login',
    );
    assert.equal(flo.events.unread.at(-1)?.byConversation['@eli'], 1, 'the offline DM is unread');
    assert.equal(flo.events.unread.at(-1)?.byConversation.room, undefined, 'room history is not unread');
  });

  test('declining and removing friends', async () => {
    const hal = await user('hal');
    unwrap(await hal.service.friendRequest('eli'));
    unwrap(await eli.service.friendRespond({ username: 'hal', accept: false }));
    await waitFor('hal to see it declined', () => hal.events.friends.at(-1)?.outgoing.length === 0);
    assert.deepEqual((await hal.service.getState()).friends.friends, []);
    unwrap(await eli.service.friendRemove('flo'));
    await waitFor('flo to lose eli', () => flo.events.friends.at(-1)?.friends.length === 0);
    assert.equal(
      failure(await flo.service.send({ conversation: '@eli', text: 'still there?' })).code,
      'not_allowed',
    );
  });

  test('guests chat in the room only', async () => {
    const g = makeService();
    unwrap(await g.service.connect({ host: '127.0.0.1', port: srv.port }));
    assert.deepEqual(unwrap(await g.service.loginGuest('visitor')), { username: 'visitor', guest: true });
    const { cid } = unwrap(await g.service.send({ conversation: 'room', text: 'hello from a guest' }));
    await waitFor('acked', () => messagesIn(g, 'room').some((m) => m.text === 'hello from a guest'));
    const own = g.events.message.filter((m) => m.cid === cid);
    assert.deepEqual(
      own.map((m) => [m.pending, m.guest]),
      [
        [true, true],
        [false, true],
      ],
      'marked a guest while sending and once stored',
    );
    assert.equal(failure(await g.service.send({ conversation: '@eli', text: 'x' })).code, 'not_allowed');
    assert.equal(failure(await g.service.friendRequest('eli')).code, 'not_allowed');
    assert.equal((await g.service.getState()).settings.lastUsername, null, 'guest names are not remembered');
  });
});

describe('connecting', () => {
  test('a bad port or host is refused with a sentence; an unreachable host names the address', async () => {
    const s = makeService();
    for (const port of [0, 70000, -1, 1.5, Number.NaN]) {
      assert.match(
        failure(await s.service.connect({ host: '127.0.0.1', port })).error,
        /port must be a whole number/,
      );
    }
    assert.match(failure(await s.service.connect({ host: '', port: 5555 })).error, /host name or IP/);
    assert.match(
      failure(await s.service.connect({ host: 'bad host!', port: 5555 })).error,
      /not a valid host/,
    );
    const proxy = new CuttableProxy(srv.port);
    const port = await proxy.start();
    await proxy.close();
    const refused = failure(await s.service.connect({ host: '127.0.0.1', port }));
    assert.equal(
      refused.error.startsWith(`Could not reach 127.0.0.1:${port} (connection refused`),
      true,
      refused.error,
    );
    assert.equal(refused.code, 'unreachable');
    const state = await s.service.getState();
    assert.deepEqual([state.connection.state, state.connection.error], ['disconnected', refused.error]);
    assert.deepEqual(state.settings.recentServers, [], 'failed servers are not remembered');
    assert.equal(
      failure(await s.service.login({ username: 'ada', password: PASSWORD })).code,
      'disconnected',
    );
  });

  test('a server restart shows reconnecting, then the session continues and queued sends go out', async () => {
    const room = await startServer();
    try {
      const ivy = await user('ivy', room.port);
      await room.stop();
      await waitFor('reconnecting', () => ivy.events.connection.at(-1)?.state === 'reconnecting');
      const status = ivy.events.connection.at(-1);
      assert.deepEqual(status?.server, { host: '127.0.0.1', port: room.port });
      assert.ok(status?.error && status.nextAttemptAt);
      const { cid } = unwrap(await ivy.service.send({ conversation: 'room', text: 'sent while away' }));
      const again = await startServer({ port: room.port }, room.dataDir);
      try {
        await waitFor('reconnected', () => ivy.events.connection.at(-1)?.state === 'connected');
        await waitFor('the queued send acked', () =>
          ivy.events.message.some((m) => m.cid === cid && !m.pending),
        );
        assert.deepEqual((await ivy.service.getState()).session, { username: 'ivy', guest: false });
        assert.equal(ivy.events.session.filter((s) => s === null).length, 0, 'the session never ended');
      } finally {
        await again.stop();
      }
    } finally {
      await room.dispose();
    }
  });
});

describe('settings and links', () => {
  test('recent servers and the last username survive a restart of the app; the file is written whole', async () => {
    const first = await user('jan');
    unwrap(await first.service.disconnect());
    assert.equal((await first.service.getState()).connection.state, 'disconnected');
    await first.service.dispose();
    const file = join(first.dataDir, SETTINGS_FILE);
    assert.ok(existsSync(file));
    assert.deepEqual(
      readdirSync(first.dataDir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary files left',
    );
    const second = makeService(first.dataDir);
    const { settings } = await second.service.getState();
    assert.deepEqual(settings.recentServers, [{ host: '127.0.0.1', port: srv.port }]);
    assert.equal(settings.lastUsername, 'jan');
    // The file holds the settings the window sees, and the rooms muted per server (none here).
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { ...settings, mutedRooms: {} });
  });

  test('a damaged settings file means defaults, not a crash', async () => {
    const s = makeService();
    await s.service.dispose();
    writeFileSync(join(s.dataDir, SETTINGS_FILE), '{"recentServers": [{"host": 5}], "hostPort": "x", oops');
    const again = makeService(s.dataDir);
    assert.deepEqual((await again.service.getState()).settings, DEFAULT_SETTINGS);
    writeFileSync(
      join(s.dataDir, SETTINGS_FILE),
      '{"recentServers": "nope", "lastUsername": "kay", "hostPort": 6000}',
    );
    const third = makeService(s.dataDir);
    assert.deepEqual((await third.service.getState()).settings, {
      ...DEFAULT_SETTINGS,
      lastUsername: 'kay',
      hostPort: 6000,
    });
  });

  test('openExternal passes only http(s) links on', async () => {
    const s = makeService();
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'hearth://x',
      'not a url',
      '',
      'https://bank.example@evil.example/',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      assert.equal(failure(await s.service.openExternal(url)).code, 'invalid', url);
    }
    unwrap(await s.service.openExternal('https://example.com/a?b=c'));
    unwrap(await s.service.openExternal('http://192.168.1.20:8080/'));
    assert.deepEqual(s.opened, ['https://example.com/a?b=c', 'http://192.168.1.20:8080/']);
  });
});

describe('hosting a room', () => {
  test('start a host process, join it, chat with a friend who connects to it, then stop it', async () => {
    const host = makeService();
    const started = unwrap(await host.service.startHost({ port: 0, allowGuests: false }));
    assert.equal(started.running, true);
    assert.ok(started.port && started.port > 0);
    assert.ok(started.addresses.length > 0);
    assert.equal(started.allowGuests, false);
    assert.deepEqual(host.events.host.at(-1), started);
    const state = await host.service.getState();
    assert.deepEqual(state.connection.server, { host: '127.0.0.1', port: started.port });
    assert.equal(state.connection.state, 'connected', 'the host joined their own room');
    assert.equal(failure(await host.service.startHost({ port: 0, allowGuests: true })).code, 'busy');

    unwrap(await host.service.register({ username: 'kit', password: PASSWORD }));
    const friend = await user('lux', started.port as number);
    unwrap(await friend.service.send({ conversation: 'room', text: 'nice room' }));
    await waitFor('the host to read it', () => messagesIn(host, 'room').some((m) => m.text === 'nice room'));
    const guest = makeService();
    unwrap(await guest.service.connect({ host: '127.0.0.1', port: started.port as number }));
    assert.equal(failure(await guest.service.loginGuest('drifter')).code, 'guests_not_allowed');

    unwrap(await host.service.stopHost());
    assert.deepEqual(host.events.host.at(-1), {
      running: false,
      port: null,
      allowGuests: false,
      addresses: [],
      fingerprint: null,
      classicPort: null,
      error: null,
    });
    assert.equal((await host.service.getState()).connection.state, 'disconnected');
    await waitFor(
      'the friend to lose the room',
      () => friend.events.connection.at(-1)?.state === 'reconnecting',
    );
    assert.ok(existsSync(join(host.dataDir, 'host')), "the room's data lives under the app's data dir");
    unwrap(await host.service.stopHost());
  });

  test('a room that dies on its own is reported as stopped, with the reason', async () => {
    const host = makeService();
    unwrap(await host.service.startHost({ port: 0, allowGuests: true }));
    process.kill(host.launcher.pid as number, 'SIGKILL');
    await waitFor('the host status to say so', () => host.events.host.at(-1)?.running === false);
    const status = host.events.host.at(-1);
    assert.match(status?.error ?? '', /The room was stopped by SIGKILL/);
    assert.equal(status?.port, null);
    const login = failure(await host.service.register({ username: 'orphan', password: PASSWORD }));
    assert.match(login.error, /^Could not reach 127\.0\.0\.1:\d+ \(connection refused/);
    unwrap(await host.service.stopHost());
  });

  test('quitting while the room is still starting leaves no room process behind', async () => {
    const host = makeService();
    const starting = host.service.startHost({ port: 0, allowGuests: true });
    await host.service.dispose();
    assert.equal(failure(await starting).code, 'disposed');
    assert.equal(host.launcher.pid, null);
    assert.equal(failure(await host.service.connect({ host: '127.0.0.1', port: srv.port })).code, 'disposed');
  });

  test('a port in use is reported, and the host stays stopped', async () => {
    const host = makeService();
    const outcome = failure(await host.service.startHost({ port: srv.port, allowGuests: true }));
    assert.match(outcome.error, new RegExp(`port ${srv.port} is already in use`));
    assert.deepEqual(
      [host.events.host.at(-1)?.running, host.events.host.at(-1)?.error],
      [false, outcome.error],
    );
    assert.equal((await host.service.getState()).host.running, false);
    const prefs = (await host.service.getState()).settings;
    assert.equal(
      prefs.hostPort,
      DEFAULT_SETTINGS.hostPort,
      'a failed start does not change the remembered port',
    );
  });
});

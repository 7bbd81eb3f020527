// The settings screen's preferences through the service: kept across starts, refused when they are not
// preferences, one bad value in the file never resets the others, and the notification level decides which
// messages from a real room raise a desktop notification.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_PREFERENCES, SETTINGS_FILE } from '../../src-main/service/settings';
import { waitFor } from '../client/support';
import { makeService, sharedRoom, signedIn, unwrap } from './support';

const srv = sharedRoom();

const user = (name: string) => signedIn(srv.port, name);

test('preferences are kept across starts and pushed to the window as they change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-prefs-'));
  const first = makeService(dir);
  assert.deepEqual((await first.service.getState()).settings.preferences, DEFAULT_PREFERENCES);
  const saved = unwrap(await first.service.setPreferences({ theme: 'dark', showJoins: false }));
  assert.equal(saved.preferences.theme, 'dark');
  assert.equal(first.events.settings.at(-1)?.preferences.showJoins, false, 'the window hears of it');
  await first.dispose();

  const next = makeService(dir);
  assert.deepEqual((await next.service.getState()).settings.preferences, {
    ...DEFAULT_PREFERENCES,
    theme: 'dark',
    showJoins: false,
  });
});

test('what is not a preference, or not one of its values, is refused with a sentence and changes nothing', async () => {
  const s = makeService();
  for (const [change, sentence] of [
    [{ theme: 'neon' }, /system, light or dark/],
    [{ volume: 11 }, /not a preference/],
    [{ showJoins: 'yes' }, /show joins/],
    [{ sounds: 'loud' }, /plays sounds/],
    ['dark', /preferences to change/],
  ] as const) {
    const refused = await s.service.setPreferences(change as never);
    assert.ok(!refused.ok, `refused: ${JSON.stringify(change)}`);
    assert.equal(refused.code, 'invalid');
    assert.match(refused.error, sentence);
  }
  assert.deepEqual((await s.service.getState()).settings.preferences, DEFAULT_PREFERENCES);
});

test('one damaged preference in the file falls back alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-prefs-'));
  writeFileSync(
    join(dir, SETTINGS_FILE),
    JSON.stringify({ preferences: { theme: 'neon', showJoins: false, notifications: 7 } }),
  );
  const s = makeService(dir);
  assert.deepEqual((await s.service.getState()).settings.preferences, {
    ...DEFAULT_PREFERENCES,
    showJoins: false,
  });
});

test('storage places name the settings file and the hosted room, under the data directory', async () => {
  const s = makeService();
  const places = unwrap(await s.service.storagePlaces());
  assert.ok(places.some((p) => p.path === join(s.dataDir, SETTINGS_FILE)));
  assert.ok(places.some((p) => p.path === join(s.dataDir, 'host') && /host/.test(p.what)));
  assert.ok(
    places.some((p) => /logins/.test(p.what) && p.path === null),
    'no keychain here: said so, not a made-up path',
  );
});

test('notifications: every message, only DMs and mentions (the default), or none', async () => {
  const nia = await user('nia');
  const otto = await user('otto');
  nia.service.setWindowFocused(false);
  let n = 0;
  const say = async (text: string) => {
    const tag = `${text} #${++n}`;
    unwrap(await otto.service.send({ conversation: 'room', text: tag }));
    await waitFor(`nia to get "${tag}"`, () => nia.events.message.some((m) => m.text === tag));
    return tag;
  };

  await say('plain');
  const mention = await say('hey @nia');
  assert.deepEqual(
    nia.notifications.map((x) => x.body),
    [mention],
    'by default only the mention notifies',
  );

  unwrap(await nia.service.setPreferences({ notifications: 'all' }));
  const plain = await say('plain again');
  assert.equal(nia.notifications.at(-1)?.body, plain, '"every message" notifies a plain one');

  unwrap(await nia.service.setPreferences({ notifications: 'none' }));
  const before = nia.notifications.length;
  await say('hey @nia, once more');
  assert.equal(nia.notifications.length, before, '"none": not even a mention');
});

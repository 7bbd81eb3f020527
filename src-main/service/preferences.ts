// The settings screen's two calls: changing preferences (kept in settings.json with the rest) and saying
// where Hearth keeps things on this computer. Paths are fixed names under the app's data directory.
import { join } from 'node:path';
import type { Preferences, Settings, StoragePlace } from '../../src-shared/ipc';
import { HOST_DATA_SUBDIR } from './hosting';
import type { SecretStore } from './secrets';
import { SETTINGS_FILE, type SettingsStore } from './settings';

export async function changePreferences(
  settings: SettingsStore,
  change: Partial<Preferences>,
): Promise<Settings> {
  await settings.update({ preferences: { ...settings.get().preferences, ...change } });
  return settings.get();
}

export function storagePlaces(dataDir: string, secrets: SecretStore): StoragePlace[] {
  return [
    { what: 'Settings, recent rooms and trusted certificates', path: join(dataDir, SETTINGS_FILE) },
    {
      what: 'Remembered logins (encrypted by the system keychain)',
      path: secrets.location,
    },
    {
      what: 'The room you host: its messages, accounts and certificate',
      path: join(dataDir, HOST_DATA_SUBDIR),
    },
  ];
}

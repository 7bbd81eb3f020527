// The `profiles` table: display name, status and avatar per account. An account without a row has the
// defaults (no display name, online, no text, no avatar).
import type Database from 'better-sqlite3';
import type { AvatarType, Status } from '../../../src-shared/account-limits';
import type { AccountStore } from './account-store';

export type ProfileTable = Pick<AccountStore, 'profiles' | 'updateProfile' | 'setAvatar' | 'avatar'>;

interface ProfileRow {
  key: string;
  username: string;
  display_name: string | null;
  status: Status | null;
  status_text: string | null;
  avatar_version: number | null;
}

export function profileTable(db: Database.Database): ProfileTable {
  const select = db.prepare<[string], ProfileRow>(
    `SELECT u.key, u.username, p.display_name, p.status, p.status_text,
            CASE WHEN p.avatar IS NULL THEN 0 ELSE p.avatar_version END AS avatar_version
     FROM users u LEFT JOIN profiles p ON p.user_key = u.key WHERE u.key = ?`,
  );
  const ensure = db.prepare('INSERT OR IGNORE INTO profiles (user_key) VALUES (?)');
  const setName = db.prepare('UPDATE profiles SET display_name = ? WHERE user_key = ?');
  const setStatus = db.prepare('UPDATE profiles SET status = ? WHERE user_key = ?');
  const setText = db.prepare('UPDATE profiles SET status_text = ? WHERE user_key = ?');
  const writeAvatar = db.prepare<[Buffer | null, string | null, string], { avatar_version: number }>(
    `UPDATE profiles SET avatar = ?, avatar_type = ?, avatar_version = avatar_version + 1
     WHERE user_key = ? RETURNING avatar_version`,
  );
  const readAvatar = db.prepare<
    [string],
    { avatar: Buffer | null; avatar_type: AvatarType | null; avatar_version: number }
  >('SELECT avatar, avatar_type, avatar_version FROM profiles WHERE user_key = ?');

  const update = db.transaction((key: string, patch: Parameters<ProfileTable['updateProfile']>[1]) => {
    ensure.run(key);
    if (patch.displayName !== undefined) setName.run(patch.displayName, key);
    if (patch.status !== undefined) setStatus.run(patch.status, key);
    if (patch.statusText !== undefined) setText.run(patch.statusText, key);
  });
  const storeAvatar = db.transaction((key: string, avatar: Parameters<ProfileTable['setAvatar']>[1]) => {
    ensure.run(key);
    return writeAvatar.get(avatar?.bytes ?? null, avatar?.type ?? null, key)?.avatar_version ?? 0;
  });

  return {
    profiles(keys) {
      const found: ReturnType<ProfileTable['profiles']> = [];
      for (const key of keys) {
        const row = select.get(key);
        if (!row) continue;
        found.push({
          key: row.key,
          username: row.username,
          displayName: row.display_name,
          status: row.status ?? 'online',
          statusText: row.status_text ?? '',
          avatarVersion: row.avatar_version ?? 0,
        });
      }
      return found;
    },
    updateProfile: (key, patch) => update(key, patch),
    setAvatar: (key, avatar) => storeAvatar(key, avatar),
    avatar(key) {
      const row = readAvatar.get(key);
      if (!row?.avatar || !row.avatar_type) return null;
      return { bytes: row.avatar, type: row.avatar_type, version: row.avatar_version };
    },
  };
}

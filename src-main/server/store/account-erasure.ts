// Deleting an account (docs/security.md § Deleting an account): everything that belongs to the account goes
// in one transaction; what it said stays where others can read it, under its name, and the name is retired
// so that nobody can register it and appear as the author of those messages.
import type Database from 'better-sqlite3';
import type { AccountStore } from './account-store';

export type AccountErasure = Pick<AccountStore, 'eraseAccount' | 'nameRetired'>;

/** Every statement names the account's key @key. */
const ERASE = [
  'DELETE FROM sessions WHERE user_key = @key',
  'DELETE FROM profiles WHERE user_key = @key',
  'DELETE FROM friendships WHERE user_key = @key OR friend_key = @key',
  'DELETE FROM friend_requests WHERE from_key = @key OR to_key = @key',
  'DELETE FROM friend_declines WHERE from_key = @key OR to_key = @key',
  'DELETE FROM friend_request_log WHERE from_key = @key',
  'DELETE FROM blocks WHERE blocker_key = @key OR blocked_key = @key',
  'DELETE FROM room_members WHERE user_key = @key',
  'DELETE FROM room_invites WHERE user_key = @key OR from_key = @key',
  'DELETE FROM room_declines WHERE user_key = @key',
  'DELETE FROM read_markers WHERE user_key = @key',
  'DELETE FROM account_settings WHERE user_key = @key',
  // The files it shared stay with their messages; its quota and unfinished uploads go (the sweep deletes those).
  'DELETE FROM file_owners WHERE user_key = @key',
  'DELETE FROM file_uploads WHERE user_key = @key',
  'UPDATE rooms SET owner_key = NULL WHERE owner_key = @key',
  'DELETE FROM users WHERE key = @key',
];

export function accountErasure(db: Database.Database): AccountErasure {
  const statements = ERASE.map((sql) => db.prepare(sql));
  const retire = db.prepare(
    'INSERT OR REPLACE INTO retired_names (key, username, deleted_at) VALUES (?, ?, ?)',
  );
  const retired = db.prepare<[string], { key: string }>('SELECT key FROM retired_names WHERE key = ?');
  const erase = db.transaction((key: string, username: string, at: number) => {
    for (const statement of statements) statement.run({ key });
    retire.run(key, username, at);
  });
  return {
    eraseAccount: (key, username, at) => erase(key, username, at),
    nameRetired: (key) => retired.get(key) !== undefined,
  };
}

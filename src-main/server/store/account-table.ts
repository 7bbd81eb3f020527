// The `users` table: accounts by their lowercase key, with the registered spelling and the bcrypt hash.
import type Database from 'better-sqlite3';
import type { AccountStore } from './account-store';
import type { ChatStore, UserRecord } from './store';

export type AccountTable = Pick<ChatStore, 'createUser' | 'findUser'> & Pick<AccountStore, 'setPasswordHash'>;

export function accountTable(db: Database.Database): AccountTable {
  const insertUser = db.prepare(
    'INSERT OR IGNORE INTO users (key, username, password_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectUser = db.prepare<[string], { key: string; username: string; password_hash: string }>(
    'SELECT key, username, password_hash FROM users WHERE key = ?',
  );
  const updateHash = db.prepare('UPDATE users SET password_hash = ? WHERE key = ?');
  return {
    setPasswordHash(key, passwordHash) {
      updateHash.run(passwordHash, key);
    },
    createUser(user: UserRecord) {
      return insertUser.run(user.key, user.username, user.passwordHash, Date.now()).changes > 0;
    },
    findUser(key) {
      const row = selectUser.get(key);
      return row ? { key: row.key, username: row.username, passwordHash: row.password_hash } : null;
    },
  };
}

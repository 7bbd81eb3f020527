// The `sessions` table: session tokens by their SHA-256 only, with an expiry.
import type Database from 'better-sqlite3';
import type { AccountStore } from './account-store';
import type { ChatStore } from './store';

export type SessionTable = Pick<ChatStore, 'createSession' | 'findSession' | 'deleteSession'> &
  Pick<AccountStore, 'deleteSessionsExcept'>;

export function sessionTable(db: Database.Database): SessionTable {
  const insertSession = db.prepare(
    'INSERT OR REPLACE INTO sessions (token_hash, user_key, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const dropExpiredSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const selectSession = db.prepare<[string, number], { user_key: string }>(
    'SELECT user_key FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const removeSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeOthers = db.prepare('DELETE FROM sessions WHERE user_key = ? AND token_hash IS NOT ?');
  return {
    deleteSessionsExcept: (userKey, keepHash) => removeOthers.run(userKey, keepHash).changes,
    createSession(tokenHash, userKey, expiresAt) {
      const now = Date.now();
      dropExpiredSessions.run(now);
      insertSession.run(tokenHash, userKey, now, expiresAt);
    },
    findSession: (tokenHash, now) => selectSession.get(tokenHash, now)?.user_key ?? null,
    deleteSession: (tokenHash) => removeSession.run(tokenHash).changes > 0,
  };
}

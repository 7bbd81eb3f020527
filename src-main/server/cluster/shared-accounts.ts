// A cluster node's AccountDirectory (account-directory.ts, docs/cluster.md): accounts and session tokens live
// in PostgreSQL for every node, and each node copies an account (or a token) into its own SQLite file just
// before a login needs it, so that everything after the login reads the local copy as the single room does.
import pg from 'pg';
import type { AccountDirectory, OpenAccounts } from '../account-directory';
import type { ChatStore } from '../store/store';

interface UserRow {
  key: string;
  username: string;
  password_hash: string;
}

/** An erased account keeps its row, so that its name stays taken, with no password. */
const ERASED = '';

/** Copy an account as every node knows it into this node's store (never an erased one). */
function copyUser(store: ChatStore, row: UserRow): void {
  if (row.password_hash === ERASED) return;
  const here = store.findUser(row.key);
  if (!here) store.createUser({ key: row.key, username: row.username, passwordHash: row.password_hash });
  else if (here.passwordHash !== row.password_hash) store.setPasswordHash(row.key, row.password_hash);
}

export function openSharedAccounts(url: string): OpenAccounts {
  return async (store, log): Promise<AccountDirectory> => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on('error', (error) => log(`shared accounts connection lost: ${error.message}`));
    const failed = (what: string) => (error: Error) =>
      log(`error ${what} in the shared accounts: ${error.message}`);
    return {
      async claim(user) {
        const { rowCount } = await pool.query(
          'INSERT INTO users (key, username, password_hash) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
          [user.key, user.username, user.passwordHash],
        );
        return rowCount === 1;
      },
      async refresh(key) {
        const { rows } = await pool.query<UserRow>(
          'SELECT key, username, password_hash FROM users WHERE key = $1',
          [key],
        );
        if (rows[0]) copyUser(store, rows[0]);
      },
      async refreshSession(tokenHash) {
        const { rows } = await pool.query<UserRow & { expires_at: string }>(
          `SELECT u.key, u.username, u.password_hash, s.expires_at
           FROM sessions s JOIN users u ON u.key = s.user_key WHERE s.token_hash = $1 AND s.expires_at > $2`,
          [tokenHash, Date.now()],
        );
        const row = rows[0];
        if (!row) return;
        copyUser(store, row);
        if (store.findSession(tokenHash, Date.now()) === null)
          store.createSession(tokenHash, row.key, Number(row.expires_at));
      },
      share(tokenHash, userKey, expiresAt) {
        pool
          .query(
            'INSERT INTO sessions (token_hash, user_key, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [tokenHash, userKey, expiresAt],
          )
          .catch(failed('sharing a session'));
      },
      revoke(tokenHash) {
        pool
          .query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
          .catch(failed('revoking a session'));
      },
      async setPassword(key, passwordHash) {
        await pool.query('UPDATE users SET password_hash = $2 WHERE key = $1', [key, passwordHash]);
      },
      revokeOthers(key, keepHash) {
        pool
          .query('DELETE FROM sessions WHERE user_key = $1 AND token_hash IS DISTINCT FROM $2', [
            key,
            keepHash,
          ])
          .catch(failed('revoking sessions'));
      },
      async erase(key) {
        await pool.query('UPDATE users SET password_hash = $2 WHERE key = $1', [key, ERASED]);
        await pool.query('DELETE FROM sessions WHERE user_key = $1', [key]);
      },
      close: () => pool.end(),
    };
  };
}

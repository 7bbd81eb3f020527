// The `account_settings` table: per-account choices the room enforces. Today only read receipts (on unless
// turned off; off hides the user's reads from friends and theirs from the user).
import type Database from 'better-sqlite3';
import type { ConversationStore } from './conversation-store';

export type AccountSettingsTable = Pick<ConversationStore, 'receiptsOn' | 'setReceipts'>;

export function accountSettingsTable(db: Database.Database): AccountSettingsTable {
  const read = db.prepare<[string], { receipts: number }>(
    'SELECT receipts FROM account_settings WHERE user_key = ?',
  );
  const write = db.prepare(
    `INSERT INTO account_settings (user_key, receipts) VALUES (?, ?)
     ON CONFLICT (user_key) DO UPDATE SET receipts = excluded.receipts`,
  );
  return {
    receiptsOn: (userKey) => (read.get(userKey)?.receipts ?? 1) === 1,
    setReceipts(userKey, on) {
      write.run(userKey, on ? 1 : 0);
    },
  };
}

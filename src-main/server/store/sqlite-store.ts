// The SQLite implementation of ChatStore: one file in the data directory, WAL, prepared statements only.
// Each table's statements live in its own module; this one opens the file and puts them together.
import { accountErasure } from './account-erasure';
import { accountSettingsTable } from './account-settings-table';
import { accountTable } from './account-table';
import { blockTable } from './block-table';
import { openDatabase, type SqliteStoreOptions } from './database';
import { fileTable } from './file-table';
import { friendLimitTable } from './friend-limit-table';
import { friendTable } from './friend-table';
import { logCursorTable } from './log-cursor-table';
import { messageChangeTable } from './message-change-table';
import { messageTable } from './message-table';
import { moderationLogTable } from './moderation-log-table';
import { profileTable } from './profile-table';
import { reactionTable } from './reaction-table';
import { readMarkerTable } from './read-marker-table';
import { roomBanTable } from './room-ban-table';
import { roomInviteTable } from './room-invite-table';
import { roomMemberTable } from './room-member-table';
import { roomTable } from './room-table';
import { searchTable } from './search-table';
import { sessionTable } from './session-table';
import type { ChatStore } from './store';

export { DATABASE_FILE, type SqliteStoreOptions } from './database';

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): ChatStore {
  const db = openDatabase(dataDir, options);
  return {
    ...messageTable(db),
    ...accountTable(db),
    ...sessionTable(db),
    ...friendTable(db),
    ...blockTable(db),
    ...friendLimitTable(db),
    ...roomTable(db),
    ...roomMemberTable(db),
    ...roomBanTable(db),
    ...roomInviteTable(db),
    ...moderationLogTable(db),
    ...messageChangeTable(db),
    ...reactionTable(db),
    ...readMarkerTable(db),
    ...accountSettingsTable(db),
    ...searchTable(db),
    ...profileTable(db),
    ...accountErasure(db),
    ...fileTable(db),
    ...logCursorTable(db),
    close() {
      db.close();
    },
  };
}

// Changes to stored messages: edits (latest text, `edited_at`), and the messages changed since an id that
// resume hands a client that was away (docs/protocol.md § resume). Each change takes the next number of the
// id sequence as the message's `rev` (change-sequence.ts).
import type Database from 'better-sqlite3';
import { prepareLastSequence, prepareNextRev } from './change-sequence';
import type { ConversationStore, MessageEdit } from './conversation-store';
import { MESSAGE_COLUMNS, type MessageRow, VISIBLE_TO_USER } from './message-rows';
import { toPage } from './message-table';

export type MessageChangeTable = Pick<ConversationStore, 'editMessage' | 'changedSince' | 'lastSequence'>;

export function messageChangeTable(db: Database.Database): MessageChangeTable {
  const nextRev = prepareNextRev(db);
  const editable = db.prepare<[number], { id: number }>(
    'SELECT id FROM messages WHERE id = ? AND deleted = 0 AND notice IS NULL',
  );
  const edit = db.prepare(
    'UPDATE messages SET text = ?, edited_at = ?, mentions = ?, mentions_room = ?, rev = ? WHERE id = ?',
  );
  const editMessage = db.transaction((id: number, e: MessageEdit): number | null => {
    if (!editable.get(id)) return null;
    const rev = nextRev();
    edit.run(e.text, e.at, e.mentions.length ? e.mentions.join(' ') : null, e.mentionsRoom ? 1 : 0, rev, id);
    return rev;
  });
  // `rev > 0` lets SQLite use the partial index of changed messages.
  const changedForUser = db.prepare<[number, number, string, string, string, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE rev > 0 AND rev > ? AND id <= ? AND ${VISIBLE_TO_USER} ORDER BY rev LIMIT ?`,
  );
  const changedForGuest = db.prepare<[number, number, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE rev > 0 AND rev > ? AND id <= ? AND conv = 'room' ORDER BY rev LIMIT ?`,
  );
  return {
    editMessage: (id, e) => editMessage(id, e),
    changedSince(userKey, since, upTo, limit) {
      const rows =
        userKey === null
          ? changedForGuest.all(since, upTo, limit + 1)
          : changedForUser.all(since, upTo, userKey, userKey, userKey, limit + 1);
      return toPage(rows, limit);
    },
    lastSequence: prepareLastSequence(db),
  };
}

// A cluster node's place in the shared log (docs/cluster.md): the log numbers changes to friends, rooms and
// profiles among the messages, and a change leaves no message row behind, so the newest id this node applied
// is kept here, in the transaction that applied it. The single room never writes it.
import type Database from 'better-sqlite3';
import type { ChatStore } from './store';

export type LogCursorTable = Pick<ChatStore, 'logCursor' | 'applyLogged'>;

export function logCursorTable(db: Database.Database): LogCursorTable {
  const read = db.prepare<[], { id: number | null }>(
    'SELECT MAX(id) AS id FROM (SELECT MAX(id) AS id FROM messages UNION ALL SELECT last_id FROM log_cursor)',
  );
  const write = db.prepare(
    'INSERT INTO log_cursor (one, last_id) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id',
  );
  const apply = db.transaction((id: number, change: () => void) => {
    change();
    write.run(id);
  });
  return {
    logCursor: () => read.get()?.id ?? 0,
    applyLogged(id, change) {
      apply(id, change);
    },
  };
}

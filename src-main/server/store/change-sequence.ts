// Changes to stored messages (edits, deletions, reactions) are numbered from the same sequence as message ids,
// so one `since` covers both in resume (docs/protocol.md § resume). `messages` is AUTOINCREMENT: its counter
// lives in sqlite_sequence, which SQLite lets a program advance; the next message id then skips that number.
import type Database from 'better-sqlite3';

/** A function that takes the next number of the id sequence (inside the caller's transaction). */
export function prepareNextRev(db: Database.Database): () => number {
  const bump = db.prepare<[], { seq: number }>(
    "UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'messages' RETURNING seq",
  );
  return () => {
    const row = bump.get();
    // A change needs a message to change, so the messages counter exists.
    if (!row) throw new Error('no message has been stored: there is nothing to change');
    return row.seq;
  };
}

export function prepareLastSequence(db: Database.Database): () => number {
  const read = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'messages'");
  return () => read.get()?.seq ?? 0;
}

// The `reactions` table: one row per (message, emoji, user), toggled on and off. A message's reactions leave
// as one summary per emoji (count, first reactors, whether the reader is one), so 10,000 reactions on one
// message cost the wire what 20 do (docs/protocol.md § Reactions).
import type Database from 'better-sqlite3';
import { MAX_REACTION_USERS_LISTED } from '../../../src-shared/limits';
import { prepareNextRev } from './change-sequence';
import type { ConversationStore, ReactOutcome } from './conversation-store';
import type { ReactionSummary } from './store';

export type ReactionTable = Pick<ConversationStore, 'react' | 'reactionSummaries'>;

interface SummaryRow {
  message_id: number;
  emoji: string;
  username: string;
  user_key: string;
  n: number;
  rn: number;
}

function prepareReact(db: Database.Database) {
  const nextRev = prepareNextRev(db);
  const has = db.prepare<[number, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM reactions WHERE message_id = ? AND emoji = ?',
  );
  const kinds = db.prepare<[number], { n: number }>(
    'SELECT COUNT(DISTINCT emoji) AS n FROM reactions WHERE message_id = ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO reactions (message_id, emoji, user_key, username, at) VALUES (?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_key = ?');
  const touch = db.prepare('UPDATE messages SET rev = ?, reaction_count = reaction_count + ? WHERE id = ?');
  const revOf = db.prepare<[number], { rev: number }>('SELECT rev FROM messages WHERE id = ?');
  return db.transaction(
    (id: number, key: string, username: string, emoji: string, on: boolean, maxKinds: number, at: number) => {
      const count = has.get(id, emoji)?.n ?? 0;
      if (on && count === 0 && (kinds.get(id)?.n ?? 0) >= maxKinds) return { ok: false } as const;
      const changed = on
        ? insert.run(id, emoji, key, username, at).changes > 0
        : remove.run(id, emoji, key).changes > 0;
      if (!changed) return { ok: true, changed, count, rev: revOf.get(id)?.rev ?? 0 } as const;
      const rev = nextRev();
      touch.run(rev, on ? 1 : -1, id);
      return { ok: true, changed, count: count + (on ? 1 : -1), rev } as const;
    },
  );
}

export function reactionTable(db: Database.Database): ReactionTable {
  const react = prepareReact(db);
  // Every reaction of the messages is counted, but only the first reactors of each emoji (and the reader's
  // own rows, for `mine`) come back. Messages without reactions are skipped by their counter.
  const summaries = db.prepare<[string, number, string], SummaryRow>(
    `SELECT message_id, emoji, username, user_key, n, rn FROM (
       SELECT message_id, emoji, username, user_key,
         COUNT(*) OVER (PARTITION BY message_id, emoji) AS n,
         ROW_NUMBER() OVER (PARTITION BY message_id, emoji ORDER BY at, user_key) AS rn,
         MIN(at) OVER (PARTITION BY message_id, emoji) AS first
       FROM reactions
       WHERE message_id IN (SELECT id FROM messages
                            WHERE id IN (SELECT value FROM json_each(?)) AND reaction_count > 0))
     WHERE rn <= ? OR user_key = ?
     ORDER BY message_id, first, emoji, rn`,
  );
  return {
    react: (id, reactor, emoji, on, kinds, at): ReactOutcome =>
      react(id, reactor.key, reactor.username, emoji, on, kinds, at),
    reactionSummaries(ids, viewerKey) {
      const byMessage = new Map<number, ReactionSummary[]>();
      if (ids.length === 0) return byMessage;
      const rows = summaries.all(JSON.stringify(ids), MAX_REACTION_USERS_LISTED, viewerKey ?? '');
      for (const row of rows) {
        let list = byMessage.get(row.message_id);
        if (!list) {
          list = [];
          byMessage.set(row.message_id, list);
        }
        let entry = list.at(-1);
        if (entry?.emoji !== row.emoji) {
          entry = { emoji: row.emoji, count: row.n, users: [], mine: false };
          list.push(entry);
        }
        if (row.rn <= MAX_REACTION_USERS_LISTED) entry.users.push(row.username);
        if (row.user_key === viewerKey) entry.mine = true;
      }
      return byMessage;
    },
  };
}

// The `moderation_log` table: every moderation action and invite, kept as an audit trail and counted for
// the moderation and invite rate limits.
import type Database from 'better-sqlite3';
import type { RoomStore } from './room-store';

export type ModerationLogTable = Pick<RoomStore, 'logAction' | 'actionsSince'>;

export function moderationLogTable(db: Database.Database): ModerationLogTable {
  const insert = db.prepare(
    'INSERT INTO moderation_log (room_id, actor_key, action, target_key, at) VALUES (?, ?, ?, ?, ?)',
  );
  const invites = db.prepare<[string, number], { n: number }>(
    "SELECT COUNT(*) AS n FROM moderation_log WHERE actor_key = ? AND at >= ? AND action = 'invite'",
  );
  const moderation = db.prepare<[string, number], { n: number }>(
    "SELECT COUNT(*) AS n FROM moderation_log WHERE actor_key = ? AND at >= ? AND action <> 'invite'",
  );
  return {
    logAction(roomId, actorKey, action, targetKey, at) {
      insert.run(roomId, actorKey, action, targetKey, at);
    },
    actionsSince: (actorKey, since, kind) =>
      (kind === 'invite' ? invites : moderation).get(actorKey, since)?.n ?? 0,
  };
}

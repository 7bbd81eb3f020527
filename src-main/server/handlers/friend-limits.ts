// Limits on friend-request churn (each request pushes a snapshot to the person asked): a number of new
// requests per sender per window, and a cool-down before asking again someone who declined.
// docs/protocol.md § Friends
import type { ServerContext } from '../context';

/** "3 min", "5 h", "7 days": how long, roughly, in words a person reads. */
export function roughly(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.ceil(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.ceil(hours / 24)} days`;
}

/** Why `fromKey` may not ask `to` now (a sentence for a `throttled` error), or null if they may. */
export function friendRequestRefusal(
  ctx: ServerContext,
  fromKey: string,
  to: { key: string; username: string },
  now: number,
): string | null {
  const cooldown = ctx.options.friendDeclineCooldownMs;
  const declined = ctx.store.declinedAt(fromKey, to.key);
  if (declined !== null && now - declined < cooldown) {
    return `${to.username} declined your friend request: you can ask again in ${roughly(declined + cooldown - now)}`;
  }
  const window = ctx.options.friendRequestWindowMs;
  const recent = ctx.store.friendRequestsSince(fromKey, now - window);
  if (recent >= ctx.options.friendRequestLimit) {
    return `too many friend requests (${recent} in ${roughly(window)}): try again later`;
  }
  return null;
}

/** Counts a request that passed friendRequestRefusal. */
export function countFriendRequest(ctx: ServerContext, fromKey: string, now: number): void {
  ctx.store.logFriendRequest(fromKey, now, now - ctx.options.friendRequestWindowMs);
}

// The host owns the default room (docs/protocol.md § Rooms). The app that hosts the room tells it which
// account it logged in with (a message from the parent process, not a request anyone can send), and that
// account becomes the default room's stored owner; the previous owner, if any, is a member again.
import { DEFAULT_ROOM_ID } from '../../src-shared/protocol';
import type { ServerContext } from './context';
import { pushMember, pushRoom } from './room-events';
import { memberInfo } from './room-view';

/** False when there is no such account (the room keeps its owner). */
export function makeDefaultOwner(ctx: ServerContext, username: string): boolean {
  const account = ctx.store.findUser(username.toLowerCase());
  const before = ctx.store.findRoom(DEFAULT_ROOM_ID);
  if (!account || !before) return false;
  if (before.ownerKey === account.key) return true;
  ctx.store.updateRoom(DEFAULT_ROOM_ID, { ownerKey: account.key });
  const room = ctx.store.findRoom(DEFAULT_ROOM_ID) ?? before;
  ctx.log(`the default room's owner is now ${account.username}, the host's account`);
  const previous = before.ownerKey === null ? null : ctx.store.findUser(before.ownerKey);
  for (const [person, role] of [
    [previous, 'member'],
    [account, 'owner'],
  ] as const) {
    if (!person) continue;
    const row = ctx.store.roomMember(DEFAULT_ROOM_ID, person.key);
    const member = { key: person.key, username: person.username, role, mutedUntil: row?.mutedUntil ?? null };
    pushMember(ctx, DEFAULT_ROOM_ID, person.username, memberInfo(ctx, member));
    pushRoom(ctx, room, undefined, person.key);
  }
  return true;
}

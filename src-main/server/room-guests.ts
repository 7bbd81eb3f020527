// Guests in rooms other than the default one (docs/protocol.md § Rooms, Guests). A guest has no account, and
// its nickname is the next guest's too, so its memberships are never stored: they are its entries in the
// room audience (who hears a room, in memory), made by room_join and ended by leaving, removal, the room
// closing to guests, or the end of its session.
import type { SessionUser } from './connection';
import type { ServerContext } from './context';
import { postNotice, pushMember, pushRemoved } from './room-events';
import { isGuestKey } from './store/message-rows';
import type { MemberRecord, RoomRecord } from './store/room-store';

/** Whether guests may be in the room: the default room unless the server refuses guests; else its setting. */
export function guestsAllowed(ctx: ServerContext, room: RoomRecord): boolean {
  return ctx.options.allowGuests && (room.kind === 'default' || room.guests);
}

/** Whether a guest may join it: a public room that allows guests (private rooms need an account's invite). */
export function guestsMayJoin(ctx: ServerContext, room: RoomRecord): boolean {
  return room.kind === 'public' && !room.archived && guestsAllowed(ctx, room);
}

/** The guests in a room other than the default one, as member records (no account: role member, no mute). */
export function guestMembers(ctx: ServerContext, roomId: number): MemberRecord[] {
  const members: MemberRecord[] = [];
  for (const key of ctx.audience.keys(roomId)) {
    if (!isGuestKey(key)) continue;
    const username = ctx.online.connectionsOf(key)[0]?.user?.username;
    if (username) members.push({ key, username, role: 'member', joinedAt: 0, mutedUntil: null });
  }
  return members;
}

/** Members of a room other than the default one: its accounts, plus its guests if it lets guests in. */
export function memberTotal(ctx: ServerContext, room: RoomRecord): number {
  const accounts = ctx.store.memberCount(room.id);
  return room.guests ? accounts + guestMembers(ctx, room.id).length : accounts;
}

/** A guest is out of a room (left, removed): it no longer hears it, and the members' lists drop it. */
export function guestLeaves(ctx: ServerContext, roomId: number, key: string, username: string): void {
  ctx.audience.leave(roomId, key);
  pushMember(ctx, roomId, username, null);
}

/** The room no longer lets guests in (or was archived): every guest in it is out, told by whom. */
export function removeGuests(ctx: ServerContext, room: RoomRecord, by: string): void {
  for (const guest of guestMembers(ctx, room.id)) {
    guestLeaves(ctx, room.id, guest.key, guest.username);
    pushRemoved(ctx, guest.key, room.id, 'removed', by);
  }
}

/** A guest's session ended: it left each of its rooms, said there, before the audience forgets it. */
export function guestDeparts(ctx: ServerContext, user: SessionUser): void {
  for (const roomId of [...ctx.audience.roomsOf(user.key)]) {
    guestLeaves(ctx, roomId, user.key, user.username);
    postNotice(ctx, roomId, `${user.username} left`, 'membership');
  }
}

// Who may do what in a room (docs/protocol.md § Rooms, Authorization): a user's standing in a room (role, mute,
// ban, invite), and resolving a request's room with the refusals every room request shares.
import { DEFAULT_ROOM_ID, type ErrorCode, ROOM } from '../../src-shared/protocol';
import type { Connection, SessionUser } from './connection';
import type { ServerContext } from './context';
import { errorLine } from './responses';
import { guestsMayJoin } from './room-guests';
import type { MemberRole, RoomRecord } from './store/room-store';

export interface Standing {
  room: RoomRecord;
  /** Null: not a member (never for the default room, whose members are everyone logged in). */
  role: MemberRole | null;
  mutedUntil: number | null;
  banned: boolean;
  /** The inviter's key of a pending invite (private rooms), or null. */
  invitedBy: string | null;
}

export function roomIdOf(wire: string): number {
  return wire === ROOM ? DEFAULT_ROOM_ID : Number(wire.slice(1));
}

export function wireRoomId(id: number): string {
  return id === DEFAULT_ROOM_ID ? ROOM : `#${id}`;
}

/** The default room's owner: the `owner` option if given, else the account stored as its owner. */
export function defaultOwnerKey(ctx: ServerContext, room: RoomRecord): string | null {
  return ctx.options.owner?.toLowerCase() ?? room.ownerKey;
}

export function standing(ctx: ServerContext, room: RoomRecord, user: SessionUser): Standing {
  const row = ctx.store.roomMember(room.id, user.key);
  const mutedUntil = row?.mutedUntil ?? null;
  if (room.kind === 'default') {
    const owner = !user.guest && defaultOwnerKey(ctx, room) === user.key;
    return {
      room,
      role: owner ? 'owner' : (row?.role ?? 'member'),
      mutedUntil,
      banned: !user.guest && ctx.store.isBanned(room.id, user.key),
      invitedBy: null,
    };
  }
  if (user.guest) {
    // A guest is in a room while it hears it (room-guests.ts): nothing about it is stored.
    const role = ctx.audience.has(room.id, user.key) ? 'member' : null;
    return { room, role, mutedUntil: null, banned: false, invitedBy: null };
  }
  return {
    room,
    role: row?.role ?? null,
    mutedUntil,
    banned: ctx.store.isBanned(room.id, user.key),
    invitedBy: row || room.kind !== 'private' ? null : ctx.store.findInvite(room.id, user.key),
  };
}

export function displayName(ctx: ServerContext, room: RoomRecord): string {
  if (room.kind === 'default') return (room.name ?? ctx.options.roomName).slice(0, 64);
  return room.kind === 'group' ? 'this group' : (room.name ?? '');
}

/**
 * The room a request names, with the user's standing in it; or null once the refusal is answered. Unknown
 * rooms, and private rooms or groups the user is not in and not invited to, are all `not_found`, so private
 * rooms stay hidden. `member`: the request needs membership (everyone but a room_join does).
 */
export function openRoom(
  ctx: ServerContext,
  connection: Connection,
  wire: string,
  re: string | undefined,
  need: 'member' | 'visible' = 'member',
): Standing | null {
  const user = connection.user as SessionUser;
  const room = ctx.store.findRoom(roomIdOf(wire));
  const refuse = (code: ErrorCode, text: string) => {
    connection.send(errorLine(code, text, re));
    return null;
  };
  if (!room) return refuse('not_found', `there is no room ${wire}`);
  const s = standing(ctx, room, user);
  if (s.banned) return refuse('banned', `you are banned from ${displayName(ctx, room)}`);
  if (s.role !== null) return s;
  if (room.kind !== 'public' && s.invitedBy === null) return refuse('not_found', `there is no room ${wire}`);
  if (user.guest && !guestsMayJoin(ctx, room)) {
    return refuse('not_allowed', `${displayName(ctx, room)} does not let guests in: register an account`);
  }
  if (need === 'member') return refuse('not_allowed', `you are not a member of ${displayName(ctx, room)}`);
  return s;
}

export function isModerator(role: MemberRole | null): boolean {
  return role === 'owner' || role === 'moderator';
}

/** The room a message is sent to, if the user may post there now; else null once the refusal is answered. */
export function openForPosting(
  ctx: ServerContext,
  connection: Connection,
  wire: string,
  re: string | undefined,
): Standing | null {
  const s = openRoom(ctx, connection, wire, re);
  if (!s) return null;
  const name = displayName(ctx, s.room);
  if (s.mutedUntil !== null && s.mutedUntil > Date.now()) {
    const until = new Date(s.mutedUntil).toISOString();
    connection.send(errorLine('muted', `you are muted in ${name} until ${until}`, re));
    return null;
  }
  if ((s.room.readOnly || s.room.archived) && !isModerator(s.role)) {
    connection.send(errorLine('read_only', `${name} is read-only: only its moderators can post`, re));
    return null;
  }
  return s;
}

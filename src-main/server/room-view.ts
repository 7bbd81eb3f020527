// Rooms and members as a user sees them on the wire (RoomInfo, RoomMemberInfo), and the lines that carry them.
import { GROUP_MAX_PEOPLE } from '../../src-shared/limits';
import {
  DEFAULT_ROOM_ID,
  type Response,
  type RoomInfo,
  type RoomMemberInfo,
  SERVER_SENDER,
} from '../../src-shared/protocol';
import type { SessionUser } from './connection';
import type { ServerContext } from './context';
import { isoTime, toLine } from './responses';
import { displayName, type Standing, standing, wireRoomId } from './room-access';
import { guestsAllowed, memberTotal } from './room-guests';
import { isGuestKey } from './store/message-rows';
import type { MemberRole, RoomListing, RoomRecord } from './store/room-store';

type Viewer = Pick<Standing, 'role' | 'mutedUntil'>;

const NOT_A_MEMBER: Viewer = { role: null, mutedUntil: null };

function activeMute(until: number | null): string | null {
  return until !== null && until > Date.now() ? isoTime(until) : null;
}

/** `known`: the member count and newest id a listing read with the room; else looked up here. */
export function roomInfo(
  ctx: ServerContext,
  room: RoomRecord,
  viewer: Viewer,
  known?: RoomListing,
): RoomInfo {
  const info: RoomInfo = {
    id: wireRoomId(room.id),
    name: room.kind === 'group' ? '' : displayName(ctx, room),
    topic: room.topic,
    kind: room.kind,
    role: viewer.role,
    members: memberCount(ctx, room, known),
    readOnly: room.readOnly,
    archived: room.archived,
    guests: guestsAllowed(ctx, room),
    lastId: known?.lastId ?? ctx.store.lastIdIn(room.id),
    mutedUntil: activeMute(viewer.mutedUntil),
  };
  if (room.kind === 'group') {
    info.people = ctx.store.roomMembers(room.id, GROUP_MAX_PEOPLE).map((m) => m.username);
  }
  return info;
}

/** Everyone logged in, for the default room; else its members, with its guests if it lets guests in. */
export function memberCount(ctx: ServerContext, room: RoomRecord, known?: RoomListing): number {
  if (room.kind === 'default') return ctx.online.userCount;
  if (known && !room.guests) return known.members;
  return memberTotal(ctx, room);
}

export function memberInfo(
  ctx: ServerContext,
  member: { key: string; username: string; role: MemberRole; mutedUntil: number | null },
): RoomMemberInfo {
  return {
    username: member.username,
    role: member.role,
    online: ctx.online.isOnline(member.key),
    guest: isGuestKey(member.key),
    mutedUntil: activeMute(member.mutedUntil),
  };
}

/** The rooms this user is in: the default room first, then the others (natural order by name). */
export function myRooms(ctx: ServerContext, user: SessionUser): RoomInfo[] {
  const main = ctx.store.findRoom(DEFAULT_ROOM_ID) as RoomRecord;
  const rooms = [roomInfo(ctx, main, standing(ctx, main, user))];
  if (user.guest) return [...rooms, ...guestRooms(ctx, user)];
  const others = ctx.store.roomsOf(user.key).map((r) => roomInfo(ctx, r.room, r, r));
  others.sort((a, b) => naturalOrder.compare(a.name, b.name) || a.id.localeCompare(b.id));
  // Every device of the account counts unread messages from the same read markers.
  const read = new Map(ctx.store.roomReadMarkers(user.key).map((m) => [m.conv, m.id]));
  return [...rooms, ...others].map((r) => ({ ...r, lastRead: read.get(r.id) ?? 0 }));
}

/** The rooms other than the default one a guest joined this session, in the order it joined them. */
function guestRooms(ctx: ServerContext, user: SessionUser): RoomInfo[] {
  const rooms: RoomInfo[] = [];
  for (const id of ctx.audience.roomsOf(user.key)) {
    const room = ctx.store.findRoom(id);
    if (room) rooms.push(roomInfo(ctx, room, { role: 'member', mutedUntil: null }));
  }
  return rooms;
}

/** Pending invites, as the rooms they are to (role null) with who sent them. */
export function myInvites(ctx: ServerContext, user: SessionUser): (RoomInfo & { from: string })[] {
  if (user.guest) return [];
  const invites: (RoomInfo & { from: string })[] = [];
  for (const invite of ctx.store.invitesOf(user.key)) {
    const room = ctx.store.findRoom(invite.roomId);
    if (room && !room.archived) invites.push({ ...roomInfo(ctx, room, NOT_A_MEMBER), from: invite.from });
  }
  return invites;
}

export const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A response without what every server line has: one member of the union per kind of response. */
type Answer = Response extends infer T
  ? T extends Response
    ? Omit<T, 'timestamp' | 'sender' | 're'>
    : never
  : never;

/** A line of the room responses, from the server, now. */
export function roomLine(answer: Answer, re?: string): string {
  const base = { timestamp: isoTime(), sender: SERVER_SENDER };
  return toLine({ ...base, ...answer, ...(re === undefined ? {} : { re }) } as Response);
}

// Rooms a user is in: list and browse them, create a room or a group, join and leave (docs/protocol.md § Rooms).
import { DEFAULT_ROOM_ID, type Request } from '../../../src-shared/protocol';
import { MAX_ROOMS_LISTED } from '../../../src-shared/response-schemas';
import type { Connection, SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { errorLine, infoLine } from '../responses';
import { displayName, openRoom, roomIdOf, standing, wireRoomId } from '../room-access';
import { postNotice, pushMember, pushRemoved, pushRoom } from '../room-events';
import { guestLeaves, guestsMayJoin } from '../room-guests';
import { createRefusal, groupRefusal, joinRefusal } from '../room-limits';
import { memberInfo, myInvites, myRooms, roomInfo, roomLine } from '../room-view';
import type { MemberRole, MyRoom, RoomRecord } from '../store/room-store';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

/** Public rooms listed when browsing: the largest ones. */
const BROWSE_LIMIT = 200;

/** Guests create no rooms; answers the refusal and returns true for them. */
function refuseGuest(connection: Connection, user: SessionUser, re: string | undefined): boolean {
  if (!user.guest) return false;
  connection.send(errorLine('not_allowed', 'guests cannot make rooms: register an account', re));
  return true;
}

export const handleRooms: Handler<Req<'rooms'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  if (!request.content.browse) {
    connection.send(myRoomsLine(ctx, user, re));
    return;
  }
  const mine = new Map(user.guest ? [] : ctx.store.roomsOf(user.key).map((r) => [r.room.id, r]));
  // A guest is shown only the rooms it may join.
  const listed = ctx.store.publicRooms(BROWSE_LIMIT).filter((l) => !user.guest || guestsMayJoin(ctx, l.room));
  const content = listed.map((l) => roomInfo(ctx, l.room, standingIn(ctx, l.room, user, mine), l));
  connection.send(roomLine({ response: 'rooms', content, browse: true }, re));
};

/** The user's role and mute in a listed room: from their rooms (accounts), or the audience (guests). */
function standingIn(ctx: ServerContext, room: RoomRecord, user: SessionUser, mine: Map<number, MyRoom>) {
  if (user.guest) return standing(ctx, room, user);
  return mine.get(room.id) ?? { role: null, mutedUntil: null };
}

/** The rooms this user is in and their pending invites, as `rooms` lists them. */
function myRoomsLine(ctx: ServerContext, user: SessionUser, re?: string): string {
  const content = myRooms(ctx, user).slice(0, MAX_ROOMS_LISTED);
  const invites = myInvites(ctx, user).slice(0, MAX_ROOMS_LISTED);
  return roomLine({ response: 'rooms', content, invites, browse: false }, re);
}

/** Answer the new room, and tell the user's other connections about it. */
function announceRoom(
  ctx: ServerContext,
  connection: Connection,
  room: RoomRecord,
  role: MemberRole,
  re?: string,
) {
  const user = connection.user as SessionUser;
  const info = roomInfo(ctx, room, { role, mutedUntil: null });
  connection.send(roomLine({ response: 'room', content: info }, re));
  ctx.online.sendToUser(user.key, roomLine({ response: 'room', content: info }), connection);
}

/**
 * What was said before someone joined is not unread for them: their read marker starts at the newest id
 * (ids are one server-wide sequence), so every device of theirs counts the same messages from it.
 */
function readFromNow(ctx: ServerContext, roomId: number, keys: readonly string[], at: number): void {
  const newest = ctx.store.lastSequence();
  for (const key of keys) ctx.store.markRead(key, wireRoomId(roomId), newest, at);
}

export const handleRoomCreate: Handler<Req<'room_create'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  if (refuseGuest(connection, user, re)) return;
  const refusal = createRefusal(ctx, user.key, user.username);
  if (refusal) {
    connection.send(errorLine('limit_reached', refusal, re));
    return;
  }
  const { name, topic, visibility } = request.content;
  const at = Date.now();
  const room = ctx.store.createRoom({ kind: visibility, name, topic, creatorKey: user.key, at }, [
    { key: user.key, role: 'owner' },
  ]);
  ctx.log(`room ${wireRoomId(room.id)} created by ${user.username}`);
  readFromNow(ctx, room.id, [user.key], at);
  ctx.audience.join(room.id, user.key);
  announceRoom(ctx, connection, room, 'owner', re);
  postNotice(ctx, room.id, `${user.username} created the room`, 'membership');
};

export const handleGroupCreate: Handler<Req<'group_create'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  if (refuseGuest(connection, user, re)) return;
  const keys = request.content.members.map((name) => name.toLowerCase());
  if (new Set(keys).size !== keys.length || keys.includes(user.key)) {
    connection.send(errorLine('invalid', 'group_create: list each friend once, and not yourself', re));
    return;
  }
  const notFriends = request.content.members.filter(
    (_name, i) => ctx.store.friendRelation(user.key, keys[i] as string) !== 'friends',
  );
  if (notFriends.length > 0) {
    connection.send(
      errorLine('not_allowed', `a group is made of your friends: not ${notFriends.join(', ')}`, re),
    );
    return;
  }
  const people = [
    { key: user.key, username: user.username },
    ...keys.map((key) => ({ key, username: ctx.store.findUser(key)?.username ?? key })),
  ];
  const refusal = groupRefusal(ctx, people);
  if (refusal) {
    connection.send(errorLine('limit_reached', refusal, re));
    return;
  }
  const at = Date.now();
  const members = people.map((p) => ({ key: p.key, role: 'member' as const }));
  const room = ctx.store.createRoom(
    { kind: 'group', name: '', topic: '', creatorKey: user.key, at },
    members,
  );
  ctx.log(`group ${wireRoomId(room.id)} created by ${user.username}`);
  readFromNow(ctx, room.id, keys.concat(user.key), at);
  for (const p of people) ctx.audience.join(room.id, p.key);
  const info = roomInfo(ctx, room, { role: 'member', mutedUntil: null });
  connection.send(roomLine({ response: 'room', content: info }, re));
  const push = roomLine({ response: 'room', content: info });
  for (const p of people) ctx.online.sendToUser(p.key, push, connection);
};

export const handleRoomJoin: Handler<Req<'room_join'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const s = openRoom(ctx, connection, request.content.room, re, 'visible');
  if (!s) return;
  if (s.role !== null) {
    connection.send(roomLine({ response: 'room', content: roomInfo(ctx, s.room, s) }, re));
    return;
  }
  if (s.room.archived) {
    connection.send(errorLine('not_allowed', `${displayName(ctx, s.room)} is archived`, re));
    return;
  }
  const refusal = joinRefusal(ctx, user.key, user.username, s.room);
  if (refusal) {
    connection.send(errorLine('limit_reached', refusal, re));
    return;
  }
  // A guest's membership is only the audience's (room-guests.ts): nothing of it is stored.
  if (!user.guest) {
    const at = Date.now();
    ctx.store.addRoomMember(s.room.id, user.key, 'member', at);
    ctx.store.deleteInvite(s.room.id, user.key);
    readFromNow(ctx, s.room.id, [user.key], at);
  }
  ctx.audience.join(s.room.id, user.key);
  announceRoom(ctx, connection, s.room, 'member', re);
  postNotice(ctx, s.room.id, `${user.username} joined`, 'membership');
  const member = { key: user.key, username: user.username, role: 'member' as const, mutedUntil: null };
  pushMember(ctx, s.room.id, user.username, memberInfo(ctx, member));
};

/**
 * The invitee says no: the invite goes and the decline is stored (no re-invite during the cool-down, see
 * room-limits.ts). Their other connections get their rooms listed again, so it is gone on every device.
 */
export const handleRoomDecline: Handler<Req<'room_decline'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests get no invites: register an account', re));
    return;
  }
  const room = ctx.store.findRoom(roomIdOf(request.content.room));
  if (!room || !ctx.store.declineInvite(room.id, user.key, Date.now())) {
    connection.send(errorLine('not_found', `you have no invite to ${request.content.room}`, re));
    return;
  }
  connection.send(infoLine(`You declined the invite to ${displayName(ctx, room)}`, {}, re));
  ctx.online.sendToUser(user.key, myRoomsLine(ctx, user), connection);
};

export const handleRoomLeave: Handler<Req<'room_leave'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const s = openRoom(ctx, connection, request.content.room, re);
  if (!s) return;
  const { room } = s;
  if (room.id === DEFAULT_ROOM_ID) {
    connection.send(errorLine('not_allowed', 'the default room cannot be left: log out instead', re));
    return;
  }
  if (user.guest) guestLeaves(ctx, room.id, user.key, user.username);
  else leave(ctx, room, user.key, user.username);
  connection.send(infoLine(`You left ${displayName(ctx, room)}`, {}, re));
  pushRemoved(ctx, user.key, room.id, 'left', undefined, connection);
  postNotice(ctx, room.id, `${user.username} left`, 'membership');
};

/**
 * Take a member out of a room (left, removed or banned). An owner's room passes to the longest-standing
 * moderator, else member; a room whose last member went is archived.
 */
export function leave(ctx: ServerContext, room: RoomRecord, key: string, username: string): void {
  const role = ctx.store.roomMember(room.id, key)?.role;
  ctx.store.removeRoomMember(room.id, key);
  ctx.audience.leave(room.id, key);
  pushMember(ctx, room.id, username, null);
  if (ctx.store.memberCount(room.id) === 0) {
    ctx.store.updateRoom(room.id, { archived: true });
    return;
  }
  if (role !== 'owner') return;
  const heir = ctx.store.successor(room.id, key);
  if (!heir) return;
  ctx.store.setMemberRole(room.id, heir, 'owner', Date.now());
  ctx.store.updateRoom(room.id, { ownerKey: heir });
  const record = ctx.store.roomMember(room.id, heir);
  if (record) pushMember(ctx, room.id, record.username, memberInfo(ctx, record));
  pushRoom(ctx, room, undefined, heir);
}

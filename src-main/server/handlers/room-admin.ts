// Running a room: invites, its settings (name, topic, read-only, archive, visibility), the member list and
// roles (docs/protocol.md § Rooms).
import { DEFAULT_ROOM_ID, type Request, type RoomMemberInfo } from '../../../src-shared/protocol';
import { MAX_MEMBERS_LISTED } from '../../../src-shared/response-schemas';
import type { SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { errorLine, infoLine } from '../responses';
import {
  defaultOwnerKey,
  displayName,
  isModerator,
  openRoom,
  type Standing,
  wireRoomId,
} from '../room-access';
import { postNotice, pushMember, pushRoom } from '../room-events';
import { guestMembers, removeGuests } from '../room-guests';
import { declinedRefusal, inviteRefusal, moderationRefusal } from '../room-limits';
import { memberInfo, naturalOrder, roomInfo, roomLine } from '../room-view';
import type { MemberRecord, RoomPatch } from '../store/room-store';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

export const handleRoomInvite: Handler<Req<'room_invite'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const s = openRoom(ctx, connection, request.content.room, re);
  if (!s) return;
  const refuse = (code: 'not_allowed' | 'not_found' | 'limit_reached', text: string) =>
    connection.send(errorLine(code, text, re));
  if (user.guest) return refuse('not_allowed', 'guests cannot invite: register an account');
  if (s.room.kind === 'group' || s.room.kind === 'default') {
    return refuse(
      'not_allowed',
      s.room.kind === 'group' ? 'groups take no invites' : 'everyone is in the default room',
    );
  }
  if (s.room.archived) return refuse('not_allowed', `${displayName(ctx, s.room)} is archived`);
  const target = ctx.store.findUser(request.content.username.toLowerCase());
  if (!target) return refuse('not_found', `there is no user "${request.content.username}"`);
  if (ctx.store.roomMember(s.room.id, target.key)) {
    return refuse('not_allowed', `${target.username} is already in ${displayName(ctx, s.room)}`);
  }
  if (ctx.store.isBanned(s.room.id, target.key)) {
    return refuse('not_allowed', `${target.username} is banned from ${displayName(ctx, s.room)}`);
  }
  const now = Date.now();
  const declined = declinedRefusal(ctx, s.room.id, target, now);
  if (declined) {
    connection.send(errorLine('throttled', declined, re));
    return;
  }
  const refusal = inviteRefusal(ctx, user.key, now);
  if (refusal) return refuse('limit_reached', refusal);
  ctx.store.logAction(s.room.id, user.key, 'invite', target.key, now);
  // Someone who blocked the inviter is not bothered; the inviter is not told (as with friend requests).
  if (!ctx.store.isBlocked(target.key, user.key)) {
    ctx.store.addInvite(s.room.id, target.key, user.key, now);
    const info = roomInfo(ctx, s.room, { role: null, mutedUntil: null });
    ctx.online.sendToUser(
      target.key,
      roomLine({ response: 'room_invite', content: info, from: user.username }),
    );
  }
  connection.send(infoLine(`Invited ${target.username} to ${displayName(ctx, s.room)}`, {}, re));
};

/** What each change says in the room. */
function changeNotices(actor: string, patch: RoomPatch): string[] {
  const notices: string[] = [];
  if (patch.name !== undefined) notices.push(`${actor} renamed the room to ${patch.name}`);
  if (patch.topic !== undefined) {
    notices.push(
      patch.topic === '' ? `${actor} cleared the topic` : `${actor} set the topic: ${patch.topic}`,
    );
  }
  if (patch.readOnly !== undefined) {
    notices.push(
      patch.readOnly ? `${actor} made the room read-only` : `${actor} opened the room to everyone again`,
    );
  }
  if (patch.archived !== undefined) {
    notices.push(
      patch.archived ? `${actor} archived the room` : `${actor} brought the room back from the archive`,
    );
  }
  if (patch.kind !== undefined) notices.push(`${actor} made the room ${patch.kind}`);
  if (patch.guests !== undefined) {
    notices.push(patch.guests ? `${actor} let guests in` : `${actor} closed the room to guests`);
  }
  return notices;
}

/** Why this member may not make these changes, or null. */
function updateRefusal(s: Standing, patch: RoomPatch): string | null {
  if (s.room.kind === 'group') return 'a group has no settings to change';
  if (!isModerator(s.role)) return 'only the owner and moderators can change the room';
  const ownerOnly = patch.archived !== undefined || patch.kind !== undefined;
  if (ownerOnly && s.room.kind === 'default') return 'the default room cannot be archived or made private';
  if (ownerOnly && s.role !== 'owner') return 'only the owner can archive the room or change who may join';
  // The default room's guests are the host's choice when starting it (--no-guests), not a setting.
  if (patch.guests !== undefined && s.room.kind === 'default')
    return 'the host decides whether guests may log in';
  return null;
}

export const handleRoomUpdate: Handler<Req<'room_update'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const s = openRoom(ctx, connection, request.content.room, re);
  if (!s) return;
  const { name, topic, readOnly, archived, visibility, guests } = request.content;
  const patch: RoomPatch = { name, topic, readOnly, archived, kind: visibility, guests };
  const refusal = updateRefusal(s, patch);
  if (refusal) {
    connection.send(errorLine('not_allowed', refusal, re));
    return;
  }
  const now = Date.now();
  const limited = moderationRefusal(ctx, user.key, now);
  if (limited) {
    connection.send(errorLine('limit_reached', limited, re));
    return;
  }
  ctx.store.updateRoom(s.room.id, patch);
  ctx.store.logAction(s.room.id, user.key, 'update', null, now);
  const room = ctx.store.findRoom(s.room.id) ?? s.room;
  connection.send(roomLine({ response: 'room', content: roomInfo(ctx, room, s) }, re));
  pushRoom(ctx, room, connection);
  for (const text of changeNotices(user.username, patch)) postNotice(ctx, room.id, text, 'moderation');
  if (patch.guests === false) removeGuests(ctx, room, user.username);
};

const ROLE_RANK = { owner: 0, moderator: 1, member: 2 } as const;

function sortMembers(list: RoomMemberInfo[]): RoomMemberInfo[] {
  return list.sort(
    (a, b) =>
      ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
      Number(b.online) - Number(a.online) ||
      naturalOrder.compare(a.username, b.username),
  );
}

/** The default room's list: who is online, plus its owner and moderators (and their mutes). */
function defaultRoomMembers(ctx: ServerContext, ownerKey: string | null): MemberRecord[] {
  const rows = new Map(ctx.store.roomMembers(DEFAULT_ROOM_ID, MAX_MEMBERS_LISTED + 1).map((m) => [m.key, m]));
  const list = new Map<string, MemberRecord>();
  for (const [key, username] of ctx.online.everyone()) {
    const row = rows.get(key);
    list.set(key, {
      key,
      username,
      role: row?.role ?? 'member',
      joinedAt: 0,
      mutedUntil: row?.mutedUntil ?? null,
    });
  }
  for (const row of rows.values()) if (row.role !== 'member' && !list.has(row.key)) list.set(row.key, row);
  const owner = ownerKey === null ? null : ctx.store.findUser(ownerKey);
  if (owner) {
    const mutedUntil = list.get(owner.key)?.mutedUntil ?? null;
    list.set(owner.key, { key: owner.key, username: owner.username, role: 'owner', joinedAt: 0, mutedUntil });
  }
  return [...list.values()];
}

export const handleRoomMembers: Handler<Req<'room_members'>> = (ctx, connection, request) => {
  const re = request.rid;
  const s = openRoom(ctx, connection, request.content.room, re);
  if (!s) return;
  const records =
    s.room.kind === 'default'
      ? defaultRoomMembers(ctx, defaultOwnerKey(ctx, s.room))
      : [...ctx.store.roomMembers(s.room.id, MAX_MEMBERS_LISTED + 1), ...guestMembers(ctx, s.room.id)];
  const sorted = sortMembers(records.map((m) => memberInfo(ctx, m)));
  const more = sorted.length > MAX_MEMBERS_LISTED;
  const content = more ? sorted.slice(0, MAX_MEMBERS_LISTED) : sorted;
  connection.send(roomLine({ response: 'members', content, room: wireRoomId(s.room.id), more }, re));
};

export const handleRoomRole: Handler<Req<'room_role'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const s = openRoom(ctx, connection, request.content.room, re);
  if (!s) return;
  if (s.role !== 'owner') {
    connection.send(errorLine('not_allowed', 'only the owner can change roles', re));
    return;
  }
  const { username, role } = request.content;
  const key = username.toLowerCase();
  const account = ctx.store.findUser(key);
  const target = s.room.kind === 'default' ? account : ctx.store.roomMember(s.room.id, key);
  if (!account || !target) {
    connection.send(errorLine('not_found', `${username} is not a member of ${displayName(ctx, s.room)}`, re));
    return;
  }
  if (key === user.key) {
    connection.send(errorLine('not_allowed', 'the owner stays the owner: leave the room to pass it on', re));
    return;
  }
  const now = Date.now();
  const limited = moderationRefusal(ctx, user.key, now);
  if (limited) {
    connection.send(errorLine('limit_reached', limited, re));
    return;
  }
  ctx.store.setMemberRole(s.room.id, key, role, now);
  ctx.store.logAction(s.room.id, user.key, 'role', key, now);
  const record = ctx.store.roomMember(s.room.id, key) as MemberRecord;
  connection.send(infoLine(`${account.username} is now a ${role} of ${displayName(ctx, s.room)}`, {}, re));
  pushMember(ctx, s.room.id, account.username, memberInfo(ctx, record));
  pushRoom(ctx, s.room, undefined, key);
  const said = role === 'moderator' ? 'a moderator' : 'a member again';
  postNotice(ctx, s.room.id, `${user.username} made ${account.username} ${said}`, 'moderation');
};

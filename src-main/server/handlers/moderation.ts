// Keeping order in a room: remove, ban, unban, mute and unmute a member, and delete messages
// (docs/protocol.md § Rooms, Moderation). Every action is logged and said in the room as a stored notice.
import { DEFAULT_ROOM_ID, type Request } from '../../../src-shared/protocol';
import type { SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { pushToConversation } from '../conversation-push';
import { errorLine, infoLine } from '../responses';
import { displayName, isModerator, openRoom, type Standing, standing, wireRoomId } from '../room-access';
import { postNotice, pushMember, pushRemoved, pushRoom } from '../room-events';
import { guestLeaves } from '../room-guests';
import { moderationRefusal } from '../room-limits';
import { memberInfo, roomLine } from '../room-view';
import { leave } from './rooms';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;
type ModerateRequest = Req<'moderate'>;
type Action = ModerateRequest['content']['action'];

interface Target {
  key: string;
  username: string;
  guest: boolean;
}

/** "10 minutes", "1 hour", "2 days". */
function duration(minutes: number): string {
  const [n, unit] =
    minutes % 1440 === 0
      ? [minutes / 1440, 'day']
      : minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** An account, or a guest who is online and in the room (guests have no account to find). */
function findTarget(ctx: ServerContext, roomId: number, username: string): Target | null {
  const key = username.toLowerCase();
  const account = ctx.store.findUser(key);
  if (account) return { key, username: account.username, guest: false };
  const guestKey = `~${key}`;
  const here = roomId === DEFAULT_ROOM_ID || ctx.audience.has(roomId, guestKey);
  const guest = here ? ctx.online.connectionsOf(guestKey)[0]?.user : undefined;
  return guest ? { key: guestKey, username: guest.username, guest: true } : null;
}

/** Why the actor may not take this action on the target, or null; `member`: the target's standing. */
function moderateRefusal(
  actor: Standing,
  target: Target,
  action: Action,
  member: Standing | null,
): string | null {
  if (action === 'ban' && target.guest) return 'a guest has no account to ban: remove them instead';
  // A mute is stored per account; outside the default room a guest's membership is not stored at all.
  const muting = action === 'mute' || action === 'unmute';
  if (muting && target.guest && actor.room.id !== DEFAULT_ROOM_ID) {
    return 'a guest cannot be muted here: remove them instead';
  }
  if (action === 'unban') return null;
  if (member?.role === 'owner') return 'nobody can moderate the owner';
  if (member?.role === 'moderator' && actor.role !== 'owner')
    return 'moderators cannot moderate other moderators';
  return null;
}

/** Whether the action needs the target in the room: removing, muting and unmuting do (banning and unbanning not). */
function targetMissing(
  ctx: ServerContext,
  roomId: number,
  target: Target,
  action: Action,
  member: Standing | null,
) {
  if (action === 'ban' || action === 'unban') return false;
  if (roomId !== DEFAULT_ROOM_ID) return member === null;
  return action === 'remove' && !ctx.online.isOnline(target.key);
}

export const handleModerate: Handler<ModerateRequest> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const actor = openRoom(ctx, connection, request.content.room, re);
  if (!actor) return;
  const { room } = actor;
  const { action, username } = request.content;
  const fail = (code: 'not_found' | 'not_allowed' | 'limit_reached', text: string) =>
    connection.send(errorLine(code, text, re));
  if (!isModerator(actor.role)) return fail('not_allowed', 'only the owner and moderators can moderate');
  const target = findTarget(ctx, room.id, username);
  if (!target) return fail('not_found', `there is no user "${username}"`);
  if (target.key === user.key) return fail('not_allowed', 'you cannot moderate yourself');
  const member = memberStanding(ctx, actor, target);
  if (targetMissing(ctx, room.id, target, action, member)) {
    return fail('not_found', `${target.username} is not in ${displayName(ctx, room)}`);
  }
  const refusal = moderateRefusal(actor, target, action, member);
  if (refusal) return fail('not_allowed', refusal);
  const now = Date.now();
  const limited = moderationRefusal(ctx, user.key, now);
  if (limited) return fail('limit_reached', limited);
  const minutes = request.content.action === 'mute' ? request.content.minutes : 0;
  const said = apply(ctx, actor, user, target, action, minutes);
  if (said === null) return fail('not_found', `${target.username} is not banned`);
  ctx.store.logAction(room.id, user.key, action, target.key, now);
  connection.send(infoLine(said, {}, re));
  postNotice(ctx, room.id, said, 'moderation');
  if (room.id === DEFAULT_ROOM_ID && (action === 'remove' || action === 'ban')) {
    // The default room is the server: out of it is off the server, told why after the notice.
    const goodbye = action === 'ban' ? errorLine('banned', said) : infoLine(said);
    for (const c of [...ctx.online.connectionsOf(target.key)]) c.endWith(goodbye);
  }
};

/** The target's standing in the room if they are a member (everyone is, of the default room). */
function memberStanding(ctx: ServerContext, actor: Standing, target: Target): Standing | null {
  const s = standing(ctx, actor.room, { ...target, cidScope: '' });
  return s.role === null ? null : s;
}

/** Carry the action out; returns what the room is told, or null when an unban finds no ban. */
function apply(
  ctx: ServerContext,
  actor: Standing,
  by: SessionUser,
  target: Target,
  action: Action,
  minutes: number,
): string | null {
  const { room } = actor;
  const now = Date.now();
  switch (action) {
    case 'remove':
    case 'ban': {
      if (action === 'ban') {
        ctx.store.addBan(room.id, target.key, by.key, now);
        ctx.store.deleteInvite(room.id, target.key);
      }
      // Removing a guest needs it in the room (targetMissing); banning one is refused.
      const elsewhere = room.id !== DEFAULT_ROOM_ID;
      const inRoom = elsewhere && (target.guest || ctx.store.roomMember(room.id, target.key) !== null);
      if (inRoom && target.guest) guestLeaves(ctx, room.id, target.key, target.username);
      else if (inRoom) leave(ctx, room, target.key, target.username);
      if (inRoom || room.id === DEFAULT_ROOM_ID) {
        pushRemoved(ctx, target.key, room.id, action === 'ban' ? 'banned' : 'removed', by.username);
      }
      return `${by.username} ${action === 'ban' ? 'banned' : 'removed'} ${target.username}`;
    }
    case 'unban':
      return ctx.store.removeBan(room.id, target.key) ? `${by.username} unbanned ${target.username}` : null;
    case 'mute':
    case 'unmute': {
      const until = action === 'mute' ? now + minutes * 60_000 : null;
      ctx.store.setMutedUntil(room.id, target.key, until, now);
      const record = ctx.store.roomMember(room.id, target.key);
      if (record) pushMember(ctx, room.id, target.username, memberInfo(ctx, record));
      // Their own view of the room (its mutedUntil) changes too: their composer mirrors it.
      pushRoom(ctx, room, undefined, target.key);
      return action === 'mute'
        ? `${by.username} muted ${target.username} for ${duration(minutes)}`
        : `${by.username} unmuted ${target.username}`;
    }
  }
}

export const handleMsgDelete: Handler<Req<'msg_delete'>> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const message = ctx.store.findMessage(request.content.id);
  const notFound = () =>
    connection.send(errorLine('not_found', `there is no message ${request.content.id}`, re));
  if (!message) return notFound();
  // A guest's name is no account: the next guest to take it would own the first one's messages.
  if (user.guest) {
    connection.send(errorLine('not_allowed', 'guests cannot delete messages', re));
    return;
  }
  const own = message.senderKey === user.key;
  if (message.roomId === null) {
    if (!own && message.recipientKey !== user.key) return notFound();
  } else {
    const room = openRoom(ctx, connection, wireRoomId(message.roomId), re);
    if (!room) return;
    if (!own && !isModerator(room.role)) {
      connection.send(errorLine('not_allowed', 'only its sender or a moderator can delete a message', re));
      return;
    }
  }
  if (message.notice !== null) {
    connection.send(errorLine('not_allowed', 'notices cannot be deleted', re));
    return;
  }
  if (!own && message.roomId === null) {
    connection.send(errorLine('not_allowed', 'only its sender can delete a direct message', re));
    return;
  }
  if (ctx.store.deleteMessage(message.id) === null) {
    connection.send(infoLine('That message was already deleted', {}, re));
    return;
  }
  connection.send(infoLine('Message deleted', {}, re));
  const conv = message.roomId === null ? 'dm' : wireRoomId(message.roomId);
  // Classic KTN clients cannot take a line back and know no `deleted` object: they are not sent one.
  pushToConversation(ctx, message, roomLine({ response: 'deleted', content: { id: message.id, conv } }));
};

// The caps on rooms (docs/protocol.md § Rooms, Limits): rooms per creator and per server, rooms per member,
// members per room, moderation actions per minute and invites per hour (and the re-invite cool-down after a
// decline). Each returns the sentence of its refusal, or null when the request may go ahead.
import type { ServerContext } from './context';
import { roughly } from './handlers/friend-limits';
import { memberTotal } from './room-guests';
import { isGuestKey } from './store/message-rows';
import type { RoomRecord } from './store/room-store';

const MINUTE = 60_000;
const HOUR = 3600_000;

/** Whether this account may be in one more room (the default room counts). */
function roomsPerMember(ctx: ServerContext, key: string, username: string): string | null {
  const max = ctx.options.maxRoomsPerMember;
  const count = isGuestKey(key) ? [...ctx.audience.roomsOf(key)].length : ctx.store.countRoomsOf(key);
  if (count + 1 < max) return null;
  return `${username} is already in ${max} rooms, the most one account can be in`;
}

export function createRefusal(ctx: ServerContext, key: string, username: string): string | null {
  const perAccount = ctx.options.maxRoomsPerAccount;
  if (ctx.store.countRoomsCreatedBy(key) >= perAccount) {
    return `you have created ${perAccount} rooms, the most one account can create`;
  }
  if (ctx.store.countRooms() >= ctx.options.maxRooms) {
    return `this server holds ${ctx.options.maxRooms} rooms, the most it allows`;
  }
  return roomsPerMember(ctx, key, username);
}

/** Guests in the room count as members. */
export function joinRefusal(
  ctx: ServerContext,
  key: string,
  username: string,
  room: RoomRecord,
): string | null {
  const members = ctx.options.maxRoomMembers;
  if (memberTotal(ctx, room) >= members) return `this room has ${members} members, the most it can have`;
  return roomsPerMember(ctx, key, username);
}

/** Also counts the group's other people: each of them must have room for one more. */
export function groupRefusal(
  ctx: ServerContext,
  people: readonly { key: string; username: string }[],
): string | null {
  if (ctx.store.countRooms() >= ctx.options.maxRooms) {
    return `this server holds ${ctx.options.maxRooms} rooms, the most it allows`;
  }
  for (const p of people) {
    const refusal = roomsPerMember(ctx, p.key, p.username);
    if (refusal) return refusal;
  }
  return null;
}

export function moderationRefusal(ctx: ServerContext, key: string, now: number): string | null {
  const max = ctx.options.moderationPerMinute;
  if (ctx.store.actionsSince(key, now - MINUTE, 'moderation') < max) return null;
  return `you took ${max} moderation actions in the last minute: wait a moment`;
}

export function inviteRefusal(ctx: ServerContext, key: string, now: number): string | null {
  const max = ctx.options.invitesPerHour;
  if (ctx.store.actionsSince(key, now - HOUR, 'invite') < max) return null;
  return `you sent ${max} invites in the last hour: try again later`;
}

/** Why nobody may invite this account to this room now (it declined lately: a `throttled` sentence), or null. */
export function declinedRefusal(
  ctx: ServerContext,
  roomId: number,
  invitee: { key: string; username: string },
  now: number,
): string | null {
  const at = ctx.store.inviteDeclinedAt(roomId, invitee.key);
  const left = at === null ? 0 : at + ctx.options.inviteDeclineCooldownMs - now;
  if (left <= 0) return null;
  return `${invitee.username} declined an invite to this room: they can be invited again in ${roughly(left)}`;
}

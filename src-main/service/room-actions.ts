// What a logged-in user does with rooms (docs/protocol.md § Rooms): browse, create, join, leave, invite,
// decline an invite,
// change, list members, give roles, moderate, delete messages. The room decides who may do what and its
// refusal comes back with its code (not_found, not_allowed, banned, muted, read_only, limit_reached); an
// answer that changes the user's rooms is kept at once, before any push about it arrives.
import type { ConversationId, HearthInvoke, RoomMember, RoomSummary } from '../../src-shared/ipc';
import { OK, ok, type Result } from '../../src-shared/result';
import type { Moderation, RoomRequests } from '../client/room-requests';
import type { Inbox } from './inbox';
import type { RoomLink } from './room-link';
import type { RoomsState } from './rooms-state';

export interface RoomActionsContext {
  link: RoomLink;
  rooms: RoomsState;
  inbox: Inbox;
}

type Arg<K extends keyof HearthInvoke> = Parameters<HearthInvoke[K]>[0];

async function onRooms<T>(
  link: RoomLink,
  call: (rooms: RoomRequests) => Promise<Result<T>>,
): Promise<Result<T>> {
  const loggedIn = link.requireSession('Log in to use rooms.');
  if (!loggedIn.ok) return loggedIn;
  return call(loggedIn.value.connection.rooms);
}

/** A call answered with the room as the user now sees it: listed at once. */
async function kept(ctx: RoomActionsContext, call: (rooms: RoomRequests) => Promise<Result<RoomSummary>>) {
  const answer = await onRooms(ctx.link, call);
  if (answer.ok) ctx.rooms.upsert(answer.value);
  return answer;
}

/** A call answered with a sentence: done. */
async function done(link: RoomLink, call: (rooms: RoomRequests) => Promise<Result<string>>): Promise<Result> {
  const answer = await onRooms(link, call);
  return answer.ok ? OK : answer;
}

export function browseRooms(link: RoomLink): Promise<Result<RoomSummary[]>> {
  return onRooms(link, (rooms) => rooms.browse());
}

export function createRoom(ctx: RoomActionsContext, room: Arg<'createRoom'>): Promise<Result<RoomSummary>> {
  return kept(ctx, (rooms) => rooms.create(room));
}

export function createGroup(ctx: RoomActionsContext, members: string[]): Promise<Result<RoomSummary>> {
  return kept(ctx, (rooms) => rooms.createGroup(members));
}

export function joinRoom(ctx: RoomActionsContext, room: ConversationId): Promise<Result<RoomSummary>> {
  return kept(ctx, (rooms) => rooms.join(room));
}

export function updateRoom(ctx: RoomActionsContext, update: Arg<'updateRoom'>): Promise<Result<RoomSummary>> {
  return kept(ctx, (rooms) => rooms.update(update));
}

/** Out of the list at once; its unread count goes with it. */
export async function leaveRoom(ctx: RoomActionsContext, room: ConversationId): Promise<Result> {
  const answer = await done(ctx.link, (rooms) => rooms.leave(room));
  if (answer.ok) {
    ctx.rooms.left(room);
    ctx.inbox.forget(room);
  }
  return answer;
}

/** Out of the invites at once; the room tells the user's other devices. */
export async function declineInvite(ctx: RoomActionsContext, room: ConversationId): Promise<Result> {
  const answer = await done(ctx.link, (rooms) => rooms.decline(room));
  if (answer.ok) ctx.rooms.left(room);
  return answer;
}

export function inviteToRoom(link: RoomLink, invite: Arg<'inviteToRoom'>): Promise<Result> {
  return done(link, (rooms) => rooms.invite(invite.room, invite.username));
}

export function setRoomRole(link: RoomLink, change: Arg<'setRoomRole'>): Promise<Result> {
  return done(link, (rooms) => rooms.setRole(change));
}

/** `minutes` only with a mute (room-inputs.ts makes sure). */
export function moderate(link: RoomLink, action: Moderation): Promise<Result> {
  return done(link, (rooms) => rooms.moderate(action));
}

/** The tombstone comes as the room's `deleted` push, here as everywhere else. */
export function deleteMessage(link: RoomLink, id: number): Promise<Result> {
  return done(link, (rooms) => rooms.deleteMessage(id));
}

/** Members as the room lists them: owner, moderators, then who is online, then by name. */
export async function roomMembers(link: RoomLink, room: ConversationId): Promise<Result<RoomMember[]>> {
  const answer = await onRooms(link, (rooms) => rooms.members(room));
  return answer.ok ? ok(answer.value.members) : answer;
}

// What a room's members hear when the room changes: stored notices (moderation and membership, which are in
// history and resume like messages), `room` pushes with each member's own view, and `member` pushes.
import { DEFAULT_ROOM_ID, type RoomMemberInfo, SERVER_SENDER } from '../../src-shared/protocol';
import type { Connection } from './connection';
import type { ServerContext } from './context';
import { sharedLine } from './responses';
import { standing, wireRoomId } from './room-access';
import { memberCount, roomInfo, roomLine } from './room-view';
import type { RoomRecord } from './store/room-store';
import type { NoticeKind } from './store/store';

/** Store a notice in the room (one more id in the sequence) and send it to the room's online members. */
export function postNotice(ctx: ServerContext, roomId: number, text: string, notice: NoticeKind): void {
  ctx.batch.postNotice({
    senderKey: SERVER_SENDER,
    sender: SERVER_SENDER,
    recipientKey: null,
    recipient: null,
    text,
    cid: null,
    timestamp: Date.now(),
    delivered: true,
    roomId,
    notice,
  });
}

/**
 * Every online member (or only `onlyKey`) gets the room as they see it (their own role and mute), on every
 * connection but `except` (which got it as its answer).
 */
export function pushRoom(ctx: ServerContext, room: RoomRecord, except?: Connection, onlyKey?: string): void {
  const known = {
    members: room.kind === 'default' ? ctx.online.userCount : ctx.store.memberCount(room.id),
    lastId: ctx.store.lastIdIn(room.id),
  };
  const keys = onlyKey === undefined ? onlineMemberKeys(ctx, room.id) : [onlyKey];
  for (const key of keys) {
    const user = ctx.online.connectionsOf(key)[0]?.user;
    if (!user) continue;
    const info = roomInfo(ctx, room, standing(ctx, room, user), known);
    ctx.online.sendToUser(key, roomLine({ response: 'room', content: info }), except);
  }
}

function onlineMemberKeys(ctx: ServerContext, roomId: number): string[] {
  if (roomId !== DEFAULT_ROOM_ID) return [...ctx.audience.keys(roomId)];
  return [...ctx.online.everyone()].map(([key]) => key);
}

/** Someone joined, left, changed role or was muted; null: they are no longer a member. */
export function pushMember(
  ctx: ServerContext,
  roomId: number,
  username: string,
  member: RoomMemberInfo | null,
): void {
  const room = ctx.store.findRoom(roomId);
  const members = room ? memberCount(ctx, room) : undefined;
  const content = {
    room: wireRoomId(roomId),
    username,
    member,
    ...(members === undefined ? {} : { members }),
  };
  const line = roomLine({ response: 'member', content });
  ctx.audience.send(roomId, sharedLine(line));
}

/** Tell a user's connections they are no longer in a room. */
export function pushRemoved(
  ctx: ServerContext,
  key: string,
  roomId: number,
  reason: 'left' | 'removed' | 'banned',
  by?: string,
  except?: Connection,
): void {
  const content = { room: wireRoomId(roomId), reason, ...(by === undefined ? {} : { by }) };
  ctx.online.sendToUser(key, roomLine({ response: 'room_removed', content }), except);
}

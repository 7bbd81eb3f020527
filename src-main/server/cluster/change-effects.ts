// What another node's change (replicated-store.ts) does on this node besides its store: the people it
// concerns who are online here are told, as the node where it happened told its own clients. Friends get a
// fresh snapshot when theirs changed (never otherwise: an unchanged push would tell someone they were
// blocked); a member added to a room hears it from now on and is shown it; an erased account's connections
// here are signed out. Notices about rooms are messages, so they come through the log like any other.
import type { ServerContext } from '../context';
import { friendsSnapshot } from '../context';
import { friendsLine } from '../responses';
import { pushRemoved, pushRoom } from '../room-events';
import { roomLine } from '../room-view';
import type { StoreChange } from './replicated-store';

/** The accounts whose friends snapshot a change may alter. */
function friendKeysOf(ctx: ServerContext, change: StoreChange): string[] {
  switch (change.op) {
    case 'addFriendRequest':
    case 'deleteFriendRequest':
    case 'makeFriends':
    case 'removeFriends':
    case 'block':
    case 'unblock':
      return [change.args[0], change.args[1]];
    case 'eraseAccount': {
      const lists = ctx.store.friendLists(change.args[0]);
      return [...lists.friends, ...lists.incoming, ...lists.outgoing].map((name) => name.toLowerCase());
    }
    default:
      return [];
  }
}

/** Applies `change` with `apply` and tells this node's clients what it changed for them. */
export function applyWithEffects(ctx: ServerContext, change: StoreChange, apply: () => void): void {
  const online = friendKeysOf(ctx, change).filter((key) => ctx.online.isOnline(key));
  const before = online.map((key) => JSON.stringify(friendsSnapshot(ctx, key)));
  apply();
  for (const [i, key] of online.entries()) {
    const after = friendsSnapshot(ctx, key);
    if (JSON.stringify(after) !== before[i]) ctx.online.sendToUser(key, friendsLine(after));
  }
  roomEffects(ctx, change);
  if (change.op === 'eraseAccount') {
    const line = roomLine({ response: 'signed_out', content: { reason: 'account_deleted' } });
    for (const connection of [...ctx.online.connectionsOf(change.args[0])]) {
      connection.sessionTokenHash = null;
      connection.endWith(line);
    }
  }
}

function roomEffects(ctx: ServerContext, change: StoreChange): void {
  switch (change.op) {
    case 'createRoom': {
      const room = ctx.store.findRoom(change.args[0].id as number);
      for (const { key } of change.args[1]) {
        ctx.audience.join(room?.id as number, key);
        if (room) pushRoom(ctx, room, undefined, key);
      }
      return;
    }
    case 'addRoomMember': {
      const [roomId, key] = change.args;
      ctx.audience.join(roomId, key);
      const room = ctx.store.findRoom(roomId);
      if (room) pushRoom(ctx, room, undefined, key);
      return;
    }
    case 'removeRoomMember': {
      const [roomId, key] = change.args;
      if (!ctx.audience.has(roomId, key)) return;
      ctx.audience.leave(roomId, key);
      pushRemoved(ctx, key, roomId, ctx.store.isBanned(roomId, key) ? 'banned' : 'left');
      return;
    }
    case 'updateRoom': {
      const room = ctx.store.findRoom(change.args[0]);
      if (room) pushRoom(ctx, room);
      return;
    }
    default:
  }
}

// What the connection reports about rooms, turned into the rooms the service keeps and the window's
// events: a room pushed is listed (or updated), one the user is no longer in goes (with `roomRemoved`), an
// invite is listed, and member changes pass through. (Deleted messages are message-changes.ts'.)
import type { HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/protocol';
import type { ChatConnection } from '../client/connection';
import type { TypedEmitter } from '../client/typed-emitter';
import type { Inbox } from './inbox';
import type { RoomsState } from './rooms-state';

export interface RoomPushSinks {
  rooms: RoomsState;
  inbox: Inbox;
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
}

export function wireRoomPushes(connection: ChatConnection, sinks: RoomPushSinks): Unsubscribe[] {
  const { rooms, inbox, events } = sinks;
  return [
    connection.on('rooms', (snapshot) => rooms.replace(snapshot)),
    connection.on('room', (room) => rooms.upsert(room)),
    connection.on('roomInvite', (invite) => rooms.invited(invite)),
    connection.on('roomRemoved', (removed) => {
      inbox.forget(removed.room);
      rooms.removed(removed);
    }),
    // The user's own role and mute in a room come as `room` pushes (the room's own view), not from these.
    connection.on('member', ({ members, ...change }) => {
      if (members !== undefined) rooms.counted(change.room, members);
      events.emit('member', change);
    }),
    // Everyone logged in is in the default room: its join and leave notices say how many that is now.
    connection.on('notice', ({ event, members }) => {
      if ((event === 'join' || event === 'leave') && members !== undefined) rooms.counted(ROOM, members);
    }),
  ];
}

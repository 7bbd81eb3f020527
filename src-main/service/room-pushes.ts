// What the connection reports about rooms, turned into the rooms the service keeps and the window's
// events: a room pushed is listed (or updated), one the user is no longer in goes (with `roomRemoved`), an
// invite is listed, member changes pass through, and a deleted message becomes its tombstone event.
import type { HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import type { ChatConnection } from '../client/connection';
import type { TypedEmitter } from '../client/typed-emitter';
import type { Inbox } from './inbox';
import type { MessagePlaces } from './message-places';
import type { RoomsState } from './rooms-state';

export interface RoomPushSinks {
  rooms: RoomsState;
  inbox: Inbox;
  places: MessagePlaces;
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
  /** Who is logged in: a member change about them is their own role or mute in that room. */
  me: () => string | null;
}

export function wireRoomPushes(connection: ChatConnection, sinks: RoomPushSinks): Unsubscribe[] {
  const { rooms, inbox, places, events, me } = sinks;
  return [
    connection.on('rooms', (snapshot) => rooms.replace(snapshot)),
    connection.on('room', (room) => rooms.upsert(room)),
    connection.on('roomInvite', (invite) => rooms.invited(invite)),
    connection.on('roomRemoved', (removed) => {
      inbox.forget(removed.room);
      rooms.removed(removed);
    }),
    connection.on('member', (change) => {
      const room = rooms.get(change.room);
      // A mute or a new role reaches its target only as a member push; the rooms listed follow it, so the
      // window, notifications and the composer's rules agree.
      if (room && change.member && change.username.toLowerCase() === me()?.toLowerCase()) {
        rooms.upsert({ ...room, role: change.member.role, mutedUntil: change.member.mutedUntil });
      }
      events.emit('member', change);
    }),
    connection.on('deleted', ({ id, conv }) => {
      const conversation = places.conversationOf(id, conv);
      if (conversation !== null) events.emit('messageDeleted', { conversation, id });
    }),
  ];
}

// The room pushes (docs/protocol.md § Rooms) turned into the client core's events. The server sends `members`
// only as answers (one arriving unasked, its request timed out, is dropped); `rooms` unasked is the user's
// rooms listed anew (another device declined an invite), and replaces what the service holds.
import type { Response } from '../../src-shared/protocol';
import type { ConnectionEvents } from './connection-types';
import type { TypedEmitter } from './typed-emitter';

/** Emit the event for a room push; false when `response` is not one. */
export function routeRoomPush(events: TypedEmitter<ConnectionEvents>, response: Response): boolean {
  switch (response.response) {
    case 'room':
      events.emit('room', response.content);
      return true;
    case 'rooms':
      if (!response.browse)
        events.emit('rooms', { rooms: response.content, invites: response.invites ?? [] });
      return true;
    case 'room_removed': {
      const { room, reason, by } = response.content;
      events.emit('roomRemoved', { room, reason, by: by ?? null });
      return true;
    }
    case 'room_invite':
      events.emit('roomInvite', { ...response.content, from: response.from });
      return true;
    case 'member':
      events.emit('member', response.content);
      return true;
    case 'members':
      return true;
    default:
      return false;
  }
}

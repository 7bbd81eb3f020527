// The conversation-feature pushes (docs/protocol.md § Conversation features) turned into the client core's
// events. A push that changes a stored message waits, while a session is being restored, until the
// messages resume fetched have gone out (ordered-delivery.ts), so nobody is told of a change to a message
// they have not been given yet.
import type { Response } from '../../src-shared/protocol';
import type { ConnectionEvents, ReadState } from './connection-types';
import type { OrderedDelivery } from './ordered-delivery';
import type { TypedEmitter } from './typed-emitter';
import type { LoginInfo } from './types';

/** Emit the event for a conversation push; false when `response` is not one. */
export function routeConversationPush(
  events: TypedEmitter<ConnectionEvents>,
  delivery: OrderedDelivery,
  response: Response,
): boolean {
  switch (response.response) {
    case 'deleted': {
      const { content } = response;
      delivery.changed(() => events.emit('deleted', content));
      return true;
    }
    case 'edited': {
      const { content } = response;
      delivery.changed(() => events.emit('edited', content));
      return true;
    }
    case 'reaction': {
      const { content } = response;
      delivery.changed(() => events.emit('reaction', content));
      return true;
    }
    case 'read':
    case 'seen':
    case 'typing':
      events.emit(response.response, response.content);
      return true;
    case 'receipts':
      events.emit('receipts', response.content);
      return true;
    default:
      return false;
  }
}

/** The read markers and receipts a login answer carries (rooms' markers are on each room). */
export function readStateOf(info: LoginInfo): ReadState {
  const rooms = (info.rooms ?? []).map((room) => ({ conversation: room.id, id: room.lastRead ?? 0 }));
  return { reads: [...rooms, ...(info.reads ?? [])], seen: info.seen ?? [], receipts: info.receipts ?? true };
}

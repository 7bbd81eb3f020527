// One of our own sends as the stored message it became: the ack names its id and time, and the send says
// where it went (`room`, `#n` or `@name`), so it reads like the message everyone else was pushed.
import { ROOM } from '../../src-shared/protocol';
import type { OutgoingMessage } from './outbox';
import type { ReceivedMessage } from './types';

export function toOwnMessage(
  sent: OutgoingMessage,
  me: { username: string; guest: boolean },
  id: number,
  timestamp: string,
): ReceivedMessage {
  const dm = sent.to.startsWith('@');
  return {
    timestamp,
    sender: me.username,
    // The room marks a guest's stored messages so for everyone (docs/protocol.md § Rooms, guests).
    ...(me.guest ? { guest: true } : {}),
    response: 'message',
    content: sent.text,
    id,
    // docs/protocol.md § Rooms: the default room is written `room` on the wire, also when sent to as `#1`.
    conv: dm ? 'dm' : sent.to === '#1' ? ROOM : sent.to,
    ...(dm ? { to: sent.to.slice(1) } : {}),
    cid: sent.cid,
    ...(sent.replyTo === undefined ? {} : { replyToId: sent.replyTo }),
    ...(sent.file ? { file: sent.file } : {}),
  };
}

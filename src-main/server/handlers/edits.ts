// Editing your own message (docs/protocol.md § Edits): the latest text replaces the old one, marked `edited`,
// and the conversation's online audience gets an `edited` push; classic KTN clients get a plain line instead.
import type { Request } from '../../../src-shared/protocol';
import type { SessionUser } from '../connection';
import type { Handler } from '../context';
import { pushToConversation } from '../conversation-push';
import { findMentions, NO_MENTIONS } from '../mentions';
import { openMessage } from '../message-access';
import { errorLine, infoLine, isoTime } from '../responses';
import { openForPosting, wireRoomId } from '../room-access';
import { roomLine } from '../room-view';

type EditRequest = Extract<Request, { request: 'msg_edit' }>;

export const handleMsgEdit: Handler<EditRequest> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const { id, text } = request.content;
  const found = openMessage(ctx, connection, id, re);
  if (!found) return;
  const { message } = found;
  const refuse = (why: string) => connection.send(errorLine('not_allowed', why, re));
  if (!found.own) return refuse('only its sender can edit a message');
  if (user.guest) return refuse('guests cannot edit messages');
  if (message.notice !== null) return refuse('notices cannot be edited');
  if (message.deleted) return refuse('a deleted message cannot be edited');
  if (message.fileSha256 !== null) return refuse('a shared file cannot be edited (delete it instead)');
  let mentions = NO_MENTIONS;
  if (message.roomId !== null) {
    // Editing is saying something: a mute or a read-only room stops it as it stops posting.
    const room = openForPosting(ctx, connection, wireRoomId(message.roomId), re);
    if (!room) return;
    mentions = findMentions(ctx, room, text);
  } else if (message.recipientKey && ctx.store.friendRelation(user.key, message.recipientKey) !== 'friends') {
    return refuse('you can edit direct messages only while you are friends');
  }
  const at = Date.now();
  const rev = ctx.store.editMessage(id, { text, ...mentions, at });
  if (rev === null) return refuse('a deleted message cannot be edited');
  const conv = message.roomId === null ? 'dm' : wireRoomId(message.roomId);
  const content = {
    id,
    conv,
    text,
    edited: isoTime(at),
    rev,
    ...(mentions.mentions.length > 0 ? { mentions: mentions.mentions } : {}),
    ...(mentions.mentionsRoom ? { mentionsRoom: true as const } : {}),
  };
  connection.send(roomLine({ response: 'edited', content }, re));
  pushToConversation(ctx, message, roomLine({ response: 'edited', content }), {
    except: connection,
    // Classic clients know messages, not changes to them: the edit is a new line of the room.
    classic: infoLine(`${user.username} edited: ${text}`),
  });
};

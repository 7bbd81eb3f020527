// What a logged-in user does in a conversation: send, page back through history, and manage friends. Each call
// needs the session on the link; its answer updates what the link holds (friends) or shows (own sends).
import type { ConversationId, HistoryPage, Session } from '../../src-shared/ipc';
import { ROOM_CONVERSATION_PATTERN } from '../../src-shared/limits';
import { type FriendsSnapshot, ROOM } from '../../src-shared/protocol';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import type { ChatConnection } from '../client/connection';
import { sameUser, toChatMessage } from './chat-mapping';
import type { HeldMessages } from './held-messages';
import type { RoomLink } from './room-link';

/** docs/protocol.md § `msg`: to a room (`room`, `#n`), or `@friend`; the pending bubble shows until the ack. */
export async function sendMessage(
  link: RoomLink,
  message: { conversation: ConversationId; text: string; replyTo?: number },
): Promise<Result<{ cid: string }>> {
  const loggedIn = link.requireSession('Log in before sending messages.');
  if (!loggedIn.ok) return loggedIn;
  const { connection, session } = loggedIn.value;
  const conversation = resolveConversation(message.conversation, session, link.friends);
  if (!conversation.ok) return conversation;
  const sent = connection.send(message.text, conversation.value, message.replyTo);
  if (!sent.ok) return sent;
  link.showOwn(sent.value.message);
  return ok({ cid: sent.value.message.cid });
}

/** docs/protocol.md § `history`: one page back from `before`. */
export async function loadHistory(
  link: RoomLink,
  query: { conversation: ConversationId; before?: number; limit?: number },
  held: HeldMessages,
): Promise<Result<HistoryPage>> {
  const loggedIn = link.requireSession('Log in to read the history.');
  if (!loggedIn.ok) return loggedIn;
  const { connection, session } = loggedIn.value;
  const page = await connection.history(query);
  if (!page.ok) return page;
  const messages = page.value.messages.map((m) => {
    const chat = toChatMessage(m, session.username);
    held.record(chat, m.rev);
    return chat;
  });
  return ok({ conversation: query.conversation, messages, more: page.value.more });
}

/**
 * A friends-list change by an account (guests have no friends); the room answers with the new list.
 * docs/protocol.md § Friends.
 */
export async function changeFriends(
  link: RoomLink,
  username: string,
  call: (connection: ChatConnection, username: string) => Promise<Result<FriendsSnapshot>>,
): Promise<Result> {
  const loggedIn = link.requireSession('Log in to manage friends.');
  if (!loggedIn.ok) return loggedIn;
  const { connection, session } = loggedIn.value;
  if (session.guest) return fail('not_allowed', 'Guests cannot have friends; register an account first.');
  const answer = await call(connection, username);
  if (!answer.ok) return answer;
  link.setFriends(answer.value);
  return OK;
}

/** How many people are in the room now, from its `names` answer (docs/protocol.md § `names`). */
export async function countPeople(link: RoomLink): Promise<Result<number>> {
  const loggedIn = link.requireSession('Log in to see who is here.');
  if (!loggedIn.ok) return loggedIn;
  const answer = await loggedIn.value.connection.request({ request: 'names', content: null }, ['info']);
  if (!answer.ok) return answer;
  return ok(answer.value.users?.length ?? 0);
}

/**
 * A room as it is (the room itself says who may post there, guests included), or `@name` spelled as the
 * friends list spells it: direct messages only to friends.
 */
function resolveConversation(
  conversation: ConversationId,
  session: Session,
  friends: FriendsSnapshot,
): Result<ConversationId> {
  if (conversation === ROOM) return ok(ROOM);
  if (ROOM_CONVERSATION_PATTERN.test(conversation)) return ok(conversation);
  if (session.guest) return fail('not_allowed', 'Guests have no direct messages: register an account.');
  const peer = conversation.slice(1);
  const friend = friends.friends.find((f) => sameUser(f.username, peer));
  if (!friend)
    return fail('not_allowed', `${peer} is not on your friends list; direct messages go to friends only.`);
  return ok(`@${friend.username}`);
}

// What was said in the user's rooms while they were away on every device, counted at a fresh login. The login
// answer carries the default room's latest messages, but for each other room only its newest id and how far
// the account read it (docs/protocol.md § Rooms), so without this a new device would count those rooms as
// read while the account's other devices count them unread. For each room read only part way, the newest
// page is fetched and handed to the inbox as history: it counts what is past the account's marker, as it
// does for the default room. Bounded: one page per room, the rooms one after another, stopped when the
// session ends; a room with more unread than a page counts one page ("50" then means "50 or more").
import { ROOM } from '../../src-shared/protocol';
import type { ChatConnection, LoginInfo, ReceivedMessage } from '../client/connection';

export const CATCH_UP_PAGE = 50;

export async function catchUpUnread(
  connection: ChatConnection,
  info: LoginInfo,
  receive: (message: ReceivedMessage) => void,
  stillCurrent: () => boolean,
): Promise<void> {
  const behind = (info.rooms ?? []).filter(
    (room) => room.id !== ROOM && (room.lastRead ?? 0) > 0 && room.lastId > (room.lastRead ?? 0),
  );
  for (const room of behind) {
    if (!stillCurrent()) return;
    const page = await connection.history({ conversation: room.id, limit: CATCH_UP_PAGE });
    // A room that refuses (the user left it meanwhile) or a dropped link: the live path takes over.
    if (!page.ok || !stillCurrent()) continue;
    for (const message of page.value.messages) receive(message);
  }
}

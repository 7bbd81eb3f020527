// Mentions (docs/protocol.md § Mentions): the members a room message names with `@name`, and `@room` from the
// room's owner or a moderator. Names that are not members are left as text; `@room` from anyone else is sent
// as text too, without the ping (refusing the whole message for it would lose what was said).
import { MAX_MENTIONS } from '../../src-shared/limits';
import { DEFAULT_ROOM_ID } from '../../src-shared/protocol';
import type { ServerContext } from './context';
import { isModerator, type Standing } from './room-access';

const MENTION = /(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{1,32})(?![A-Za-z0-9_])/g;
/** Distinct names looked up per message: a message of 2,000 `@x` costs 40 lookups, not 2,000. */
const MAX_NAMES_CHECKED = MAX_MENTIONS * 2;

export interface Mentions {
  mentions: string[];
  mentionsRoom: boolean;
}

export const NO_MENTIONS: Mentions = Object.freeze({ mentions: [], mentionsRoom: false }) as Mentions;

export function findMentions(ctx: ServerContext, room: Standing, text: string): Mentions {
  const names = new Set<string>();
  let mentionsRoom = false;
  for (const match of text.matchAll(MENTION)) {
    const key = (match[1] as string).toLowerCase();
    if (key === 'room') mentionsRoom = isModerator(room.role);
    else names.add(key);
    if (names.size >= MAX_NAMES_CHECKED) break;
  }
  const mentions: string[] = [];
  for (const key of names) {
    const name = memberName(ctx, room.room.id, key);
    if (name !== null) mentions.push(name);
    if (mentions.length >= MAX_MENTIONS) break;
  }
  return { mentions, mentionsRoom };
}

/** The member's display name; in the default room every account and every online guest is a member. */
function memberName(ctx: ServerContext, roomId: number, key: string): string | null {
  if (roomId !== DEFAULT_ROOM_ID) return ctx.store.roomMember(roomId, key)?.username ?? null;
  const account = ctx.store.findUser(key)?.username;
  if (account) return account;
  return ctx.online.connectionsOf(`~${key}`)[0]?.user?.username ?? null;
}

// Full-text search (docs/protocol.md § Search): the words of the query, each matched as a word (or, written
// `word*`, as the start of one), over every message the user could page to, newest first. The user's text
// never reaches FTS5 as syntax: each word is quoted, so `NEAR(`, `"`, `OR` or `col:` are only text.
import type { Request } from '../../../src-shared/protocol';
import type { SessionUser } from '../connection';
import type { Handler } from '../context';
import { openConversation } from '../conversation-access';
import { withReactions } from '../reaction-view';
import { fitToBytes, messageResponse } from '../responses';
import { roomLine } from '../room-view';
import type { ConversationRef } from '../store/store';

type SearchRequest = Extract<Request, { request: 'search' }>;

/** Words matched per query: more only slow the index down without narrowing much. */
const MAX_TERMS = 16;
/** A prefix (`pump*`) needs this many characters before the star: shorter ones match most of the index. */
const MIN_PREFIX_CHARS = 3;

/**
 * An FTS5 expression of quoted terms, all of which must match; a word ending in `*` (after at least 3
 * characters) is a prefix. Words are exact by default: FTS5 walks one word's list lazily, newest first, but
 * merges every word of a prefix into one list first (docs/performance.md § Search). Null: no words.
 */
export function ftsQuery(text: string): string | null {
  const words = text.split(/\s+/u).filter((w) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(w));
  if (words.length === 0) return null;
  const terms = words.slice(0, MAX_TERMS).map((word) => {
    const stem = word.replace(/\*+$/u, '');
    const prefix = stem !== word && [...stem].length >= MIN_PREFIX_CHARS;
    return `"${stem.replaceAll('"', '""')}"${prefix ? '*' : ''}`;
  });
  return terms.join(' ');
}

export const handleSearch: Handler<SearchRequest> = (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const { query, from, before, limit } = request.content;
  let conversation: ConversationRef | null = null;
  if (request.content.conversation !== undefined) {
    const open = openConversation(ctx, connection, request.content.conversation, re);
    if (!open) return;
    conversation =
      open.kind === 'room'
        ? { kind: 'room', id: open.room.room.id }
        : { kind: 'dm', a: user.key, b: open.partner.key };
  }
  const match = ftsQuery(query);
  const key = user.guest ? null : user.key;
  const found =
    match === null
      ? { messages: [], more: false }
      : ctx.store.search(key, {
          match,
          conversation,
          fromKey: from?.toLowerCase() ?? null,
          before: before ?? null,
          limit,
          ...(user.guest ? { guestRooms: [...ctx.audience.roomsOf(user.key)] } : {}),
        });
  const page = fitToBytes(
    { messages: withReactions(ctx, found.messages, key), more: found.more },
    ctx.options.maxPageBytes,
    // Newest first: keep the start of the list.
    'oldest',
  );
  const content = page.messages.map(messageResponse);
  connection.answer(roomLine({ response: 'search', content, more: page.more }, re));
};

// A page of messages with their reactions as one reader sees them (`mine` is theirs), read in one query.
import type { ServerContext } from './context';
import type { StoredMessage } from './store/store';

/** Fills in `reactions` of the messages (fresh objects from the store) for the reader; returns them. */
export function withReactions(
  ctx: ServerContext,
  messages: StoredMessage[],
  viewerKey: string | null,
): StoredMessage[] {
  if (messages.length === 0) return messages;
  const summaries = ctx.store.reactionSummaries(
    messages.map((m) => m.id),
    viewerKey,
  );
  if (summaries.size === 0) return messages;
  for (const m of messages) {
    const reactions = summaries.get(m.id);
    if (reactions) m.reactions = reactions;
  }
  return messages;
}

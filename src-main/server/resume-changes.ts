// resume with `changes: true` (docs/protocol.md § resume): besides the messages after `since`, the older
// messages changed after it (edited, deleted, reacted to), as they are now. Both come from one id sequence
// (a change takes the next number as the message's rev), so one page is the first `limit` of the two merged
// in sequence order, and `next` — the number of the last one taken — is where the next page starts: nothing
// numbered up to `next` is left out, whatever mix of new and changed messages the page held.
import type { ServerContext } from './context';
import { withReactions } from './reaction-view';
import { fitToBytes } from './responses';
import type { StoredMessage } from './store/store';

export interface ResumeWithChanges {
  /** New messages (id > since), ascending by id. */
  messages: StoredMessage[];
  /** Older messages changed after since, ascending by rev. */
  changes: StoredMessage[];
  more: boolean;
  next: number;
}

interface Entry {
  message: StoredMessage;
  /** Its place in the sequence: the id of a new message, the rev of a changed one. */
  at: number;
  fresh: boolean;
}

export function resumeWithChanges(
  ctx: ServerContext,
  userKey: string | null,
  since: number,
  limit: number,
): ResumeWithChanges {
  const fresh = ctx.store.since(userKey, since, limit);
  const changed = ctx.store.changedSince(userKey, since, since, limit);
  const merged = merge(fresh.messages, changed.messages);
  const taken = merged.slice(0, limit);
  const fit = fitToBytes(
    {
      messages: withReactions(
        ctx,
        taken.map((e) => e.message),
        userKey,
      ),
      more: false,
    },
    ctx.options.maxPageBytes,
    'oldest',
  );
  const kept = taken.slice(0, fit.messages.length);
  const more = fresh.more || changed.more || merged.length > kept.length;
  const last = kept.at(-1);
  return {
    messages: kept.filter((e) => e.fresh).map((e) => e.message),
    changes: kept.filter((e) => !e.fresh).map((e) => e.message),
    more,
    next: more && last ? last.at : Math.max(since, ctx.store.lastSequence()),
  };
}

function merge(fresh: StoredMessage[], changed: StoredMessage[]): Entry[] {
  const entries: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < fresh.length || j < changed.length) {
    const f = fresh[i];
    const c = changed[j];
    if (f && (!c || f.id < c.rev)) {
      entries.push({ message: f, at: f.id, fresh: true });
      i++;
    } else if (c) {
      entries.push({ message: c, at: c.rev, fresh: false });
      j++;
    }
  }
  return entries;
}

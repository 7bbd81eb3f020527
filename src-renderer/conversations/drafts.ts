// What someone had started typing in each conversation, kept while they look elsewhere. In memory only, for
// the life of the window, and keyed by account too so a different sign-in never sees another's words.
const MAX_DRAFTS = 200;
const drafts = new Map<string, string>();

function key(owner: string, conversation: string): string {
  return `${owner}\u0000${conversation}`;
}

export function draftOf(owner: string, conversation: string): string {
  return drafts.get(key(owner, conversation)) ?? '';
}

/** Remembers (or, for empty text, forgets) a draft; the oldest ones go first past MAX_DRAFTS. */
export function keepDraft(owner: string, conversation: string, text: string): void {
  const at = key(owner, conversation);
  drafts.delete(at);
  if (text === '') return;
  drafts.set(at, text);
  for (const oldest of drafts.keys()) {
    if (drafts.size <= MAX_DRAFTS) break;
    drafts.delete(oldest);
  }
}

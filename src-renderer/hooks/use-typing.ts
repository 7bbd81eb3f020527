// Who is typing where, as the main process says it (each `typing` event is one conversation's whole list,
// names already forgotten 6 s after their last keystroke), and telling the room when this user types. The
// composer is not wired for it: its keystrokes are noticed from the input events of its text field, so the
// composer stays one job (writing) and the service rate-limits what reaches the wire.
import { useEffect, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { useHearthEvent } from './use-hearth-event';

export type Typing = Readonly<Record<ConversationId, readonly string[]>>;

export function useTyping(): Typing {
  const [typing, setTyping] = useState<Typing>({});
  useHearthEvent('typing', ({ conversation, usernames }) =>
    setTyping((now) => {
      const next = { ...now };
      if (usernames.length > 0) next[conversation] = usernames;
      else delete next[conversation];
      return next;
    }),
  );
  return typing;
}

/** Every keystroke in the open conversation's composer says so to the main process. */
export function useTypingSender(conversation: ConversationId): void {
  useEffect(() => {
    const typed = (event: Event) => {
      const field = event.target;
      if (!(field instanceof HTMLTextAreaElement) || !field.closest('form.composer')) return;
      if (field.value.trim() !== '') void window.hearth.typing(conversation);
    };
    document.addEventListener('input', typed);
    return () => document.removeEventListener('input', typed);
  }, [conversation]);
}

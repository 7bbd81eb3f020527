// Where search lives in the chat: Ctrl+K (⌘K) or the header's Search button opens the panel; choosing a
// result opens its conversation and pages back to the message, which the timeline then shows and focuses.
import { useEffect, useState } from 'react';
import type { AppState, ChatMessage, ConversationId, Session } from '../../src-shared/ipc';
import type { TimelineStore } from '../conversations/use-timelines';
import { requestReveal, useRevealLoader } from './reveal';
import { SearchDialog } from './search-dialog';

const opening = new Set<() => void>();

/** Open the search panel (the header's button). */
export function openSearch(): void {
  for (const open of opening) open();
}

interface Props {
  state: AppState;
  session: Session;
  active: ConversationId;
  timelines: TimelineStore;
  onOpen: (conversation: ConversationId) => void;
}

export function SearchLauncher({ state, session, active, timelines, onOpen }: Props) {
  const [open, setOpen] = useState(false);
  useRevealLoader(active, timelines);
  useEffect(() => {
    const show = () => setOpen(true);
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      event.preventDefault();
      show();
    };
    opening.add(show);
    window.addEventListener('keydown', onKey);
    return () => {
      opening.delete(show);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  if (!open) return null;

  function jump(message: ChatMessage) {
    setOpen(false);
    if (message.id === null) return;
    requestReveal(message.conversation, message.id);
    onOpen(message.conversation);
  }

  const direct = [
    ...state.friends.friends.map((f) => `@${f.username}`),
    ...Object.keys(timelines.lastActivity).filter((c) => c.startsWith('@')),
  ];
  return (
    <SearchDialog
      rooms={state.rooms.rooms}
      direct={[...new Set(direct)]}
      me={session.username}
      onJump={jump}
      onClose={() => setOpen(false)}
    />
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { AppState, ConversationId, Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { Composer } from '../chat/composer';
import { ConversationHeader, type Drawer } from '../chat/conversation-header';
import { orderConversations } from '../chat/conversation-order';
import { conversationTitle } from '../chat/conversation-title';
import { FriendsPanel } from '../chat/friends-panel';
import { MessageList } from '../chat/message-list';
import { ReconnectBanner } from '../chat/reconnect-banner';
import { Sidebar } from '../chat/sidebar';
import { withoutBlocked } from '../conversations/blocked';
import type { TimelineStore } from '../conversations/use-timelines';
import { useSteadyPresence } from '../hooks/use-steady-presence';
import type { Unread } from '../hooks/use-unread';

interface Props {
  state: AppState;
  session: Session;
  timelines: TimelineStore;
  unread: Unread;
  /** Something must be decided first (a changed certificate): the chat stays in view but takes no input. */
  blocked?: boolean;
}

export function ChatScreen({ state, session, timelines, unread, blocked = false }: Props) {
  const [active, setActive] = useState<ConversationId>(ROOM);
  const [followSignal, setFollowSignal] = useState(0);
  const [drawer, setDrawer] = useDrawer();
  const friends = useSteadyPresence(state.friends);
  useActiveConversation(active, timelines.ensureLoaded);
  const conversations = useDirectConversations(timelines.lastActivity, unread.byConversation, active);

  function open(conversation: ConversationId) {
    setActive(conversation);
    setDrawer(null);
  }

  const timeline = timelines.timeline(active);
  const shown = useMemo(
    () => withoutBlocked(timeline, active, friends.blocked ?? []),
    [timeline, active, friends.blocked],
  );
  const title = conversationTitle(active);
  const peer = active.startsWith('@') ? friends.friends.find((f) => `@${f.username}` === active) : undefined;

  return (
    <div className="chat-layout" data-drawer={drawer ?? undefined} inert={blocked}>
      <Sidebar
        state={state}
        session={session}
        friends={friends.friends}
        conversations={conversations}
        active={active}
        unread={unread}
        onOpen={open}
      />

      <main className="conversation-pane" aria-labelledby="conversation-title">
        <ConversationHeader
          active={active}
          title={title}
          peer={peer}
          drawer={drawer}
          onToggle={(which) => setDrawer((open) => (open === which ? null : which))}
          unreadElsewhere={unreadOutside(unread.byConversation, active)}
          requests={friends.incoming.length}
        />
        <ReconnectBanner connection={state.connection} />
        <MessageList
          key={`messages:${active}`}
          title={title}
          {...openingLines(active, title)}
          timeline={shown}
          loading={timelines.loading(active)}
          error={timelines.error(active)}
          onLoadOlder={() => timelines.loadOlder(active)}
          followSignal={followSignal}
        />
        <Composer
          key={`composer:${active}`}
          conversation={active}
          title={title}
          onSent={() => setFollowSignal((n) => n + 1)}
        />
      </main>

      <FriendsPanel
        self={session.username}
        guest={session.guest}
        stale={state.connection.state !== 'connected'}
        friends={friends}
        onOpen={open}
      />
      {drawer && <DrawerScrim onClose={() => setDrawer(null)} />}
    </div>
  );
}

/** In a narrow window the side columns fold away; the open one lies over the conversation until Escape. */
function useDrawer() {
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  useEffect(() => {
    if (!drawer) return;
    const close = (event: { key: string }) => event.key === 'Escape' && setDrawer(null);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [drawer]);
  return [drawer, setDrawer] as const;
}

/** Loads the open conversation and tells main which one is in view (none once the chat is gone). */
function useActiveConversation(active: ConversationId, ensureLoaded: TimelineStore['ensureLoaded']) {
  useEffect(() => {
    ensureLoaded(active);
    void window.hearth.setActiveConversation(active);
  }, [active, ensureLoaded]);

  useEffect(() => () => void window.hearth.setActiveConversation(null), []);
}

// Friends are listed once, in the friends column; this list holds the conversations that have something in them.
function useDirectConversations(
  lastActivity: TimelineStore['lastActivity'],
  byConversation: Unread['byConversation'],
  active: ConversationId,
) {
  return useMemo(() => {
    const direct = [...Object.keys(lastActivity), ...Object.keys(byConversation), active];
    return orderConversations(
      direct.filter((id) => id.startsWith('@')),
      lastActivity,
    );
  }, [lastActivity, byConversation, active]);
}

function unreadOutside(byConversation: Unread['byConversation'], active: ConversationId): number {
  return Object.entries(byConversation).reduce((n, [id, count]) => (id === active ? n : n + count), 0);
}

/** What an empty or fully scrolled-back conversation says at its top. */
function openingLines(active: ConversationId, title: string) {
  return active === ROOM
    ? { beginning: 'This is the beginning of the room.', emptyHint: 'Say hello — everyone here will see it.' }
    : {
        beginning: `This is the beginning of your conversation with ${title}.`,
        emptyHint: `Say hello to ${title}.`,
      };
}

function DrawerScrim({ onClose }: { onClose: () => void }) {
  return <button type="button" className="drawer-scrim" aria-label="Close panel" onClick={onClose} />;
}

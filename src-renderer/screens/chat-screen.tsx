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
  // In a narrow window the side columns fold away; this one is open over the conversation.
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const friends = useSteadyPresence(state.friends);

  useEffect(() => {
    timelines.ensureLoaded(active);
    void window.hearth.setActiveConversation(active);
  }, [active, timelines.ensureLoaded]);

  useEffect(() => () => void window.hearth.setActiveConversation(null), []);

  useEffect(() => {
    if (!drawer) return;
    const close = (event: { key: string }) => event.key === 'Escape' && setDrawer(null);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [drawer]);

  // Friends are listed once, in the friends column; this list holds the conversations that have something in them.
  const { lastActivity } = timelines;
  const conversations = useMemo(() => {
    const direct = [...Object.keys(lastActivity), ...Object.keys(unread.byConversation), active];
    return orderConversations(
      direct.filter((id) => id.startsWith('@')),
      lastActivity,
    );
  }, [lastActivity, unread.byConversation, active]);

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
  const unreadElsewhere = Object.entries(unread.byConversation).reduce(
    (n, [id, count]) => (id === active ? n : n + count),
    0,
  );

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
          unreadElsewhere={unreadElsewhere}
          requests={friends.incoming.length}
        />
        <ReconnectBanner connection={state.connection} />
        <MessageList
          key={`messages:${active}`}
          title={title}
          beginning={
            active === ROOM
              ? 'This is the beginning of the room.'
              : `This is the beginning of your conversation with ${title}.`
          }
          emptyHint={active === ROOM ? 'Say hello — everyone here will see it.' : `Say hello to ${title}.`}
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
      {drawer && (
        <button
          type="button"
          className="drawer-scrim"
          aria-label="Close panel"
          onClick={() => setDrawer(null)}
        />
      )}
    </div>
  );
}

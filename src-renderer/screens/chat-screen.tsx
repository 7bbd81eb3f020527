import { useEffect, useMemo, useState } from 'react';
import type { AppState, ConversationId, RoomSummary, Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import type { FriendsSnapshot } from '../../src-shared/protocol';
import { CallButtons, CallLayer, CallPanel } from '../calls/call-view';
import { useCalls } from '../calls/use-calls';
import { ConversationBody } from '../chat/conversation-body';
import { ConversationHeader, type Drawer } from '../chat/conversation-header';
import { orderConversations } from '../chat/conversation-order';
import { conversationTitle } from '../chat/conversation-title';
import { FriendsPanel } from '../chat/friends-panel';
import { Sidebar } from '../chat/sidebar';
import type { TimelineStore } from '../conversations/use-timelines';
import { useHearthEvent } from '../hooks/use-hearth-event';
import { useSteadyPresence } from '../hooks/use-steady-presence';
import type { Unread } from '../hooks/use-unread';
import { t } from '../i18n/intl';
import { MemberPanel } from '../rooms/member-panel';
import { RoomDialogs } from '../rooms/room-dialogs';
import { useRooms } from '../rooms/use-rooms';
import { SearchLauncher } from '../search/search-launcher';

interface Props {
  state: AppState;
  session: Session;
  timelines: TimelineStore;
  unread: Unread;
  /** Something must be decided first (a changed certificate): the chat stays in view but takes no input. */
  blocked?: boolean;
}

const NOBODY: readonly string[] = [];

// size: the chat screen lays out every column and layer (calls among them), one element each.
export function ChatScreen({ state, session, timelines, unread, blocked = false }: Props) {
  const [active, setActive] = useState<ConversationId>(ROOM);
  const { drawer, setDrawer, toggleDrawer, membersOpen, setMembersOpen, closePanels } = usePanels();
  const friends = useSteadyPresence(state.friends);
  useActiveConversation(active, timelines.ensureLoaded);
  const conversations = useDirectConversations(timelines.lastActivity, unread.byConversation, active);

  function open(conversation: ConversationId) {
    setActive(conversation);
    setDrawer(null);
    rooms.setDialog(null);
  }
  const rooms = useRooms(state, session, active, open, timelines.note);
  const room = rooms.activeRoom;

  const title = conversationTitle(active, state.rooms.rooms, session.username);
  const peer = active.startsWith('@') ? friends.friends.find((f) => `@${f.username}` === active) : undefined;
  const showMembers = membersOpen && room !== undefined;
  const calls = useCalls(session);
  useHearthEvent('callOpened', ({ conversation }) => open(conversation));
  useHearthEvent('notificationOpened', ({ conversation }) => open(conversation));

  return (
    <div
      className="chat-layout"
      data-drawer={drawer ?? (showMembers ? 'members' : undefined)}
      inert={blocked}
    >
      <Sidebar
        state={state}
        session={session}
        friends={friends.friends}
        conversations={conversations}
        active={active}
        unread={unread}
        rooms={rooms}
        onOpen={open}
      />

      <main className="conversation-pane" aria-labelledby="conversation-title">
        <ConversationHeader
          active={active}
          title={title}
          peer={peer}
          room={room}
          membersOpen={showMembers}
          onToggleMembers={() => setMembersOpen((o) => !o)}
          onSettings={() => rooms.setDialog('settings')}
          drawer={drawer}
          onToggle={toggleDrawer}
          unreadElsewhere={unreadOutside(unread.byConversation, active)}
          requests={friends.incoming.length}
          callButtons={
            !session.guest && <CallButtons calls={calls} active={active} online={peer?.online ?? true} />
          }
        />
        <CallPanel
          calls={calls}
          self={session.username}
          titleOf={(c) => conversationTitle(c, state.rooms.rooms, session.username)}
        />
        <ConversationBody
          active={active}
          title={title}
          room={room}
          session={session}
          connection={state.connection}
          timelines={timelines}
          blocked={friends.blocked ?? NOBODY}
          showJoins={state.settings.preferences.showJoins}
          unread={unread.byConversation[active] ?? 0}
        />
      </main>

      <RightColumn
        members={showMembers ? room : undefined}
        state={state}
        session={session}
        friends={friends}
        onOpen={open}
        onCloseMembers={() => setMembersOpen(false)}
      />
      {(drawer || showMembers) && <DrawerScrim onClose={closePanels} />}
      <RoomDialogs rooms={rooms} room={room} title={title} friends={friends.friends} onOpen={open} />
      <SearchLauncher state={state} session={session} active={active} timelines={timelines} onOpen={open} />
      <CallLayer calls={calls} self={session.username} sounds={state.settings.preferences.sounds} />
    </div>
  );
}

/**
 * In a narrow window the side columns fold away; the open one lies over the conversation until Escape. The
 * member list takes the friends column's place while open (a drawer too when narrow).
 */
function usePanels() {
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const open = drawer !== null || membersOpen;
  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent) => {
      // A menu or dialog that is open takes the Escape for itself, not the panel it sits on.
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      setDrawer(null);
      setMembersOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);
  const closePanels = () => {
    setDrawer(null);
    setMembersOpen(false);
  };
  const toggleDrawer = (which: Drawer) => {
    setMembersOpen(false);
    setDrawer((now) => (now === which ? null : which));
  };
  return { drawer, setDrawer, toggleDrawer, membersOpen, setMembersOpen, closePanels };
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

/** The friends column, or the open room's member list in its place. */
function RightColumn({
  members,
  state,
  session,
  friends,
  onOpen,
  onCloseMembers,
}: {
  members: RoomSummary | undefined;
  state: AppState;
  session: Session;
  friends: FriendsSnapshot;
  onOpen: (conversation: ConversationId) => void;
  onCloseMembers: () => void;
}) {
  return members ? (
    <MemberPanel room={members} self={session.username} onClose={onCloseMembers} />
  ) : (
    <FriendsPanel
      self={session.username}
      guest={session.guest}
      stale={state.connection.state !== 'connected'}
      friends={friends}
      onOpen={onOpen}
    />
  );
}

function DrawerScrim({ onClose }: { onClose: () => void }) {
  return (
    <button
      type="button"
      className="drawer-scrim"
      aria-label={t('screens.chat.closePanel')}
      onClick={onClose}
    />
  );
}

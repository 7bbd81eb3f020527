import type { AppState, ConversationId, Session } from '../../src-shared/ipc';
import type { FriendEntry } from '../../src-shared/protocol';
import type { Unread } from '../hooks/use-unread';
import { Avatar } from '../ui/avatar';
import { Icon } from '../ui/icons';
import { Logo } from '../ui/logo';
import { ConversationList } from './conversation-list';
import { HostingCard } from './hosting-card';

interface Props {
  state: AppState;
  session: Session;
  /** Friends with their presence as shown (steadied against blips). */
  friends: readonly FriendEntry[];
  conversations: readonly ConversationId[];
  active: ConversationId;
  unread: Unread;
  onOpen: (conversation: ConversationId) => void;
}

/** The left column: which room this is, its conversations, the room we host, and who we are. */
export function Sidebar({ state, session, friends, conversations, active, unread, onOpen }: Props) {
  const server = state.connection.server;
  return (
    <aside id="sidebar" className="sidebar" aria-label="Hearth">
      <div className="brand">
        <Logo size={32} />
        <span className="brand-text">
          <strong>Hearth</strong>
          {server && (
            <span className="muted">
              {server.host}:{server.port}
            </span>
          )}
        </span>
      </div>
      <h2 className="section-title sidebar-title">Conversations</h2>
      <ConversationList
        conversations={conversations}
        active={active}
        unread={unread.byConversation}
        friends={friends}
        onOpen={onOpen}
      />
      {state.host.running && <HostingCard host={state.host} />}
      <div className="me">
        <Avatar name={session.username} online={state.connection.state === 'connected'} />
        <span className="me-text">
          <strong>{session.username}</strong>
          <span className="muted">
            {session.guest ? 'Guest' : state.connection.state === 'connected' ? 'Online' : 'Reconnecting…'}
          </span>
        </span>
        <button
          type="button"
          className="icon-button subtle"
          onClick={() => window.hearth.logout()}
          aria-label="Log out"
          title="Log out"
        >
          <Icon name="logOut" />
        </button>
      </div>
    </aside>
  );
}

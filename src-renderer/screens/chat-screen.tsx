import { useEffect, useMemo, useState } from 'react';
import type { AppState, ConversationId, Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { Composer } from '../chat/composer';
import { ConversationList } from '../chat/conversation-list';
import { conversationTitle } from '../chat/conversation-title';
import { FriendsPanel } from '../chat/friends-panel';
import { MessageList } from '../chat/message-list';
import { ReconnectBanner } from '../chat/reconnect-banner';
import type { TimelineStore } from '../conversations/use-timelines';
import type { Unread } from '../hooks/use-unread';
import { Avatar } from '../ui/avatar';
import { HostAddresses } from '../ui/host-addresses';
import { Icon } from '../ui/icons';
import { Logo } from '../ui/logo';

interface Props {
  state: AppState;
  session: Session;
  timelines: TimelineStore;
  unread: Unread;
}

export function ChatScreen({ state, session, timelines, unread }: Props) {
  const [active, setActive] = useState<ConversationId>(ROOM);
  const [followSignal, setFollowSignal] = useState(0);
  const { friends } = state;

  useEffect(() => {
    timelines.ensureLoaded(active);
    void window.hearth.setActiveConversation(active);
  }, [active, timelines.ensureLoaded]);

  useEffect(() => () => void window.hearth.setActiveConversation(null), []);

  // The room, then a direct conversation with every friend, then anyone else who wrote to us.
  const conversations = useMemo(() => {
    const dms = new Set(friends.friends.map((f) => `@${f.username}`));
    for (const id of Object.keys(unread.byConversation)) if (id.startsWith('@')) dms.add(id);
    if (active.startsWith('@')) dms.add(active);
    return [ROOM, ...[...dms].sort((a, b) => a.localeCompare(b))];
  }, [friends.friends, unread.byConversation, active]);

  const title = conversationTitle(active);
  const peer = active.startsWith('@') ? friends.friends.find((f) => `@${f.username}` === active) : undefined;
  const server = state.connection.server;

  return (
    <div className="chat-layout">
      <aside className="sidebar" aria-label="Hearth">
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
          friends={friends.friends}
          onOpen={setActive}
        />
        {state.host.running && (
          <section className="hosting-card" aria-labelledby="hosting-card-title">
            <h2 id="hosting-card-title" className="section-title">
              <span className="dot online" aria-hidden="true" /> Hosting on port {state.host.port}
            </h2>
            <HostAddresses addresses={state.host.addresses} />
            <button type="button" className="button small secondary" onClick={() => window.hearth.stopHost()}>
              Stop hosting
            </button>
          </section>
        )}
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

      <main className="conversation-pane" aria-labelledby="conversation-title">
        <header className="conversation-header">
          {peer ? (
            <Avatar name={peer.username} online={peer.online} />
          ) : (
            <span className="conversation-icon large" aria-hidden="true">
              <Icon name={active === ROOM ? 'hash' : 'at'} size={20} />
            </span>
          )}
          <div>
            <h1 id="conversation-title">{title}</h1>
            <p className="muted">
              {active === ROOM
                ? 'Everyone in this room'
                : peer
                  ? `Direct messages · ${peer.online ? 'online' : 'offline'}`
                  : 'Direct messages'}
            </p>
          </div>
        </header>
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
          timeline={timelines.timeline(active)}
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
        onOpen={setActive}
      />
    </div>
  );
}

import { useState } from 'react';
import type { AppState, ConversationId, Session } from '../../src-shared/ipc';
import type { FriendEntry } from '../../src-shared/protocol';
import { asSentence } from '../format/sentence';
import { useIdleAway } from '../hooks/use-idle-away';
import { useSignedOutWatch } from '../hooks/use-signed-out';
import type { Unread } from '../hooks/use-unread';
import { t } from '../i18n/intl';
import { RoomList, roomIcon } from '../rooms/room-list';
import type { RoomsView } from '../rooms/use-rooms';
import { SettingsDialog } from '../settings/settings-dialog';
import { Avatar } from '../ui/avatar';
import { Icon } from '../ui/icons';
import { Logo } from '../ui/logo';
import { ConversationButton, ConversationList } from './conversation-list';
import { roomTitle } from './conversation-title';
import { HostingCard } from './hosting-card';
import { MeLine } from './me-line';

interface Props {
  state: AppState;
  session: Session;
  /** Friends with their presence as shown (steadied against blips). */
  friends: readonly FriendEntry[];
  conversations: readonly ConversationId[];
  active: ConversationId;
  unread: Unread;
  rooms: RoomsView;
  onOpen: (conversation: ConversationId) => void;
}

/** The left column: which room this is, its conversations, the room we host, and who we are. */
export function Sidebar({ state, session, friends, conversations, active, unread, rooms, onOpen }: Props) {
  const server = state.connection.server;
  const [settingsOpen, setSettingsOpen] = useState(false);
  useIdleAway(session.guest ? null : session.username);
  useSignedOutWatch();
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
      <nav className="conversations" aria-label={t('chat.sidebar.conversations')}>
        <RoomList
          rooms={rooms.rooms}
          invites={rooms.invites}
          self={session.username}
          guest={session.guest}
          active={active}
          unread={unread.byConversation}
          mentions={unread.mentions}
          mutedRooms={rooms.muted}
          onOpen={onOpen}
          onCreate={() => rooms.setDialog('create')}
          onBrowse={() => rooms.setDialog('browse')}
          onJoin={rooms.join}
          onDecline={rooms.decline}
        />
        {rooms.error && (
          <p className="field-error sidebar-error" role="alert">
            {asSentence(rooms.error)}
          </p>
        )}
        <DirectSection
          session={session}
          friends={friends}
          conversations={conversations}
          active={active}
          unread={unread}
          rooms={rooms}
          onOpen={onOpen}
        />
      </nav>
      {state.host.running && <HostingCard host={state.host} />}
      <div className="me">
        <Avatar name={session.username} online={state.connection.state === 'connected'} />
        <MeLine session={session} connected={state.connection.state === 'connected'} />
        <button
          type="button"
          className="icon-button subtle"
          onClick={() => setSettingsOpen(true)}
          aria-label={t('chat.sidebar.settings')}
          title={t('chat.sidebar.settings')}
          aria-haspopup="dialog"
        >
          <Icon name="settings" />
        </button>
        <button
          type="button"
          className="icon-button subtle"
          onClick={() => window.hearth.logout()}
          aria-label={t('chat.sidebar.logOut')}
          title={t('chat.sidebar.logOut')}
        >
          <Icon name="logOut" />
        </button>
      </div>
      {settingsOpen && (
        <SettingsDialog settings={state.settings} session={session} onClose={() => setSettingsOpen(false)} />
      )}
    </aside>
  );
}

type DirectProps = Omit<Props, 'state'>;

/** Group conversations (A–Z) and direct conversations (most recent first), and starting a group. */
function DirectSection({ session, friends, conversations, active, unread, rooms, onOpen }: DirectProps) {
  return (
    <section className="sidebar-section" aria-labelledby="direct-title">
      <div className="section-head">
        <h2 id="direct-title" className="section-title">
          {t('chat.header.direct')}
        </h2>
        {!session.guest && (
          <button
            type="button"
            className="icon-button subtle small"
            aria-label={t('chat.sidebar.newGroup')}
            title={t('chat.sidebar.newGroup')}
            onClick={() => rooms.setDialog('group')}
          >
            <Icon name="plus" size={16} />
          </button>
        )}
      </div>
      <ul>
        {rooms.groups.map((group) => (
          <ConversationButton
            key={group.id}
            id={group.id}
            title={roomTitle(group, session.username)}
            icon={roomIcon(group)}
            count={unread.byConversation[group.id] ?? 0}
            mentions={unread.mentions[group.id] ?? 0}
            muted={rooms.muted.includes(group.id)}
            active={group.id === active}
            onOpen={onOpen}
          />
        ))}
        <ConversationList
          conversations={conversations.filter((id) => id.startsWith('@'))}
          active={active}
          unread={unread.byConversation}
          mentions={unread.mentions}
          friends={friends}
          onOpen={onOpen}
        />
      </ul>
      {!session.guest && rooms.groups.length === 0 && conversations.every((id) => !id.startsWith('@')) && (
        <p className="muted empty-note">{t('chat.sidebar.noDirect')}</p>
      )}
    </section>
  );
}

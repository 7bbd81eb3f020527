import type { ReactNode } from 'react';
import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import type { FriendEntry } from '../../src-shared/protocol';
import { t } from '../i18n/intl';
import { roomIcon } from '../rooms/room-list';
import { openSearch } from '../search/search-launcher';
import { Avatar } from '../ui/avatar';
import { Icon, type IconName } from '../ui/icons';

export type Drawer = 'conversations' | 'friends';

interface Props {
  active: ConversationId;
  title: string;
  peer: FriendEntry | undefined;
  /** The open room's summary (absent for a direct conversation). */
  room: RoomSummary | undefined;
  /** The member list is open beside the conversation. */
  membersOpen: boolean;
  onToggleMembers: () => void;
  onSettings: () => void;
  /** The side column open over the conversation in a narrow window, if any. */
  drawer: Drawer | null;
  onToggle: (drawer: Drawer) => void;
  /** Unread messages in other conversations, shown on the toggle while the list is folded away. */
  unreadElsewhere: number;
  /** Friend requests waiting, shown on the friends toggle. */
  requests: number;
  /** The call buttons (calls/call-view.tsx). */
  callButtons?: ReactNode;
}

interface ToggleProps {
  drawer: Drawer;
  /** The id of the column it opens. */
  controls: string;
  icon: IconName;
  label: string;
  /** Something in that column wants attention. */
  flagged: boolean;
  open: boolean;
  onToggle: (drawer: Drawer) => void;
}

function DrawerToggle({ drawer, controls, icon, label, flagged, open, onToggle }: ToggleProps) {
  return (
    <button
      type="button"
      className="icon-button subtle drawer-toggle"
      aria-label={label}
      aria-expanded={open}
      aria-controls={controls}
      onClick={() => onToggle(drawer)}
    >
      <Icon name={icon} />
      {flagged && <span className="toggle-dot" aria-hidden="true" />}
    </button>
  );
}

/** The conversation's name and, in narrow windows, the toggles that open the side columns as drawers. */
export function ConversationHeader(props: Props) {
  const { active, title, peer, room, drawer, onToggle, unreadElsewhere, requests } = props;
  return (
    <header className="conversation-header">
      <DrawerToggle
        drawer="conversations"
        controls="sidebar"
        icon="menu"
        label={t('chat.header.conversations', { count: unreadElsewhere })}
        flagged={unreadElsewhere > 0}
        open={drawer === 'conversations'}
        onToggle={onToggle}
      />
      {peer ? (
        <Avatar name={peer.username} online={peer.online} />
      ) : (
        <span className="conversation-icon large" aria-hidden="true">
          <Icon name={room ? roomIcon(room) : 'at'} size={20} />
        </span>
      )}
      <div className="conversation-heading">
        <h1 id="conversation-title" title={title}>
          {title}
        </h1>
        <p className="muted" title={room?.topic || undefined}>
          {subtitle(active, room, peer)}
        </p>
      </div>
      {props.callButtons}
      <button
        type="button"
        className="icon-button subtle"
        aria-label={t('chat.header.search')}
        onClick={openSearch}
      >
        <Icon name="search" />
      </button>
      {room && <RoomButtons {...props} room={room} />}
      <DrawerToggle
        drawer="friends"
        controls="friends-panel"
        icon="users"
        label={t('chat.header.friends', { count: requests })}
        flagged={requests > 0}
        open={drawer === 'friends'}
        onToggle={onToggle}
      />
    </header>
  );
}

function subtitle(
  active: ConversationId,
  room: RoomSummary | undefined,
  peer: FriendEntry | undefined,
): string {
  if (room) {
    if (room.topic) return room.topic;
    if (room.kind === 'default') return t('chat.header.everyone');
    return t('chat.header.roomKind', { kind: room.kind, count: room.members });
  }
  if (peer) return peer.online ? t('chat.header.directOnline') : t('chat.header.directOffline');
  return active.startsWith('@') ? t('chat.header.direct') : t('chat.title.room');
}

/** A room's own controls: its member list and its settings. */
function RoomButtons({ room, membersOpen, onToggleMembers, onSettings }: Props & { room: RoomSummary }) {
  return (
    <>
      <button
        type="button"
        className={membersOpen ? 'icon-button subtle pressed' : 'icon-button subtle'}
        aria-label={t('chat.header.membersCount', { count: room.members })}
        aria-expanded={membersOpen}
        aria-controls="member-panel"
        title={t('chat.header.members')}
        onClick={onToggleMembers}
      >
        <Icon name="members" />
      </button>
      <button
        type="button"
        className="icon-button subtle"
        aria-label={t('chat.header.roomSettings')}
        aria-haspopup="dialog"
        title={t('chat.header.roomSettings')}
        onClick={onSettings}
      >
        <Icon name="settings" />
      </button>
    </>
  );
}

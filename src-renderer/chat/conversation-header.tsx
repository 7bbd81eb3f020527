import type { ConversationId } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import type { FriendEntry } from '../../src-shared/protocol';
import { Avatar } from '../ui/avatar';
import { Icon, type IconName } from '../ui/icons';

export type Drawer = 'conversations' | 'friends';

interface Props {
  active: ConversationId;
  title: string;
  peer: FriendEntry | undefined;
  /** The side column open over the conversation in a narrow window, if any. */
  drawer: Drawer | null;
  onToggle: (drawer: Drawer) => void;
  /** Unread messages in other conversations, shown on the toggle while the list is folded away. */
  unreadElsewhere: number;
  /** Friend requests waiting, shown on the friends toggle. */
  requests: number;
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
export function ConversationHeader({
  active,
  title,
  peer,
  drawer,
  onToggle,
  unreadElsewhere,
  requests,
}: Props) {
  return (
    <header className="conversation-header">
      <DrawerToggle
        drawer="conversations"
        controls="sidebar"
        icon="menu"
        label={unreadElsewhere ? `Conversations, ${unreadElsewhere} unread` : 'Conversations'}
        flagged={unreadElsewhere > 0}
        open={drawer === 'conversations'}
        onToggle={onToggle}
      />
      {peer ? (
        <Avatar name={peer.username} online={peer.online} />
      ) : (
        <span className="conversation-icon large" aria-hidden="true">
          <Icon name={active === ROOM ? 'hash' : 'at'} size={20} />
        </span>
      )}
      <div className="conversation-heading">
        <h1 id="conversation-title" title={title}>
          {title}
        </h1>
        <p className="muted">
          {active === ROOM
            ? 'Everyone in this room'
            : peer
              ? `Direct messages · ${peer.online ? 'online' : 'offline'}`
              : 'Direct messages'}
        </p>
      </div>
      <DrawerToggle
        drawer="friends"
        controls="friends-panel"
        icon="users"
        label={requests ? `Friends, ${requests} requests` : 'Friends'}
        flagged={requests > 0}
        open={drawer === 'friends'}
        onToggle={onToggle}
      />
    </header>
  );
}

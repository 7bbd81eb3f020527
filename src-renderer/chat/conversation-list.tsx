import type { ConversationId } from '../../src-shared/ipc';
import type { FriendEntry } from '../../src-shared/protocol';
import { Avatar } from '../ui/avatar';
import { Icon } from '../ui/icons';
import { conversationTitle } from './conversation-title';

interface Props {
  conversations: readonly ConversationId[];
  active: ConversationId;
  unread: Readonly<Record<ConversationId, number>>;
  friends: readonly FriendEntry[];
  onOpen: (conversation: ConversationId) => void;
}

export function ConversationList({ conversations, active, unread, friends, onOpen }: Props) {
  const online = new Map(friends.map((f) => [f.username, f.online]));
  return (
    <nav className="conversations" aria-label="Conversations">
      <ul>
        {conversations.map((id) => {
          const count = id === active ? 0 : (unread[id] ?? 0);
          const title = conversationTitle(id);
          const name = id.startsWith('@') ? id.slice(1) : null;
          const presence = name === null ? undefined : online.get(name);
          return (
            <li key={id}>
              <button
                type="button"
                className={`conversation${id === active ? ' active' : ''}${count ? ' has-unread' : ''}`}
                aria-current={id === active ? 'page' : undefined}
                onClick={() => onOpen(id)}
              >
                {name === null ? (
                  <span className="conversation-icon" aria-hidden="true">
                    <Icon name="hash" />
                  </span>
                ) : (
                  <Avatar name={name} online={presence} size="small" />
                )}
                <span className="conversation-name">{title}</span>
                {presence !== undefined && (
                  <span className="visually-hidden">{presence ? 'online' : 'offline'}</span>
                )}
                {count > 0 && (
                  <span className="badge">
                    {count > 99 ? '99+' : count}
                    <span className="visually-hidden"> unread</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

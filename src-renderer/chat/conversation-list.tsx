import type { ConversationId } from '../../src-shared/ipc';
import type { FriendEntry } from '../../src-shared/protocol';
import { intl, t } from '../i18n/intl';
import { Avatar } from '../ui/avatar';
import { Icon, type IconName } from '../ui/icons';
import { conversationTitle } from './conversation-title';

interface ButtonProps {
  id: ConversationId;
  title: string;
  /** A room's icon; a direct conversation shows the person's avatar instead. */
  icon?: IconName;
  /** A direct conversation's peer presence (said in words too). */
  presence?: boolean;
  count: number;
  /** How many of the unread messages mention the user: an "@" beside the count. */
  mentions?: number;
  /** The user muted it: a bell-off icon, and its count shown quietly. */
  muted?: boolean;
  active: boolean;
  onOpen: (conversation: ConversationId) => void;
}

/** One conversation in the sidebar: icon or avatar, name, muted mark, unread badge. */
export function ConversationButton(props: ButtonProps) {
  const { id, title, icon, presence, count, mentions = 0, muted, active, onOpen } = props;
  const shown = active ? 0 : count;
  return (
    <li>
      <button
        type="button"
        className={`conversation${active ? ' active' : ''}${shown ? ' has-unread' : ''}`}
        aria-current={active ? 'page' : undefined}
        onClick={() => onOpen(id)}
      >
        {icon ? (
          <span className="conversation-icon" aria-hidden="true">
            <Icon name={icon} />
          </span>
        ) : (
          <Avatar name={title} online={presence} size="small" />
        )}
        <span className="conversation-name">{title}</span>
        {presence !== undefined && (
          <span className="visually-hidden">{presence ? t('chat.list.online') : t('chat.list.offline')}</span>
        )}
        {muted && (
          <span className="muted-mark" title={t('chat.list.mutedTitle')}>
            <Icon name="bellOff" size={15} />
            <span className="visually-hidden">{t('chat.list.muted')}</span>
          </span>
        )}
        {shown > 0 && mentions > 0 && (
          <span className="badge mention" title={t('chat.list.mentionsTitle')}>
            <span aria-hidden="true">@</span>
            <span className="visually-hidden">{t('chat.list.mentions')}</span>
          </span>
        )}
        {shown > 0 && (
          <span className={muted ? 'badge quiet' : 'badge'}>
            {shown > 99 ? t('chat.list.manyUnread', { count: 99 }) : intl.formatNumber(shown)}
            <span className="visually-hidden"> {t('chat.list.unread')}</span>
          </span>
        )}
      </button>
    </li>
  );
}

interface Props {
  conversations: readonly ConversationId[];
  active: ConversationId;
  unread: Readonly<Record<ConversationId, number>>;
  mentions: Readonly<Record<ConversationId, number>>;
  friends: readonly FriendEntry[];
  onOpen: (conversation: ConversationId) => void;
}

/** The direct conversations that have something in them, each with the peer's presence. */
export function ConversationList({ conversations, active, unread, mentions, friends, onOpen }: Props) {
  const online = new Map(friends.map((f) => [f.username, f.online]));
  return conversations.map((id) => (
    <ConversationButton
      key={id}
      id={id}
      title={conversationTitle(id)}
      presence={online.get(id.slice(1))}
      count={unread[id] ?? 0}
      mentions={mentions[id] ?? 0}
      active={id === active}
      onOpen={onOpen}
    />
  ));
}

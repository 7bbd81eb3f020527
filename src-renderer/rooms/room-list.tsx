import type { ConversationId, RoomInvite, RoomSummary } from '../../src-shared/ipc';
import { ConversationButton } from '../chat/conversation-list';
import { roomTitle } from '../chat/conversation-title';
import { t } from '../i18n/intl';
import { Icon, type IconName } from '../ui/icons';

interface Props {
  rooms: readonly RoomSummary[];
  invites: readonly RoomInvite[];
  self: string;
  /** Guests stay in the default room: no creating, browsing or invites. */
  guest: boolean;
  active: ConversationId;
  unread: Readonly<Record<ConversationId, number>>;
  /** Unread messages that mention the user, per room (the "@" badge). */
  mentions: Readonly<Record<ConversationId, number>>;
  mutedRooms: readonly ConversationId[];
  onOpen: (conversation: ConversationId) => void;
  onCreate: () => void;
  onBrowse: () => void;
  onJoin: (invite: RoomInvite) => void;
  onDecline: (invite: RoomInvite) => void;
}

export function roomIcon(room: RoomSummary): IconName {
  return room.kind === 'private' ? 'lock' : room.kind === 'group' ? 'users' : 'hash';
}

/** The sidebar's rooms: the default room first, then A–Z; and the private rooms someone invited us to. */
export function RoomList(props: Props) {
  const { rooms, self, guest, active, unread, mentions, mutedRooms, onOpen } = props;
  return (
    <section className="sidebar-section" aria-labelledby="rooms-title">
      <div className="section-head">
        <h2 id="rooms-title" className="section-title">
          {t('rooms.list.title')}
        </h2>
        <span className="section-actions">
          <button
            type="button"
            className="icon-button subtle small"
            aria-label={t('rooms.browse.title')}
            title={t('rooms.browse.title')}
            onClick={props.onBrowse}
          >
            <Icon name="compass" size={16} />
          </button>
          {/* Guests browse the rooms that let guests in, and make none. */}
          {!guest && (
            <button
              type="button"
              className="icon-button subtle small"
              aria-label={t('rooms.create.title')}
              title={t('rooms.create.title')}
              onClick={props.onCreate}
            >
              <Icon name="plus" size={16} />
            </button>
          )}
        </span>
      </div>
      <ul>
        {rooms.map((room) => (
          <ConversationButton
            key={room.id}
            id={room.id}
            title={roomTitle(room, self)}
            icon={roomIcon(room)}
            count={unread[room.id] ?? 0}
            mentions={mentions[room.id] ?? 0}
            muted={mutedRooms.includes(room.id)}
            active={room.id === active}
            onOpen={onOpen}
          />
        ))}
      </ul>
      {props.invites.length > 0 && <Invites {...props} />}
    </section>
  );
}

function Invites({ invites, onJoin, onDecline }: Props) {
  return (
    <section className="invites" aria-labelledby="invites-title">
      <h3 id="invites-title" className="section-title">
        {t('rooms.list.invites')}
      </h3>
      <ul>
        {invites.map((invite) => (
          <li key={invite.id} className="invite">
            <span className="invite-text">
              <strong>{invite.name}</strong>
              <span className="muted">{t('rooms.list.inviteFrom', { name: invite.from })}</span>
            </span>
            <span className="confirm">
              <button
                type="button"
                className="button small primary"
                aria-label={t('rooms.browse.joinName', { name: invite.name })}
                onClick={() => onJoin(invite)}
              >
                {t('rooms.browse.join')}
              </button>
              <button
                type="button"
                className="button small ghost"
                aria-label={t('rooms.list.declineName', { name: invite.name })}
                onClick={() => onDecline(invite)}
              >
                {t('rooms.list.decline')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useState } from 'react';
import type { RoomMember, RoomSummary } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';
import { InviteForm } from './invite-form';
import { MemberRow } from './member-row';
import type { MemberAction } from './permissions';
import { useMembers } from './use-members';

interface Props {
  room: RoomSummary;
  self: string;
  onClose: () => void;
}

async function carryOut(room: RoomSummary, member: RoomMember, action: MemberAction) {
  const { username } = member;
  return action.kind === 'role'
    ? window.hearth.setRoomRole({ room: room.id, username, role: action.role })
    : window.hearth.moderate({ room: room.id, username, action: action.action, minutes: action.minutes });
}

/** Who is in the room: role, presence, guests marked; moderators' actions in each member's menu. */
export function MemberPanel({ room, self, onClose }: Props) {
  const { members, error } = useMembers(room.id);
  const [actionError, setActionError] = useState<string | null>(null);
  const online = members?.filter((m) => m.online).length ?? 0;

  async function act(member: RoomMember, action: MemberAction) {
    const result = await carryOut(room, member, action);
    setActionError(result.ok ? null : result.error);
  }

  return (
    <aside id="member-panel" className="side-panel member-panel" aria-labelledby="member-panel-title">
      <div className="panel-head">
        <h2 id="member-panel-title" className="panel-title">
          {t('rooms.members.title')}
          {members && (
            <span className="muted">{t('rooms.members.online', { online, count: members.length })}</span>
          )}
        </h2>
        <button
          type="button"
          className="icon-button subtle"
          aria-label={t('rooms.members.close')}
          onClick={onClose}
        >
          <Icon name="close" />
        </button>
      </div>
      {room.kind === 'default' && <p className="muted empty-note">{t('rooms.members.defaultNote')}</p>}
      {room.kind === 'private' && room.role !== null && <InviteForm room={room.id} self={self} />}
      {actionError && (
        <p className="field-error" role="alert">
          {asSentence(actionError)}
        </p>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {t('rooms.members.failed', { reason: asSentence(error) })}
        </p>
      ) : members === null ? (
        <p className="muted empty-note">{t('rooms.members.loading')}</p>
      ) : (
        <ul
          className="member-list"
          aria-label={room.name ? t('rooms.members.of', { name: room.name }) : t('rooms.members.ofGroup')}
        >
          {members.map((member) => (
            <MemberRow key={member.username} room={room} member={member} self={self} onAction={act} />
          ))}
        </ul>
      )}
    </aside>
  );
}

import { useState } from 'react';
import type { RoomMember, RoomSummary } from '../../src-shared/ipc';
import { formatTimestamp } from '../format/time';
import { presenceText, useProfile } from '../hooks/use-profiles';
import { t } from '../i18n/intl';
import { Avatar } from '../ui/avatar';
import { MenuButton } from '../ui/menu';
import { GuestBadge } from './guest-badge';
import { type MemberAction, memberActions } from './permissions';

interface Props {
  room: RoomSummary;
  member: RoomMember;
  self: string;
  /** Carry out an action on this member; a refusal comes back as a sentence. */
  onAction: (member: RoomMember, action: MemberAction) => void;
}

const ROLE_LABEL = { owner: 'rooms.role.owner', moderator: 'rooms.role.moderator', member: null } as const;

/** One person in the member list: presence, role, guest badge, mute, and their actions menu. */
export function MemberRow({ room, member, self, onAction }: Props) {
  const [open, setOpen] = useState(false);
  const actions = memberActions(room, member, self);
  const role = ROLE_LABEL[member.role];
  const presence = member.online ? 'online' : 'offline';
  const profile = useProfile(member.guest ? null : member.username);
  // A display name can be anything; the username beside it is who this is (think impersonation).
  const shown = profile?.displayName ?? null;
  const status = presenceText(profile, member.online, false);
  return (
    <li
      className="member"
      data-presence={presence}
      onContextMenu={(event) => {
        if (actions.length === 0) return;
        event.preventDefault();
        setOpen(true);
      }}
    >
      <Avatar name={member.username} online={member.online} size="small" />
      <span className="member-text">
        <span className="member-name">
          <span
            className="friend-name"
            title={
              shown ? t('chat.person.title', { name: shown, username: member.username }) : member.username
            }
          >
            {shown ?? member.username}
          </span>
          {shown && <span className="muted member-username">@{member.username}</span>}
          {member.guest && <GuestBadge />}
          {member.username.toLowerCase() === self.toLowerCase() && (
            <span className="muted"> {t('rooms.members.you')}</span>
          )}
        </span>
        <span className="member-detail">
          <span className={`presence ${presence}`}>{status}</span>
          {member.online && profile?.statusText && <span className="muted">{profile.statusText}</span>}
          {role && <span className={`role-tag ${member.role}`}>{t(role)}</span>}
          {member.mutedUntil && (
            <span className="muted">
              {t('rooms.members.mutedUntil', { time: formatTimestamp(member.mutedUntil) })}
            </span>
          )}
        </span>
      </span>
      {actions.length > 0 && (
        <MenuButton
          label={t('rooms.members.actions', { name: member.username })}
          open={open}
          onOpenChange={setOpen}
          items={actions.map((action) => ({
            label: action.label,
            danger: action.kind === 'moderate' && (action.action === 'ban' || action.action === 'remove'),
            onSelect: () => onAction(member, action),
          }))}
        />
      )}
    </li>
  );
}

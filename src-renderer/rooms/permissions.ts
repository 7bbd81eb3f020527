// What the UI offers to whom in a room. The server decides every request on its own (docs/protocol.md
// § Rooms); these rules only keep people from being shown buttons that would be refused.
import type { ModerationAction, RoomMember, RoomRole, RoomSummary } from '../../src-shared/ipc';
import { formatTimestamp } from '../format/time';
import { t } from '../i18n/intl';

export function isModerator(role: RoomRole | null | undefined): boolean {
  return role === 'owner' || role === 'moderator';
}

export type MemberAction =
  | { kind: 'role'; role: 'moderator' | 'member'; label: string }
  | { kind: 'moderate'; action: ModerationAction; minutes?: number; label: string };

const MUTES = [
  { minutes: 10, label: () => t('rooms.mute.minutes', { count: 10 }) },
  { minutes: 60, label: () => t('rooms.mute.hours', { count: 1 }) },
  { minutes: 24 * 60, label: () => t('rooms.mute.days', { count: 1 }) },
] as const;

/**
 * The actions the viewer may take on one member: owners everything on anyone else; moderators remove,
 * ban and mute plain members only; nobody acts on themself, and group conversations have no moderation.
 * Guests get no role and no ban (no account), and are muted only in the default room.
 */
export function memberActions(room: RoomSummary, target: RoomMember, self: string): MemberAction[] {
  if (room.kind === 'group' || target.username.toLowerCase() === self.toLowerCase()) return [];
  const owner = room.role === 'owner';
  if (!owner && !(room.role === 'moderator' && target.role === 'member')) return [];
  if (target.role === 'owner') return [];
  const actions: MemberAction[] = [];
  if (owner && !target.guest) {
    actions.push(
      target.role === 'moderator'
        ? { kind: 'role', role: 'member', label: t('rooms.action.makeMember') }
        : { kind: 'role', role: 'moderator', label: t('rooms.action.makeModerator') },
    );
  }
  // A guest has no account to ban, and outside the default room no stored membership to mute.
  if (target.mutedUntil)
    actions.push({ kind: 'moderate', action: 'unmute', label: t('rooms.action.unmute') });
  else if (!target.guest || room.kind === 'default') {
    for (const m of MUTES)
      actions.push({ kind: 'moderate', action: 'mute', minutes: m.minutes, label: m.label() });
  }
  const place = room.kind === 'default' ? 'server' : 'room';
  actions.push({ kind: 'moderate', action: 'remove', label: t('rooms.action.remove', { place }) });
  if (!target.guest)
    actions.push({ kind: 'moderate', action: 'ban', label: t('rooms.action.ban', { place }) });
  return actions;
}

/** Which parts of the settings dialog the viewer gets. */
export function settingsAccess(room: RoomSummary) {
  const manages = isModerator(room.role) && room.kind !== 'group';
  const owns = room.role === 'owner' && room.kind !== 'group' && room.kind !== 'default';
  return {
    /** Rename, topic, read-only. */
    edit: manages,
    /** Public or private, archive. */
    own: owns,
    leave: room.kind !== 'default' && room.role !== null,
  };
}

/** Whether this user may delete a message: their own anywhere, any message in a room they moderate. */
export function canDelete(own: boolean, room: RoomSummary | undefined): boolean {
  return own || (room !== undefined && room.kind !== 'group' && isModerator(room.role));
}

/** Why the composer is closed in this room right now, as a sentence, or null if the user may post. */
export function postingBlock(room: RoomSummary | undefined, now: number): string | null {
  if (!room) return null;
  if ((room.readOnly || room.archived) && !isModerator(room.role)) {
    return room.archived ? t('rooms.posting.archived') : t('rooms.posting.readOnly');
  }
  if (room.mutedUntil && Date.parse(room.mutedUntil) > now) {
    return t('rooms.posting.muted', { time: formatTimestamp(room.mutedUntil) });
  }
  return null;
}

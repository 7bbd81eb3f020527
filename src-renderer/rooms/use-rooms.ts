import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppState, ConversationId, RoomInvite, Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { roomTitle } from '../chat/conversation-title';
import type { TimelineStore } from '../conversations/use-timelines';
import { useHearthEvent } from '../hooks/use-hearth-event';
import { t } from '../i18n/intl';
import { removalText } from './removal-text';
import { orderRooms } from './room-order';

export type RoomDialog = 'create' | 'browse' | 'group' | 'settings';

/**
 * The rooms side of the chat screen: the ordered lists, the invites, which dialog is open,
 * and what happens when the user is out of a room (the view moves to the default room, which says why).
 */
export function useRooms(
  state: AppState,
  session: Session,
  active: ConversationId,
  open: (conversation: ConversationId) => void,
  note: TimelineStore['note'],
) {
  const { invites } = state.rooms;
  const all = state.rooms.rooms;
  const ordered = useMemo(() => orderRooms(all, session.username), [all, session.username]);
  const [dialog, setDialog] = useState<RoomDialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A removed room may be gone from the list before its removal is told: its name is remembered.
  const names = useRef(new Map<ConversationId, string>());
  for (const room of all) names.current.set(room.id, roomTitle(room, session.username));

  // A room that was listed and is gone (left elsewhere, removed, archived away) cannot stay open. One not
  // listed yet (just created or joined, its `rooms` event still on the way) can.
  const listed = all.some((r) => r.id === active);
  useEffect(() => {
    if (!listed && active !== ROOM && names.current.has(active)) open(ROOM);
  }, [listed, active, open]);

  useHearthEvent('roomRemoved', (removal) => {
    const name = names.current.get(removal.room) ?? t('rooms.removal.someRoom');
    if (active === removal.room) open(ROOM);
    note({
      conversation: ROOM,
      kind: 'info',
      text: removalText(removal, name),
      timestamp: new Date().toISOString(),
    });
  });

  async function join(invite: RoomInvite) {
    const result = await window.hearth.joinRoom(invite.id);
    setError(result.ok ? null : result.error);
    if (result.ok) open(result.value.id);
  }

  return {
    ...ordered,
    /** The user left `name` from its settings. */
    left(name: string) {
      open(ROOM);
      note({
        conversation: ROOM,
        kind: 'info',
        text: t('rooms.removal.left', { name }),
        timestamp: new Date().toISOString(),
      });
    },
    invites,
    muted: state.mutedRooms,
    activeRoom: all.find((r) => r.id === active),
    /** Whether the host lets guests in at all (the default room says so): else no room can. */
    serverGuests: all.find((r) => r.kind === 'default')?.guests ?? true,
    dialog,
    setDialog,
    error,
    join,
    /** The room keeps the decline: the invite goes from every device (from this one at the answer). */
    async decline(invite: RoomInvite) {
      const result = await window.hearth.declineInvite(invite.id);
      setError(result.ok ? null : result.error);
    },
  };
}

export type RoomsView = ReturnType<typeof useRooms>;

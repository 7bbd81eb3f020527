import { useMemo, useRef, useState } from 'react';
import type { AppState, ConversationId, HearthEvents, RoomInvite, Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { roomTitle } from '../chat/conversation-title';
import type { TimelineStore } from '../conversations/use-timelines';
import { useHearthEvent } from '../hooks/use-hearth-event';
import { orderRooms } from './room-order';

export type RoomDialog = 'create' | 'browse' | 'group' | 'settings';

type Removal = HearthEvents['roomRemoved'];

/** What the default room says when the user is out of another room, naming who and which. */
export function removalText({ reason, by }: Removal, name: string): string {
  if (reason === 'left') return `You left ${name}.`;
  const verb = reason === 'banned' ? 'banned' : 'removed';
  return by ? `${by} ${verb} you from ${name}.` : `You were ${verb} from ${name}.`;
}

/**
 * The rooms side of the chat screen: the ordered lists, invites not declined here, which dialog is open,
 * and what happens when the user is out of a room (the view moves to the default room, which says why).
 */
export function useRooms(
  state: AppState,
  session: Session,
  active: ConversationId,
  open: (conversation: ConversationId) => void,
  note: TimelineStore['note'],
) {
  const { rooms: all, invites } = state.rooms;
  const ordered = useMemo(() => orderRooms(all, session.username), [all, session.username]);
  const [declined, setDeclined] = useState<ReadonlySet<ConversationId>>(new Set());
  const [dialog, setDialog] = useState<RoomDialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A removed room may be gone from the list before its removal is told: its name is remembered.
  const names = useRef(new Map<ConversationId, string>());
  for (const room of all) names.current.set(room.id, roomTitle(room, session.username));

  useHearthEvent('roomRemoved', (removal) => {
    const name = names.current.get(removal.room) ?? 'a room';
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
        text: `You left ${name}.`,
        timestamp: new Date().toISOString(),
      });
    },
    invites: invites.filter((i) => !declined.has(i.id)),
    muted: state.mutedRooms,
    activeRoom: all.find((r) => r.id === active),
    dialog,
    setDialog,
    error,
    join,
    decline: (invite: RoomInvite) => setDeclined((d) => new Set([...d, invite.id])),
  };
}

export type RoomsView = ReturnType<typeof useRooms>;

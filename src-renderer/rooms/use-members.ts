import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationId, RoomMember } from '../../src-shared/ipc';
import { naturalCompare } from '../format/natural-order';
import { useHearthEvent } from '../hooks/use-hearth-event';

const RANK = { owner: 0, moderator: 1, member: 2 } as const;
/** Joins and leaves come in bursts; one refetch after the burst settles is enough. */
const REFETCH_AFTER_MS = 400;

/** The server's order: owner, moderators, then who is online, then by name. */
function byStanding(a: RoomMember, b: RoomMember): number {
  return (
    RANK[a.role] - RANK[b.role] ||
    Number(b.online) - Number(a.online) ||
    naturalCompare(a.username, b.username)
  );
}

function applyChange(list: readonly RoomMember[], username: string, member: RoomMember | null): RoomMember[] {
  const rest = list.filter((m) => m.username.toLowerCase() !== username.toLowerCase());
  return member ? [...rest, member].sort(byStanding) : rest;
}

export interface Members {
  members: readonly RoomMember[] | null;
  error: string | null;
}

/**
 * A room's member list: fetched when shown, kept current by `member` pushes, and fetched again after the
 * room's own notices (joins, leaves, moderation), which the default room sends instead of member pushes.
 * `null`: no room (a direct conversation), nothing fetched.
 */
export function useMembers(room: ConversationId | null): Members {
  const [state, setState] = useState<Members>({ members: null, error: null });
  const timer = useRef<number | undefined>(undefined);
  const current = useRef(room);
  current.current = room;

  const load = useCallback(async (asked: ConversationId | null) => {
    if (asked === null) return;
    const result = await window.hearth.roomMembers(asked);
    if (asked !== current.current) return;
    setState(result.ok ? { members: result.value, error: null } : { members: null, error: result.error });
  }, []);

  useEffect(() => {
    setState({ members: null, error: null });
    void load(room);
    return () => window.clearTimeout(timer.current);
  }, [room, load]);

  const later = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void load(room), REFETCH_AFTER_MS);
  };
  useHearthEvent('member', (change) => {
    if (change.room !== room) return;
    setState((s) =>
      s.members ? { ...s, members: applyChange(s.members, change.username, change.member) } : s,
    );
  });
  useHearthEvent('notice', (notice) => notice.conversation === room && later());
  useHearthEvent('message', (message) => message.conversation === room && message.notice && later());
  return state;
}

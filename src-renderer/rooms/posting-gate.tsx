import { useEffect, useState } from 'react';
import type { RoomSummary } from '../../src-shared/ipc';
import { Icon } from '../ui/icons';
import { postingBlock } from './permissions';

/** Why this user cannot post in the room now, or null; a mute re-opens the composer when it ends. */
export function usePostingBlock(room: RoomSummary | undefined): string | null {
  const [now, setNow] = useState(() => Date.now());
  const until = room?.mutedUntil ? Date.parse(room.mutedUntil) : Number.NaN;
  useEffect(() => {
    const wait = until - Date.now();
    if (!(wait > 0)) return;
    // Capped: a timer longer than 2^31 ms fires at once.
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(wait + 250, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [until]);
  return postingBlock(room, Math.max(now, Date.now()));
}

/** In place of the composer when the room does not let this user post. */
export function PostingClosed({ reason }: { reason: string }) {
  return (
    <div className="composer composer-closed" role="status">
      <Icon name="lock" size={16} />
      <span>{reason}</span>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { useHearthEvent } from '../hooks/use-hearth-event';

const REFETCH_AFTER_MS = 500;
/** Guest names remembered per session, at most; the oldest are forgotten first (their badge with them). */
const MAX_REMEMBERED = 5000;

function remember(known: ReadonlySet<string>, found: readonly string[]): ReadonlySet<string> {
  if (found.every((g) => known.has(g))) return known;
  const all = [...known, ...found.filter((g) => !known.has(g))];
  return new Set(all.slice(Math.max(0, all.length - MAX_REMEMBERED)));
}

/**
 * Who among the people on the server is a guest, so their names get a badge. Messages do not say it; the
 * default room's member list does (guests are only ever there, and only while online), so it is read at
 * the start and again after arrivals settle.
 */
export function useGuests(session: Session): (name: string) => boolean {
  const [guests, setGuests] = useState<ReadonlySet<string>>(new Set());
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    const result = await window.hearth.roomMembers(ROOM);
    if (!result.ok) return;
    const found = result.value.filter((m) => m.guest).map((m) => m.username.toLowerCase());
    // A guest who left keeps the badge on what they wrote: the name stays theirs for this session.
    setGuests((known) => remember(known, found));
  }, []);

  useEffect(() => {
    void load();
    return () => window.clearTimeout(timer.current);
  }, [load]);

  useHearthEvent('notice', (notice) => {
    if (notice.conversation !== ROOM || notice.kind !== 'join') return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void load(), REFETCH_AFTER_MS);
  });
  useHearthEvent('member', ({ member }) => {
    const name = member?.guest ? member.username.toLowerCase() : null;
    if (name) setGuests((known) => remember(known, [name]));
  });

  const self = session.guest ? session.username.toLowerCase() : null;
  return useCallback(
    (name: string) => name.toLowerCase() === self || guests.has(name.toLowerCase()),
    [guests, self],
  );
}

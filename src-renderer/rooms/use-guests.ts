import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/limits';
import { useHearthEvent } from '../hooks/use-hearth-event';

const REFETCH_AFTER_MS = 500;

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
    setGuests((known) => (found.every((g) => known.has(g)) ? known : new Set([...known, ...found])));
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
    if (name) setGuests((known) => (known.has(name) ? known : new Set([...known, name])));
  });

  const self = session.guest ? session.username.toLowerCase() : null;
  return useCallback(
    (name: string) => name.toLowerCase() === self || guests.has(name.toLowerCase()),
    [guests, self],
  );
}

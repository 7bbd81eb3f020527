import { useEffect, useMemo, useRef, useState } from 'react';
import type { FriendsSnapshot } from '../../src-shared/protocol';
import { PRESENCE_GRACE_MS } from './presence-grace';

/** The friends snapshot with offline shown only once it has lasted the grace period. */
export function useSteadyPresence(snapshot: FriendsSnapshot, graceMs = PRESENCE_GRACE_MS): FriendsSnapshot {
  const previous = useRef(new Map<string, boolean>());
  const offlineSince = useRef(new Map<string, number>());
  const [now, setNow] = useState(() => Date.now());

  // Transitions are read once per snapshot: online → offline starts the grace, online again ends it.
  const changedAt = useMemo(() => {
    const at = Date.now();
    for (const { username, online } of snapshot.friends) {
      if (online) offlineSince.current.delete(username);
      else if (previous.current.get(username)) offlineSince.current.set(username, at);
    }
    previous.current = new Map(snapshot.friends.map((f) => [f.username, f.online]));
    return at;
  }, [snapshot.friends]);

  const clock = Math.max(now, changedAt);
  const held = (username: string) => {
    const since = offlineSince.current.get(username);
    return since !== undefined && clock - since < graceMs;
  };
  const steady = snapshot.friends.map((f) => (f.online || !held(f.username) ? f : { ...f, online: true }));
  const holding = steady.some((f, i) => f !== snapshot.friends[i]);

  useEffect(() => {
    if (!holding) return;
    const timer = window.setInterval(() => setNow(Date.now()), graceMs / 4);
    return () => window.clearInterval(timer);
  }, [holding, graceMs]);

  return holding ? { ...snapshot, friends: steady } : snapshot;
}

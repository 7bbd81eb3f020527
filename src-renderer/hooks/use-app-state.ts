import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppState } from '../../src-shared/ipc';

type PushedKey =
  | 'connection'
  | 'session'
  | 'friends'
  | 'host'
  | 'internet'
  | 'rooms'
  | 'mutedRooms'
  | 'settings';

/**
 * The main process's state, kept current by its events. An event that arrives while a `getState` is in
 * flight is newer than the snapshot that call returns, so it wins the merge.
 */
export function useAppState(): { state: AppState | null; refresh: () => void } {
  const [state, setState] = useState<AppState | null>(null);
  const pushedSinceRequest = useRef(new Set<PushedKey>());
  const pushedValues = useRef<Partial<AppState>>({});

  const refresh = useCallback(() => {
    pushedSinceRequest.current = new Set();
    const pushed = pushedSinceRequest.current;
    window.hearth.getState().then((snapshot) => {
      const newer: Partial<AppState> = {};
      for (const key of pushed) Object.assign(newer, { [key]: pushedValues.current[key] });
      setState({ ...snapshot, ...newer });
    });
  }, []);

  useEffect(() => {
    const { hearth } = window;
    const keep =
      <K extends PushedKey>(key: K) =>
      (value: AppState[K]) => {
        pushedSinceRequest.current.add(key);
        pushedValues.current[key] = value;
        setState((s) => (s ? { ...s, [key]: value } : s));
      };
    const offs = [
      hearth.on('connection', keep('connection')),
      hearth.on('session', keep('session')),
      hearth.on('friends', keep('friends')),
      hearth.on('host', keep('host')),
      hearth.on('internet', keep('internet')),
      hearth.on('rooms', keep('rooms')),
      hearth.on('mutedRooms', keep('mutedRooms')),
      hearth.on('settings', keep('settings')),
    ];
    refresh();
    return () => {
      for (const off of offs) off();
    };
  }, [refresh]);

  return { state, refresh };
}

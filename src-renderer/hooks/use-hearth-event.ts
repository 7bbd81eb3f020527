import { useEffect, useRef } from 'react';
import type { HearthEvents } from '../../src-shared/ipc';

/** Subscribe to one pushed event for the lifetime of the component; the latest listener is always called. */
export function useHearthEvent<E extends keyof HearthEvents>(
  event: E,
  listener: (payload: HearthEvents[E]) => void,
): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => window.hearth.on(event, (payload) => latest.current(payload)), [event]);
}

import { useEffect, useState } from 'react';

/** Whole seconds until `at` (ms since epoch), re-rendered twice a second while there is a time to wait for. */
export function useSecondsUntil(at: number | null): number | null {
  const [, tick] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 500);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../src-shared/ipc';
import { Icon } from '../ui/icons';

/** Seconds until the next attempt, ticking down; null when no attempt is scheduled. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Shown while the link to the room is down and the app is trying to get it back. */
export function ReconnectBanner({ connection }: { connection: ConnectionStatus }) {
  const seconds = useSecondsUntil(connection.state === 'reconnecting' ? connection.nextAttemptAt : null);
  if (connection.state !== 'reconnecting') return null;
  const when = seconds === null || seconds === 0 ? 'now' : `in ${seconds} s`;
  return (
    <div className="banner" role="status">
      <Icon name="wifiOff" />
      <span>
        <strong>Connection lost. Reconnecting {when}…</strong>
        {connection.error && <span className="banner-detail"> {connection.error}</span>}
      </span>
    </div>
  );
}

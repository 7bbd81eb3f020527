import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { Icon } from '../ui/icons';

/** Whole seconds until `at`, re-rendered twice a second while an attempt is scheduled. */
function useSecondsUntil(at: number | null): number | null {
  const [, tick] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 500);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Shown while the link to the room is down and the app is trying to get it back. */
export function ReconnectBanner({ connection }: { connection: ConnectionStatus }) {
  const seconds = useSecondsUntil(connection.state === 'reconnecting' ? connection.nextAttemptAt : null);
  if (connection.state !== 'reconnecting') return null;
  const when = seconds ? `in ${seconds} s` : 'now';
  return (
    <div className="banner" role="status">
      <Icon name="wifiOff" />
      <span>
        <strong>Reconnecting {when}…</strong>{' '}
        <span className="banner-detail">
          {asSentence(connection.error ?? 'The connection to the room was lost')} Messages you write now are
          sent when it is back.
        </span>
      </span>
    </div>
  );
}

import type { ConnectionStatus } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { useSecondsUntil } from '../hooks/use-seconds-until';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

/** Shown while the link to the room is down and the app is trying to get it back. */
export function ReconnectBanner({ connection }: { connection: ConnectionStatus }) {
  const seconds = useSecondsUntil(connection.state === 'reconnecting' ? connection.nextAttemptAt : null);
  if (connection.state !== 'reconnecting') return null;
  // docs/protocol.md § Notices: the room said goodbye, so this is a closed room, not a failing network.
  if (connection.roomClosed) {
    return (
      <div className="banner" role="status">
        <Icon name="home" />
        <span className="grow">
          <strong>{t('chat.reconnect.closed')}</strong>{' '}
          <span className="banner-detail">{t('chat.reconnect.closedDetail')}</span>
        </span>
        <button type="button" className="button small primary" onClick={() => window.hearth.reconnectNow()}>
          {t('chat.reconnect.now')}
        </button>
        <button type="button" className="button small secondary" onClick={() => window.hearth.disconnect()}>
          {t('chat.reconnect.leave')}
        </button>
      </div>
    );
  }
  return (
    <div className="banner" role="status">
      <Icon name="wifiOff" />
      <span>
        {/* The status is said when it changes: the seconds tick on screen only, not aloud every second. */}
        <strong>
          <span aria-hidden="true">{t('chat.reconnect.in', { seconds: seconds ?? 0 })}</span>
          <span className="visually-hidden">{t('chat.me.reconnecting')}</span>
        </strong>{' '}
        <span className="banner-detail">
          {connection.error ? asSentence(connection.error) : t('chat.reconnect.lost')}{' '}
          {t('chat.reconnect.queued')}
        </span>
      </span>
    </div>
  );
}

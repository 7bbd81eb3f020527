import type { ConnectionStatus } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { useSecondsUntil } from '../hooks/use-seconds-until';
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
          <strong>The host closed the room.</strong>{' '}
          <span className="banner-detail">
            Hearth reconnects by itself when it opens again; messages you write now are sent then.
          </span>
        </span>
        <button type="button" className="button small primary" onClick={() => window.hearth.reconnectNow()}>
          Reconnect
        </button>
        <button type="button" className="button small secondary" onClick={() => window.hearth.disconnect()}>
          Leave
        </button>
      </div>
    );
  }
  const when = seconds ? `in ${seconds} s` : 'now';
  return (
    <div className="banner" role="status">
      <Icon name="wifiOff" />
      <span>
        {/* The status is said when it changes: the seconds tick on screen only, not aloud every second. */}
        <strong>
          <span aria-hidden="true">Reconnecting {when}…</span>
          <span className="visually-hidden">Reconnecting…</span>
        </strong>{' '}
        <span className="banner-detail">
          {asSentence(connection.error ?? 'The connection to the room was lost')} Messages you write now are
          sent when it is back.
        </span>
      </span>
    </div>
  );
}

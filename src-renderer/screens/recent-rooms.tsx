import type { ServerAddress } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

interface Props {
  recent: readonly ServerAddress[];
  busy: boolean;
  onPick: (server: ServerAddress) => void;
}

/** Rooms used before, newest first: one click connects again. */
export function RecentRooms({ recent, busy, onPick }: Props) {
  if (recent.length === 0) return null;
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('screens.recent.title')}</h2>
      <ul>
        {recent.map((server) => (
          <li key={`${server.host}:${server.port}`}>
            <button type="button" className="recent-server" disabled={busy} onClick={() => onPick(server)}>
              <Icon name="server" />
              <span>
                {server.host}
                <span className="muted">:{server.port}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

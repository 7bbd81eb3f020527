import type { ConnectionStatus } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { Fingerprint } from '../ui/fingerprint';
import { Icon } from '../ui/icons';

/**
 * What the app knows about the room's identity: on a first visit its certificate was just pinned, so the
 * fingerprint is shown for comparing with the host's screen; afterwards a line says it still matches.
 */
export function RoomIdentity({ connection, ownRoom }: { connection: ConnectionStatus; ownRoom: boolean }) {
  if (!connection.fingerprint) return null;
  if (ownRoom) {
    return (
      <p className="identity-line">
        <Icon name="lock" size={15} />
        {t('screens.identity.own')}
      </p>
    );
  }
  if (!connection.newlyPinned) {
    return (
      <p className="identity-line">
        <Icon name="lock" size={15} />
        {t('screens.identity.known')}
      </p>
    );
  }
  return (
    <section className="identity-card" aria-labelledby="identity-title">
      <h2 id="identity-title" className="identity-title">
        <Icon name="lock" size={16} />
        {t('screens.identity.firstTitle')}
      </h2>
      <p className="muted">{t('screens.identity.first')}</p>
      <Fingerprint value={connection.fingerprint} label={t('screens.identity.fingerprint')} />
    </section>
  );
}

import type { Session } from '../../src-shared/ipc';
import { presenceText, shownName, useProfile } from '../hooks/use-profiles';
import { t } from '../i18n/intl';

/** Who is logged in, at the bottom of the sidebar: display name, and the status (or guest, reconnecting). */
export function MeLine({ session, connected }: { session: Session; connected: boolean }) {
  const profile = useProfile(session.guest ? null : session.username);
  return (
    <span className="me-text">
      <strong>{shownName(session.username, profile)}</strong>
      <span className="muted">
        {session.guest
          ? t('chat.me.guest')
          : connected
            ? presenceText(profile, true)
            : t('chat.me.reconnecting')}
      </span>
    </span>
  );
}

import { t } from '../i18n/intl';

/** Marks a guest's name wherever it appears: a guest named "admin" must not pass for an account holder. */
export function GuestBadge() {
  return (
    <span className="guest-badge" title={t('rooms.guest.title')}>
      {t('rooms.guest.badge')}
    </span>
  );
}

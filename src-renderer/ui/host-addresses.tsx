import { useState } from 'react';
import { t } from '../i18n/intl';

/** The addresses friends can type into their Connect screen, each with a copy button. */
export function HostAddresses({ addresses }: { addresses: readonly string[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  if (addresses.length === 0) {
    return <p className="muted">{t('ui.addresses.none')}</p>;
  }
  return (
    <ul className="addresses" aria-label={t('screens.auth.addresses')}>
      {addresses.map((address) => (
        <li key={address}>
          <code>{address}</code>
          <button
            type="button"
            className="button small ghost"
            aria-label={t('ui.addresses.copyOne', { address })}
            onClick={() =>
              navigator.clipboard.writeText(address).then(
                () => setCopied(address),
                () => setCopied(null),
              )
            }
          >
            {copied === address ? t('screens.inviteLinks.copied') : t('ui.addresses.copy')}
          </button>
        </li>
      ))}
    </ul>
  );
}

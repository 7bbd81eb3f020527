import { useState } from 'react';
import type { InternetStatus } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { tx } from '../i18n/rich';
import { FormError } from '../ui/field';
import { Icon } from '../ui/icons';

/** Ask the home router to forward a public port to the room, and show the address people outside use. */
export function InternetAccess({ internet }: { internet: InternetStatus }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(open: boolean) {
    setBusy(true);
    setError(null);
    const result = open ? await window.hearth.openToInternet() : await window.hearth.closeToInternet();
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  const open = internet.state === 'open';
  return (
    <section className="internet" aria-labelledby="internet-title">
      <h3 id="internet-title" className="internet-title">
        <Icon name="globe" size={16} />
        {open ? t('screens.internet.open') : t('screens.internet.title')}
      </h3>
      {open && internet.publicHost && internet.publicPort ? (
        <p>
          {tx('screens.internet.joinAt', {
            address: (
              <code>
                {internet.publicHost}:{internet.publicPort}
              </code>
            ),
          })}
          {internet.method ? (
            <span className="muted"> {t('screens.internet.method', { method: internet.method })}</span>
          ) : null}
        </p>
      ) : (
        <p className="muted">{t('screens.internet.hint')}</p>
      )}
      {(error ?? internet.error) && <FormError>{error ?? internet.error}</FormError>}
      <button
        type="button"
        className="button small secondary"
        disabled={busy || internet.state === 'opening'}
        onClick={() => toggle(!open)}
      >
        {internet.state === 'opening'
          ? t('screens.internet.asking')
          : open
            ? t('screens.internet.close')
            : t('screens.internet.openAction')}
      </button>
    </section>
  );
}

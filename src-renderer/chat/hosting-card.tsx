import { useState } from 'react';
import type { HostStatus } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { HostAddresses } from '../ui/host-addresses';

/** While this computer hosts the room: where friends reach it, and the way to stop it (after a second look). */
export function HostingCard({ host }: { host: HostStatus }) {
  const [confirming, setConfirming] = useState(false);
  // Counted when asked, so the number is the one that is true at that moment.
  const [people, setPeople] = useState<number | null>(null);
  const others = people === null ? null : Math.max(0, people - 1);

  async function askFirst() {
    setPeople(null);
    setConfirming(true);
    const counted = await window.hearth.countPeople();
    setPeople(counted.ok ? counted.value : null);
  }

  return (
    <section className="hosting-card" aria-labelledby="hosting-card-title">
      <h2 id="hosting-card-title" className="section-title">
        <span className="dot online" aria-hidden="true" />{' '}
        {t('chat.hosting.onPort', { port: String(host.port) })}
      </h2>
      <HostAddresses addresses={host.addresses} />
      {confirming ? (
        <fieldset className="stop-confirm">
          <legend className="visually-hidden">{t('chat.hosting.stopQuestion')}</legend>
          <p>
            {others === null
              ? t('chat.hosting.everyoneDisconnected')
              : t('chat.hosting.othersDisconnected', { count: others })}
          </p>
          <span className="confirm">
            <button type="button" className="button small danger" onClick={() => window.hearth.stopHost()}>
              {t('chat.hosting.stopRoom')}
            </button>
            <button type="button" className="button small ghost" onClick={() => setConfirming(false)}>
              {t('chat.hosting.keep')}
            </button>
          </span>
        </fieldset>
      ) : (
        <button type="button" className="button small secondary" onClick={askFirst}>
          {t('chat.hosting.stop')}
        </button>
      )}
    </section>
  );
}

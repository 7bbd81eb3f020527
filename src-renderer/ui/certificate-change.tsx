import { useState } from 'react';
import { describeServer, type ServerAddress } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { tx } from '../i18n/rich';
import { Fingerprint } from './fingerprint';
import { Icon } from './icons';

interface Props {
  server: ServerAddress;
  change: { pinned: string; presented: string };
  /** Lets the room in again with the certificate it presents now. */
  onTrusted?: () => void;
}

/**
 * A room answered with another certificate than the one trusted before: say so in two sentences, let people
 * compare the fingerprints group by group, and offer the only two ways on (docs/protocol.md § Transport).
 */
export function CertificateChange({ server, change, onTrusted }: Props) {
  const [comparing, setComparing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function trust() {
    setBusy(true);
    setError(null);
    // The fingerprint shown for comparing is the one pinned: a room that swaps it again is refused again.
    const trusted = await window.hearth.trustCertificate({ server, fingerprint: change.presented });
    const connected = trusted.ok ? await window.hearth.connect(server) : trusted;
    setBusy(false);
    if (connected.ok) onTrusted?.();
    else setError(connected.error);
  }

  return (
    <section className="certificate-change" aria-labelledby="certificate-change-title">
      <h2 id="certificate-change-title">
        <Icon name="warning" size={20} />
        {t('ui.certificate.title')}
      </h2>
      <p>{tx('ui.certificate.changed', { server: <strong>{describeServer(server)}</strong> })}</p>
      <p className="muted">{t('ui.certificate.explain')}</p>
      {comparing && (
        <div className="fingerprint-pair">
          <Fingerprint
            value={change.pinned}
            label={t('ui.certificate.trusted')}
            compareTo={change.presented}
          />
          <Fingerprint
            value={change.presented}
            label={t('ui.certificate.presented')}
            compareTo={change.pinned}
          />
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {asSentence(error)}
        </p>
      )}
      <div className="certificate-actions">
        <button
          type="button"
          className="button secondary"
          aria-expanded={comparing}
          onClick={() => setComparing((c) => !c)}
        >
          {t('ui.certificate.compare')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={trust}>
          {busy ? t('screens.join.connecting') : t('ui.certificate.trust')}
        </button>
        <button
          type="button"
          className="button ghost"
          disabled={busy}
          onClick={() => window.hearth.disconnect()}
        >
          {t('ui.certificate.disconnect')}
        </button>
      </div>
    </section>
  );
}

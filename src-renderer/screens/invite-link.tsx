import { useState } from 'react';
import { formatInvite } from '../../src-shared/invite';
import type { AppState } from '../../src-shared/ipc';
import type { MessageKey } from '../i18n/catalogue';
import { t } from '../i18n/intl';

interface InviteTarget {
  label: MessageKey;
  /** The copy button's name, which says which of the links it copies. */
  copy: MessageKey;
  link: string;
}

/** `192.168.1.20:5555` → host and port (IPv4 only: that is what the room lists). */
function splitAddress(address: string): { host: string; port: number } | null {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  return at > 0 && Number.isInteger(port) ? { host: address.slice(0, at), port } : null;
}

/** The links to send: one for the local network, one for the Internet while the router forwards the port. */
export function inviteTargets(state: AppState): InviteTarget[] {
  const { host, internet, roomName } = state;
  const common = { fingerprint: host.fingerprint, name: roomName };
  const targets: InviteTarget[] = [];
  if (internet.state === 'open' && internet.publicHost && internet.publicPort) {
    targets.push({
      label: 'screens.inviteLinks.internet',
      copy: 'screens.inviteLinks.copyInternet',
      link: formatInvite({ host: internet.publicHost, port: internet.publicPort, ...common }),
    });
  }
  const lan = host.addresses.map(splitAddress).find((a) => a !== null);
  if (lan) {
    targets.push({
      label: 'screens.inviteLinks.network',
      copy: 'screens.inviteLinks.copyNetwork',
      link: formatInvite({ ...lan, ...common }),
    });
  }
  return targets;
}

/** "Copy invite link": the link carries the address, the certificate fingerprint and the room's name. */
export function InviteLinks({ state }: { state: AppState }) {
  const [copied, setCopied] = useState<string | null>(null);
  const targets = inviteTargets(state);
  if (targets.length === 0) return null;
  return (
    <section className="invite-links" aria-labelledby="invite-links-title">
      <h3 id="invite-links-title">{t('screens.inviteLinks.title')}</h3>
      <ul className="addresses">
        {targets.map(({ label, copy, link }) => (
          <li key={link}>
            <span className="invite-link-text">
              <span className="muted">{t(label)}</span>
              <code>{link}</code>
            </span>
            <button
              type="button"
              className="button small ghost"
              aria-label={t(copy)}
              onClick={() =>
                navigator.clipboard.writeText(link).then(
                  () => setCopied(link),
                  () => setCopied(null),
                )
              }
            >
              {copied === link ? t('screens.inviteLinks.copied') : t('screens.inviteLinks.copy')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

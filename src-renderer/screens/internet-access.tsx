import { useState } from 'react';
import type { InternetStatus } from '../../src-shared/ipc';
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
        {open ? 'Open to the Internet' : 'Friends outside your network'}
      </h3>
      {open && internet.publicHost && internet.publicPort ? (
        <p>
          People on the Internet join at{' '}
          <code>
            {internet.publicHost}:{internet.publicPort}
          </code>
          {internet.method ? <span className="muted"> (forwarded by {internet.method})</span> : null}
        </p>
      ) : (
        <p className="muted">
          Hearth can ask your router to forward a port to this room (UPnP or NAT-PMP). If your router does not
          allow it, forward the room's port by hand.
        </p>
      )}
      {(error ?? internet.error) && <FormError>{error ?? internet.error}</FormError>}
      <button
        type="button"
        className="button small secondary"
        disabled={busy || internet.state === 'opening'}
        onClick={() => toggle(!open)}
      >
        {internet.state === 'opening'
          ? 'Asking your router…'
          : open
            ? 'Close to the Internet'
            : 'Open to the Internet'}
      </button>
    </section>
  );
}

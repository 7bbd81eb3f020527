import { useState } from 'react';

/** The addresses friends can type into their Connect screen, each with a copy button. */
export function HostAddresses({ addresses }: { addresses: readonly string[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  if (addresses.length === 0) {
    return <p className="muted">No network address found; friends on this computer can use 127.0.0.1.</p>;
  }
  return (
    <ul className="addresses" aria-label="Addresses to share">
      {addresses.map((address) => (
        <li key={address}>
          <code>{address}</code>
          <button
            type="button"
            className="button small ghost"
            aria-label={`Copy ${address}`}
            onClick={() =>
              navigator.clipboard.writeText(address).then(
                () => setCopied(address),
                () => setCopied(null),
              )
            }
          >
            {copied === address ? 'Copied' : 'Copy'}
          </button>
        </li>
      ))}
    </ul>
  );
}

// Opens a connection to the fuzzed server the way real clients do: TLS with the room's certificate pinned by its
// SHA-256 fingerprint (the default port), or plaintext (the classic KTN port).
import { connect as connectPlain, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';

export interface Endpoint {
  port: number;
  /** The pinned certificate fingerprint (`AB:CD:…`), or null for the plaintext classic port. */
  fingerprint: string | null;
}

/** Calls onReady once the connection can carry frames (after the TLS handshake and the pin check). */
export function dial(endpoint: Endpoint, onReady: () => void): Socket {
  const { port, fingerprint } = endpoint;
  if (fingerprint === null) {
    const socket = connectPlain({ host: '127.0.0.1', port });
    socket.once('connect', onReady);
    return socket;
  }
  // The certificate is self-signed, so the chain is not checked; the pin below is the check.
  const socket: TLSSocket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false });
  socket.once('secureConnect', () => {
    const seen = socket.getPeerCertificate().fingerprint256;
    if (seen === fingerprint) onReady();
    else socket.destroy(new Error(`certificate fingerprint ${seen} is not the pinned ${fingerprint}`));
  });
  return socket;
}

// The room's TLS identity: a self-signed certificate made on first start and kept in the data directory, so
// that clients which pinned its fingerprint recognise the room after every restart. The file names are fixed
// here (never derived from input); the private key is written readable by its owner only.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from './store/private-files';

export const CERTIFICATE_FILE = 'tls-cert.pem';
export const PRIVATE_KEY_FILE = 'tls-key.pem';
/** Nobody checks the dates of a pinned self-signed certificate; long enough that it never matters. */
const VALID_YEARS = 20;

export interface RoomCertificate {
  /** PEM */
  cert: string;
  /** PEM */
  key: string;
  /** SHA-256 of the certificate (DER), uppercase hex pairs joined by colons: `AB:CD:…`. */
  fingerprint: string;
}

/**
 * SHA-256 fingerprint in the one format Hearth shows everywhere. Node's `fingerprint256` (of an
 * X509Certificate or a peer certificate) already has this format; one function keeps it that way.
 */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Read the room's certificate from dataDir, or create one there if there is none (or it is unreadable). */
export async function loadOrCreateCertificate(dataDir: string): Promise<RoomCertificate> {
  const certFile = join(dataDir, CERTIFICATE_FILE);
  const keyFile = join(dataDir, PRIVATE_KEY_FILE);
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const x509 = new X509Certificate(cert);
    // A key that does not belong to the certificate would make every handshake fail: start afresh instead.
    if (x509.checkPrivateKey(createPrivateKey(key))) {
      return { cert, key, fingerprint: x509.fingerprint256 };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      console.warn(`hearth: the certificate in ${dataDir} could not be read; making a new one`);
    }
  }
  const now = new Date();
  const until = new Date(now);
  until.setFullYear(now.getFullYear() + VALID_YEARS);
  // Loaded only here: the library and its X.509/ASN.1 dependencies cost more to load than the rest of the
  // room, and a room with a certificate never needs them.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'Hearth room' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: until,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
    ],
  });
  makePrivateDir(dataDir);
  // The key is created with mode 0600 (chmod too, in case the file existed with wider rights), and renamed
  // into place so a crash never leaves half a key; the certificate follows, so a key without its
  // certificate is just regenerated on the next start.
  const tempKey = `${keyFile}.tmp`;
  rmSync(tempKey, { force: true });
  writeFileSync(tempKey, pems.private, { mode: 0o600 });
  chmodSync(tempKey, 0o600);
  renameSync(tempKey, keyFile);
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, fingerprint: fingerprintOf(pems.cert) };
}

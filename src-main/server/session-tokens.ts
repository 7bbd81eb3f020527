// Session tokens: 32 random bytes handed to a client at login so that it can log in again after a dropped
// link (or the next app start) without sending the password. The server keeps only the SHA-256 of each.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

/** A plain hash is enough: the token is 256 random bits, so there is nothing to guess or look up. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

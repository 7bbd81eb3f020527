// Short-lived TURN credentials, TURN REST style (draft-uberti-behave-turn-rest): the username is
// `<expiry in Unix seconds>:<account>`, the password base64(HMAC-SHA1(secret, username)). The secret is made
// fresh each time the room starts and never leaves the process, so credentials die with the room; the relay
// also refuses a username whose expiry passed or whose holder is no longer in the call (relay.ts), which is
// what makes a credential useless after hang-up or logout even before it expires.
import { createHmac, randomBytes } from 'node:crypto';

export interface RelayCredential {
  username: string;
  credential: string;
}

export class RelayCredentials {
  private readonly secret = randomBytes(32);

  /** A credential for `key` valid until `expiresAtMs` (rounded down to the second). */
  mint(key: string, expiresAtMs: number): RelayCredential {
    const username = `${Math.floor(expiresAtMs / 1000)}:${key}`;
    return { username, credential: this.passwordOf(username) };
  }

  passwordOf(username: string): string {
    return createHmac('sha1', this.secret).update(username).digest('base64');
  }

  /** The account of a username this room minted that has not expired by `nowMs`; null otherwise. */
  accountOf(username: string, nowMs: number): string | null {
    const match = /^([0-9]{1,12}):([a-z0-9_]{1,32})$/.exec(username);
    if (!match) return null;
    const expiry = Number(match[1]) * 1000;
    return expiry > nowMs ? (match[2] as string) : null;
  }
}

// Password hashing, on the pool's threads (password-pool.ts), never on the room's event loop. bcrypt only
// reads the first 72 bytes of its input, so two long passwords sharing a 72-byte prefix would be
// interchangeable; longer passwords are first condensed with SHA-256 so every character counts.
import { createHash, randomBytes } from 'node:crypto';
import { ok } from '../../src-shared/result';
import type { PasswordPool, PoolAnswer } from './password-pool';

const BCRYPT_INPUT_BYTES = 72;

function bcryptInput(password: string): string {
  if (Buffer.byteLength(password, 'utf8') <= BCRYPT_INPUT_BYTES) return password;
  return createHash('sha256').update(password, 'utf8').digest('base64');
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * What an unknown user's password is checked against, so the check costs what a real one does. bcrypt's
 * work is set by the cost and salt at the front of a hash (`$2b$10$` + 22 salt characters); the 31
 * characters after them are only compared with the result, so random ones serve, and no thread spends
 * 0.1 s at start-up hashing a password nobody has. verify() answers false for an unknown user whatever
 * the comparison says.
 */
export function unknownUserHash(cost: number): string {
  // The salt's 22nd character carries its last 2 bits only: one of the four whose other bits are 0.
  const chars = [...randomBytes(53)].map((byte, i) => BCRYPT_ALPHABET[byte & (i === 21 ? 48 : 63)]);
  return `$2b$${String(cost).padStart(2, '0')}$${chars.join('')}`;
}

export class Passwords {
  private readonly dummyHash: string;

  constructor(
    private readonly pool: PasswordPool,
    private readonly cost: number,
  ) {
    this.dummyHash = unknownUserHash(cost);
  }

  async hash(password: string): Promise<PoolAnswer<string>> {
    const result = await this.pool.run({ op: 'hash', input: bcryptInput(password), cost: this.cost });
    return result.ok ? ok(String(result.value)) : result;
  }

  /** Check a password against an account's hash, or (null) against the dummy hash: always false then. */
  async verify(password: string, hash: string | null): Promise<PoolAnswer<boolean>> {
    const against = hash ?? this.dummyHash;
    const result = await this.pool.run({ op: 'verify', input: bcryptInput(password), hash: against });
    return result.ok ? ok(hash !== null && result.value === true) : result;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

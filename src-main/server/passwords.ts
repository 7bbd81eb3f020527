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

export class Passwords {
  /** A hash of a random password, compared against for unknown users so they cost what a real check costs. */
  private readonly dummyHash: Promise<PoolAnswer<string | boolean>>;

  constructor(
    private readonly pool: PasswordPool,
    private readonly cost: number,
  ) {
    this.dummyHash = pool.run({ op: 'hash', input: randomBytes(18).toString('base64'), cost });
    // A room closed before the hash is made rejects it; only a login, which then fails, may see that.
    this.dummyHash.catch(() => {});
  }

  async hash(password: string): Promise<PoolAnswer<string>> {
    const result = await this.pool.run({ op: 'hash', input: bcryptInput(password), cost: this.cost });
    return result.ok ? ok(String(result.value)) : result;
  }

  /** Check a password against an account's hash, or (null) against the dummy hash: always false then. */
  async verify(password: string, hash: string | null): Promise<PoolAnswer<boolean>> {
    const dummy = hash === null ? await this.dummyHash : null;
    if (dummy && !dummy.ok) return dummy;
    const against = hash ?? String(dummy?.value);
    const result = await this.pool.run({ op: 'verify', input: bcryptInput(password), hash: against });
    return result.ok ? ok(hash !== null && result.value === true) : result;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

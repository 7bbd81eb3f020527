// Password hashing. bcrypt only reads the first 72 bytes of its input, so two long passwords sharing a
// 72-byte prefix would be interchangeable; longer passwords are first condensed with SHA-256 so every
// character counts. The async bcryptjs API yields to the event loop while it works.
import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';

const BCRYPT_INPUT_BYTES = 72;

function bcryptInput(password: string): string {
  if (Buffer.byteLength(password, 'utf8') <= BCRYPT_INPUT_BYTES) return password;
  return createHash('sha256').update(password, 'utf8').digest('base64');
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(bcryptInput(password), cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(bcryptInput(password), hash);
}

// The room's data directory holds password hashes, direct messages and token hashes: only the user running
// the room may read it. New directories are made 0700 and the database files 0600; an existing directory is
// the operator's choice, so it is reported (dataDirWarning) rather than changed.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
/** Any right for the group or for others. */
const SHARED_BITS = 0o077;

/** Makes dir (and missing parents) readable by its owner only; an existing directory is left as it is. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/**
 * Creates the file 0600 if missing, or narrows an existing one to 0600. SQLite gives the -wal and -shm files
 * it creates later the database file's own mode, so narrowing the database file before SQLite opens it keeps
 * them private from creation; those left by an older room are narrowed here too.
 */
export function makePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE));
  chmodSync(path, PRIVATE_FILE);
}

/** Narrows the file to 0600 if it exists. */
export function narrowIfPresent(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
}

/** A sentence for the log if dir exists and others than its owner may enter or read it, else null. */
export function dataDirWarning(dir: string): string | null {
  let mode: number;
  try {
    mode = statSync(dir).mode;
  } catch {
    return null;
  }
  if ((mode & SHARED_BITS) === 0) return null;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return (
    `warning: the data directory ${dir} has mode ${octal}, so other users of this machine may read it ` +
    `(it holds password hashes and direct messages): chmod 700 it`
  );
}

// What a file the window hands over becomes before it enters the outbox: a name that is text the room
// accepts (sanitised as for saving), a type that is what its first bytes say for the four image types (an
// image that lies is sent as a plain file, shown as a card), a thumbnail only for a real image and only if
// it is itself one, and a JPEG without its EXIF/GPS metadata unless the user keeps it. Then a private copy
// (0600, named by a random id, never by the file's name) that the outbox sends from and deletes when done;
// a copy no outbox names any more (a crash before the outbox saved it, a damaged outbox file) is swept.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_TYPE_PATTERN, MAX_THUMB_BYTES } from '../../src-shared/file-limits';
import { hasImageMagic, isImageType, MAGIC_BYTES, sniffImageType } from '../../src-shared/file-magic';
import { safeFileName } from '../../src-shared/safe-file-name';
import { JsonOutboxStore } from '../client/file-outbox-store';

const OCTET_STREAM = 'application/octet-stream';

export interface Attached {
  name: string;
  type: string;
  bytes: Uint8Array;
  thumb?: string;
}

/** The name, type and thumbnail a file is shared with. */
export function describeAttached(file: Attached): Omit<Attached, 'bytes'> {
  const name = safeFileName(file.name);
  const declared = file.type.toLowerCase();
  const head = file.bytes.subarray(0, MAGIC_BYTES);
  let type = FILE_TYPE_PATTERN.test(declared) ? declared : OCTET_STREAM;
  if (isImageType(type) && !hasImageMagic(head, type)) type = sniffImageType(head) ?? OCTET_STREAM;
  const thumb =
    isImageType(type) && file.thumb !== undefined && isThumbnail(file.thumb) ? file.thumb : undefined;
  return { name, type, ...(thumb === undefined ? {} : { thumb }) };
}

function isThumbnail(base64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length <= MAX_THUMB_BYTES && sniffImageType(bytes) !== null;
}

/** Write the bytes the outbox will send to `dir/<random id>`, 0600; answers the path and the digest. */
export async function stageCopy(dir: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, randomUUID());
  await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A copy is only an orphan once it is older than this: an attach writes it, then saves the outbox at once. */
const ORPHAN_AFTER_MS = 3600_000;

/**
 * Delete copies in `outgoingDir` that no outbox in `outboxDir` (every room and account's) names; answers how
 * many went.
 */
export async function sweepStagedCopies(
  outgoingDir: string,
  outboxDir: string,
  now: number = Date.now(),
): Promise<number> {
  const outboxes = await readdir(outboxDir).catch(() => [] as string[]);
  const named = new Set(
    outboxes
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => new JsonOutboxStore(join(outboxDir, name)).load().map((entry) => entry.path)),
  );
  let removed = 0;
  for (const name of await readdir(outgoingDir).catch(() => [] as string[])) {
    const path = join(outgoingDir, name);
    if (named.has(path)) continue;
    const info = await stat(path).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < ORPHAN_AFTER_MS) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

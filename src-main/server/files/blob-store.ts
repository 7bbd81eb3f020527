// The files on disk (docs/protocol.md § Files): `files/blobs/<first 2 hex>/<sha256>` for stored files and
// `files/partial/<upload id>` for uploads in progress, under the data directory, directories 0700 and files
// 0600 like the database. A path is made only from a digest the room computed itself or a number it made;
// nothing a client sends ever becomes part of one. A partial file becomes a blob by a rename, after its
// bytes were verified, so a crash leaves either no blob or a whole one.
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_PATTERN } from '../../../src-shared/file-limits';
import { makePrivateDir } from '../store/private-files';

const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

export class BlobStore {
  private readonly blobs: string;
  private readonly partials: string;

  constructor(dataDir: string) {
    const root = join(dataDir, 'files');
    this.blobs = join(root, 'blobs');
    this.partials = join(root, 'partial');
    makePrivateDir(this.blobs);
    makePrivateDir(this.partials);
  }

  blobPath(sha256: string): string {
    // A digest computed here or read back from the store; checked anyway, since it becomes a path.
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return join(this.blobs, sha256.slice(0, 2), sha256);
  }

  partialPath(id: number): string {
    if (!Number.isSafeInteger(id) || id < 1) throw new Error(`not an upload id: ${id}`);
    return join(this.partials, String(id));
  }

  /** Bytes of the partial file (0 when there is none yet). */
  async partialSize(id: number): Promise<number> {
    try {
      return (await stat(this.partialPath(id))).size;
    } catch {
      return 0;
    }
  }

  /** Cut the partial file to `bytes` (made 0600 if it is new). */
  async truncatePartial(id: number, bytes: number): Promise<void> {
    const handle = await open(this.partialPath(id), constants.O_CREAT | constants.O_WRONLY, PRIVATE_FILE);
    try {
      await handle.truncate(bytes);
    } finally {
      await handle.close();
    }
  }

  /** The verified partial file becomes the blob of its digest (the same bytes if it already existed). */
  async commit(id: number, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    await mkdir(join(this.blobs, sha256.slice(0, 2)), { mode: PRIVATE_DIR, recursive: true });
    const handle = await open(this.partialPath(id), 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.partialPath(id), target);
  }

  async removePartial(id: number): Promise<void> {
    await rm(this.partialPath(id), { force: true });
  }

  async removeBlob(sha256: string): Promise<void> {
    await rm(this.blobPath(sha256), { force: true });
  }

  /** The first bytes of a stored file (fewer if it is shorter). */
  async head(sha256: string, bytes: number): Promise<Buffer> {
    const handle = await open(this.blobPath(sha256), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Delete partial files that belong to no open upload (a crash, a stale upload's row already gone). */
  async removeOrphans(openIds: ReadonlySet<number>): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.partials)) {
      if (openIds.has(Number(name))) continue;
      await rm(join(this.partials, name), { force: true, recursive: true });
      removed++;
    }
    return removed;
  }
}

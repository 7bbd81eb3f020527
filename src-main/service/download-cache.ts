// What the app keeps of downloads in <data>/downloads (file-saving.ts): `<sha256>.part` while a download is
// on its way or waits to be resumed, and `<sha256>` for an image the viewer opened, so it opens again without
// the network. A saved file is moved out, and a cancelled or refused download's part is deleted at once;
// prune() deletes the rest in time: at start and after every download, parts nobody resumed within
// partTtlMs go, then the least recently used files until the folder is within its byte budget. Only names
// this app made (a digest, optionally `.part`) are ever deleted; files a download is writing are never.
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

const MIB = 1024 * 1024;
const KEPT_NAME = /^[0-9a-f]{64}(\.part)?$/;

export interface CacheLimits {
  /** Bytes the folder may hold; the least recently used files beyond it are deleted. */
  budgetBytes: number;
  /** A part older than this was abandoned (its download was cancelled by a quit and never asked for again). */
  partTtlMs: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { budgetBytes: 512 * MIB, partTtlMs: 7 * 24 * 3600_000 };

interface Kept {
  path: string;
  bytes: number;
  usedAt: number;
  part: boolean;
}

export class DownloadCache {
  constructor(
    readonly dir: string,
    private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS,
  ) {}

  async ready(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  partPath(sha256: string): string {
    return join(this.dir, `${sha256}.part`);
  }

  wholePath(sha256: string): string {
    return join(this.dir, sha256);
  }

  /** Mark a kept file as used now: the budget deletes the least recently used first. */
  async touch(path: string): Promise<void> {
    const now = new Date();
    await utimes(path, now, now).catch(() => {});
  }

  /** Delete abandoned parts, then the least recently used files over the budget; answers how many went. */
  async prune(inUse: ReadonlySet<string>, now: number = Date.now()): Promise<number> {
    const kept = (await this.list()).filter((k) => !inUse.has(k.path));
    let removed = 0;
    const remove = async (k: Kept) => {
      await rm(k.path, { force: true });
      removed++;
    };
    const fresh: Kept[] = [];
    for (const k of kept) {
      if (k.part && now - k.usedAt > this.limits.partTtlMs) await remove(k);
      else fresh.push(k);
    }
    let total = fresh.reduce((sum, k) => sum + k.bytes, 0);
    for (const k of fresh.sort((a, b) => a.usedAt - b.usedAt)) {
      if (total <= this.limits.budgetBytes) break;
      await remove(k);
      total -= k.bytes;
    }
    return removed;
  }

  private async list(): Promise<Kept[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found = await Promise.all(
      names
        .filter((name) => KEPT_NAME.test(name))
        .map(async (name) => {
          const path = join(this.dir, name);
          const info = await stat(path).catch(() => null);
          if (!info?.isFile()) return null;
          return { path, bytes: info.size, usedAt: info.mtimeMs, part: name.endsWith('.part') };
        }),
    );
    return found.filter((k): k is Kept => k !== null);
  }
}

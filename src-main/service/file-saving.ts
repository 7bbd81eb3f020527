// Receiving files: save the file of a message where the user chooses (the save dialog suggests its name,
// sanitised; the room's name is never a path), show a saved file in its folder, and read an image for the
// viewer. Only files of messages the window was shown can be asked for (held-messages.ts), each download is
// verified by size and SHA-256 (src-main/client/file-download.ts) into a partial file named by its digest,
// and resumed from it after a cut link; what stays in that folder is download-cache.ts's to bound. The main
// process never decodes an image: it checks the first bytes are the type the message says and hands the
// bytes to the window as a data: URL, the window decodes them.
import { copyFile, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { hasImageMagic, isImageType } from '../../src-shared/file-magic';
import { imageSize, isShowable } from '../../src-shared/image-size';
import type { FileTransfer, SharedFileInfo } from '../../src-shared/ipc';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import { safeFileName } from '../../src-shared/safe-file-name';
import { DEFAULT_BACKOFF } from '../client/backoff';
import { downloadFile } from '../client/file-download';
import { TransferMeter } from '../client/transfer-meter';
import { type CacheLimits, DownloadCache } from './download-cache';
import type { HeldMessages } from './held-messages';
import type { RoomLink } from './room-link';

/** What only the desktop shell can do (a save dialog, the file manager); tests give their own. */
export interface SaveHooks {
  /** Ask the user where to save, suggesting this (already safe) name; null: they cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  showInFolder(path: string): void;
}

/** Images larger than this are not shown in the viewer (save them instead): they would cost the window dearly. */
export const MAX_VIEWED_IMAGE_BYTES = 32 * 1024 * 1024;
const IDLE_MS = 30_000;

interface SavingParts {
  link: () => RoomLink;
  held: HeldMessages;
  /** Partial and finished downloads, named by digest. */
  dir: string;
  cacheLimits?: CacheLimits;
  hooks: SaveHooks | null;
  report(transfer: FileTransfer): void;
}

export class FileSaving {
  private readonly running = new Map<string, AbortController>();
  /** The parts downloads are writing now, or have written and are not moved yet: never pruned. */
  private readonly writing = new Set<string>();
  /** Message id → where this run saved its file, for "Open folder". */
  private readonly saved = new Map<number, string>();
  private readonly cache: DownloadCache;
  private disposed = false;

  constructor(private readonly parts: SavingParts) {
    this.cache = new DownloadCache(parts.dir, parts.cacheLimits);
    // What an earlier run left (parts of downloads never resumed, viewed images over the budget).
    void this.prune();
  }

  async save(id: number): Promise<Result<{ name: string } | null>> {
    const found = this.fileOf(id);
    if (!found.ok) return found;
    const { hooks } = this.parts;
    if (!hooks) return fail('unavailable', 'Saving files is not available here.');
    const path = await hooks.chooseSavePath(safeFileName(found.value.name));
    if (path === null) return ok(null);
    const partial = await this.download(id, found.value);
    if (!partial.ok) return partial;
    await moveInto(partial.value, path).finally(() => this.writing.delete(partial.value));
    this.saved.set(id, path);
    await this.prune();
    return ok({ name: basename(path) });
  }

  showInFolder(id: number): Result {
    const path = this.saved.get(id);
    if (!path) return fail('not_found', 'Save the file first; then it can be shown in its folder.');
    this.parts.hooks?.showInFolder(path);
    return OK;
  }

  /** The image of message `id` as a data: URL of its checked type, for the viewer. */
  async image(id: number): Promise<Result<{ type: string; url: string }>> {
    const found = this.fileOf(id);
    if (!found.ok) return found;
    const file = found.value;
    if (!isImageType(file.type)) return fail('invalid', 'This file is not an image the viewer shows.');
    if (file.size > MAX_VIEWED_IMAGE_BYTES)
      return fail('limit_reached', 'This image is too large to view here: save it and open it yourself.');
    const whole = this.cache.wholePath(file.sha256);
    const have = await stat(whole).catch(() => null);
    if (have?.size !== file.size) {
      const partial = await this.download(id, file);
      if (!partial.ok) return partial;
      await rename(partial.value, whole).finally(() => this.writing.delete(partial.value));
      await this.prune(whole);
    } else await this.cache.touch(whole);
    const bytes = await readFile(whole);
    if (!hasImageMagic(bytes.subarray(0, 12), file.type))
      return fail('invalid', `This file is not a ${file.type}: it is shown as a file instead.`);
    // Read from the header, never decoded: a small file can claim billions of pixels.
    if (!isShowable(imageSize(bytes, file.type)))
      return fail('limit_reached', 'This picture claims too many pixels to show: save it instead.');
    return ok({ type: file.type, url: `data:${file.type};base64,${bytes.toString('base64')}` });
  }

  cancel(transferId: string): boolean {
    const running = this.running.get(transferId);
    running?.abort();
    return running !== undefined;
  }

  /** Stops every download; their parts stay for the next run to resume (or prune). */
  dispose(): void {
    this.disposed = true;
    for (const running of this.running.values()) running.abort();
  }

  /** `reading`: a file about to be read, kept whatever the budget says. */
  private async prune(reading?: string): Promise<void> {
    const inUse = new Set(this.writing);
    if (reading) inUse.add(reading);
    await this.cache.prune(inUse).catch(() => {});
  }

  private fileOf(id: number): Result<SharedFileInfo> {
    const file = this.parts.held.get(id)?.file;
    return file ? ok(file) : fail('not_found', `There is no file in message ${id} here.`);
  }

  /**
   * Download into `<dir>/<sha256>.part`, verified; answers that path, which the caller moves (and then takes
   * out of `writing`). One download per file at a time (two messages can share one). A download that ends
   * without the file (cancelled, refused) deletes its part, unless the app is quitting.
   */
  private async download(id: number, file: SharedFileInfo): Promise<Result<string>> {
    const transferId = `down:${id}`;
    const partial = this.cache.partPath(file.sha256);
    if (this.running.has(transferId) || this.writing.has(partial))
      return fail('busy', 'This file is being downloaded already.');
    this.writing.add(partial);
    const held = this.parts.held.get(id);
    const abort = new AbortController();
    this.running.set(transferId, abort);
    const meter = new TransferMeter(file.size);
    const base: FileTransfer = {
      id: transferId,
      direction: 'down',
      conversation: held?.conversation ?? 'room',
      name: file.name,
      size: file.size,
      state: 'moving',
      done: 0,
      bytesPerSecond: 0,
      secondsLeft: null,
      error: null,
      messageId: id,
      metadataRemoved: null,
    };
    this.parts.report(base);
    await this.cache.ready();
    const access = () => {
      const loggedIn = this.parts.link().requireSession('Log in to download files.');
      return loggedIn.ok ? loggedIn.value.connection.files.access() : null;
    };
    const result = await downloadFile(
      access,
      { id, sha256: file.sha256, size: file.size },
      partial,
      (done) => this.parts.report({ ...base, ...meter.read(done) }),
      { idleMs: IDLE_MS, backoff: DEFAULT_BACKOFF },
      abort.signal,
    );
    this.running.delete(transferId);
    if (!result.ok) {
      this.writing.delete(partial);
      if (!this.disposed) await rm(partial, { force: true });
      const state = result.code === 'cancelled' ? 'cancelled' : 'failed';
      this.parts.report({ ...base, state, error: result.error });
      return result;
    }
    this.parts.report({ ...base, state: 'done', done: file.size, secondsLeft: 0 });
    return ok(partial);
  }
}

/** Put a finished download where the user chose: a rename, or a copy when that is another file system. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch {
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

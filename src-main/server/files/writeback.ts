// Keeping an upload's dirty pages few (docs/performance.md § Files). Left alone, the kernel holds a big
// upload in the page cache and writes it at the end (the blob's fsync in blob-store.ts `commit`, or its own
// writeback 30 s later): a gigabyte queued on the disk at once, and the room's SQLite, whose WAL writes and
// checkpoint fsyncs run on the event loop, waits behind all of it (a 0.3–0.8 s stop of every chat room,
// seen in the room's kernel stacks). Here the partial file is datasynced every SYNC_STEP_BYTES while the
// upload arrives, one sync at a time (each covering what arrived since the last began), so the disk gets
// the upload in pieces of about that size, never a gigabyte at once; the socket waits only when the disk
// falls MAX_UNSYNCED_BYTES behind. The final fsync in `commit` then has little left to write.
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { PRIVATE_FILE } from './blob-store';

const MIB = 1024 * 1024;
export const SYNC_STEP_BYTES = 8 * MIB;
export const MAX_UNSYNCED_BYTES = 64 * MIB;

export class PacedWriteback {
  private handle: Promise<FileHandle | null>;
  /** Bytes handed to the file since the last sync began, and since the last one ended. */
  private sinceStart = 0;
  private sinceDone = 0;
  private syncing = false;
  private closing: Promise<void> | null = null;

  /**
   * A handle of its own on the partial file (a sync on the writer's fd could outlive it); `caughtUp` is
   * called when the disk is no longer too far behind.
   */
  constructor(
    path: string,
    private readonly caughtUp: () => void,
  ) {
    // Made here if the write stream has not made it yet (a new upload), as that stream would: 0600.
    this.handle = open(path, constants.O_CREAT | constants.O_WRONLY, PRIVATE_FILE).catch(() => null);
  }

  /** Whether the upload should stop reading until `caughtUp`. */
  get behind(): boolean {
    return this.sinceDone >= MAX_UNSYNCED_BYTES;
  }

  /** `bytes` more were handed to the file. */
  wrote(bytes: number): void {
    this.sinceStart += bytes;
    this.sinceDone += bytes;
    if (this.sinceStart >= SYNC_STEP_BYTES && !this.syncing) void this.sync();
  }

  /** Done with the file (a sync under way is waited for). */
  close(): Promise<void> {
    this.closing ??= this.handle.then((handle) => handle?.close());
    return this.closing;
  }

  private async sync(): Promise<void> {
    this.syncing = true;
    const covered = this.sinceStart;
    this.sinceStart = 0;
    const handle = await this.handle;
    // A failed sync only loses the pacing: the stored file is synced again whole before it counts.
    await handle?.datasync().catch(() => {});
    this.syncing = false;
    if (this.closing) return;
    const wasBehind = this.behind;
    this.sinceDone -= covered;
    if (this.sinceStart >= SYNC_STEP_BYTES) void this.sync();
    if (wasBehind && !this.behind) this.caughtUp();
  }
}

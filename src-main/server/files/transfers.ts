// The room's file transfer connections (docs/protocol.md § Files): how many are open (for the room and per
// account), which connection carries each upload now (a client that reconnected cuts its old one), the idle
// bound, and the sweep that deletes uploads nobody resumed. The bytes themselves: upload.ts, download.ts.
import type { Socket } from 'node:net';
import type { TransferResponse } from '../../../src-shared/file-protocol';
import type { ResolvedOptions } from '../options';
import type { ChatStore } from '../store/store';
import { BlobStore } from './blob-store';

export class Transfers {
  readonly blobs: BlobStore;
  private readonly sockets = new Set<Socket>();
  private readonly perAccount = new Map<string, number>();
  /** Upload id → the socket carrying it now. */
  private readonly uploads = new Map<number, Socket>();

  constructor(
    private readonly opts: ResolvedOptions,
    private readonly store: ChatStore,
    private readonly log: (line: string) => void,
  ) {
    this.blobs = new BlobStore(opts.dataDir);
  }

  /** Why another transfer for this account is refused now, or null. */
  refusal(userKey: string): string | null {
    if (this.sockets.size >= this.opts.maxTransfers)
      return `the room is moving ${this.sockets.size} files already: try again in a moment`;
    const mine = this.perAccount.get(userKey) ?? 0;
    if (mine >= this.opts.maxTransfersPerAccount)
      return `at most ${this.opts.maxTransfersPerAccount} transfers at once per account`;
    return null;
  }

  /** Count a socket that left the chat for a transfer until it closes; it is closed when it idles. */
  track(socket: Socket, userKey: string): void {
    this.sockets.add(socket);
    this.perAccount.set(userKey, (this.perAccount.get(userKey) ?? 0) + 1);
    socket.setTimeout(this.opts.transferIdleMs, () => socket.destroy());
    socket.on('error', (error) => this.log(`transfer ${socket.remoteAddress}: ${error.message}`));
    socket.once('close', () => {
      this.sockets.delete(socket);
      const left = (this.perAccount.get(userKey) ?? 1) - 1;
      if (left > 0) this.perAccount.set(userKey, left);
      else this.perAccount.delete(userKey);
    });
  }

  /** The upload goes over `socket` now: an older connection still carrying it is cut. */
  claimUpload(id: number, socket: Socket): void {
    const older = this.uploads.get(id);
    if (older && older !== socket) older.destroy();
    this.uploads.set(id, socket);
    socket.once('close', () => {
      if (this.uploads.get(id) === socket) this.uploads.delete(id);
    });
  }

  /** Whether `socket` still carries the upload (a newer connection did not take it over). */
  carries(id: number, socket: Socket): boolean {
    return this.uploads.get(id) === socket;
  }

  /** Delete uploads not resumed within their time, and partial files no upload owns (left by a crash). */
  async sweep(now: number = Date.now()): Promise<void> {
    for (const upload of this.store.staleUploads(now - this.opts.partialUploadTtlMs)) {
      if (this.uploads.has(upload.id)) continue;
      this.store.dropUpload(upload.id);
      await this.blobs.removePartial(upload.id);
    }
    const removed = await this.blobs.removeOrphans(this.store.uploadIds());
    if (removed > 0) this.log(`removed ${removed} partial upload file(s) without an upload`);
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

type Answer = Exclude<TransferResponse, { response: 'error' }>;

/** One answer line on a transfer connection (errors are the usual errorLine). */
export function transferLine<R extends Answer['response']>(
  response: R,
  content: Extract<Answer, { response: R }>['content'],
  re: string | undefined,
): string {
  const line = { timestamp: new Date().toISOString(), sender: 'server', response, content };
  return `${JSON.stringify(re === undefined ? line : { ...line, re })}\n`;
}

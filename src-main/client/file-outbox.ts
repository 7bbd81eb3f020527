// The file outbox: files the user sent that are not shared yet, kept on disk (OutboxStore) so they survive
// a dropped link and a restart. Each is uploaded (file-upload.ts) whenever the account has a live session,
// going on from the offset the room holds after a cut link, then shared through the connection's send
// window with its own id as the cid (so a share retried after a restart is stored once). Passing trouble
// (network, a busy room) is retried with backoff and on every new session; a refusal is final.
import { rm } from 'node:fs/promises';
import type { MetadataRemoved } from '../../src-shared/ipc-files';
import type { ErrorCode, Result } from '../../src-shared/result';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import type { ConnectionEvents } from './connection-types';
import type { QueuedSend } from './core';
import { PASSING_CODES, type TransferAccess } from './file-transfer';
import { uploadOnce } from './file-upload';
import type { SharedFile } from './outbox';
import { TransferMeter, type TransferProgress } from './transfer-meter';
import { TypedEmitter } from './typed-emitter';
import type { ReceivedMessage } from './types';

export interface QueuedFile extends SharedFile {
  /** Also the share's cid. */
  id: string;
  /** The bytes to send: the user's file, or a copy the app made (then `ownCopy`, deleted when done). */
  path: string;
  ownCopy: boolean;
  to: string;
  replyTo?: number;
  createdAt: string;
  /** The room holds the bytes; only the share is left. */
  stored: boolean;
  /** What was stripped from the photo before it was queued, for the sender's note (file-service.ts). */
  metadataRemoved?: MetadataRemoved;
}

/** Where the outbox keeps its entries between runs. */
export interface OutboxStore {
  load(): QueuedFile[];
  save(entries: readonly QueuedFile[]): void;
}

export interface FileOutboxEvents {
  progress: { id: string } & TransferProgress;
  /** Shared: the stored message. */
  shared: { id: string; message: ReceivedMessage };
  /** Given up for good (refused, unreadable, cancelled). */
  failed: { id: string; error: string; code: ErrorCode };
}

/** What the outbox needs of the chat connection. */
export interface FileOutboxConnection {
  files: {
    access(): TransferAccess | null;
    share(file: SharedFile, to: string, replyTo: number | undefined, cid: string): Result<QueuedSend>;
  };
  on<E extends 'session' | 'status'>(event: E, listener: (payload: ConnectionEvents[E]) => void): () => void;
}

export interface FileOutboxOptions {
  /** A transfer connection that moves nothing for this long is cut (and the transfer retried). */
  idleMs?: number;
  backoff?: BackoffOptions;
  /** Uploads at once; the room allows 4 transfers per account by default, and downloads need some. */
  parallel?: number;
}

interface Running {
  abort: AbortController;
  /** The share is on its way; it cannot be called back any more. */
  sharing: boolean;
}

export class FileOutbox {
  private readonly events = new TypedEmitter<FileOutboxEvents>();
  private readonly entries: QueuedFile[];
  private readonly running = new Map<string, Running>();
  private readonly retries = new Map<string, { attempt: number; timer: NodeJS.Timeout | null }>();
  private readonly unsubscribe: Array<() => void>;
  private readonly options: Required<FileOutboxOptions>;
  private closed = false;

  constructor(
    private readonly connection: FileOutboxConnection,
    private readonly store: OutboxStore,
    options: FileOutboxOptions = {},
  ) {
    this.options = { idleMs: 30_000, backoff: DEFAULT_BACKOFF, parallel: 2, ...options };
    this.entries = store.load();
    this.unsubscribe = [
      connection.on('session', () => this.kick()),
      connection.on('status', (status) => status.state === 'connected' && this.kick()),
    ];
    this.kick();
  }

  on<E extends keyof FileOutboxEvents>(event: E, listener: (payload: FileOutboxEvents[E]) => void) {
    return this.events.on(event, listener);
  }

  /** Everything not shared yet, oldest first. */
  get pending(): readonly QueuedFile[] {
    return [...this.entries];
  }

  add(entry: Omit<QueuedFile, 'stored' | 'createdAt'>): QueuedFile {
    const queued = { ...entry, stored: false, createdAt: new Date().toISOString() };
    this.entries.push(queued);
    this.store.save(this.entries);
    this.kick();
    return queued;
  }

  /** Stop and forget a send; false once its share is on its way (or it is not here). */
  cancel(id: string): boolean {
    const running = this.running.get(id);
    if (running?.sharing || !this.entries.some((e) => e.id === id)) return false;
    running?.abort.abort();
    void this.finish(id, { error: 'Cancelled.', code: 'cancelled' });
    return true;
  }

  /** Stop every transfer; what is left stays in the store for the next run. */
  close(): void {
    this.closed = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const running of this.running.values()) running.abort.abort();
    for (const retry of this.retries.values()) if (retry.timer) clearTimeout(retry.timer);
    this.events.removeAllListeners();
  }

  /** Start what can start: entries not running, not waiting out a backoff, within the parallel bound. */
  private kick(): void {
    if (this.closed) return;
    for (const entry of this.entries) {
      if (this.running.size >= this.options.parallel) return;
      if (this.running.has(entry.id) || this.retries.get(entry.id)?.timer) continue;
      const access = this.connection.files.access();
      if (!access) return;
      void this.run(entry, access);
    }
  }

  private async run(entry: QueuedFile, access: TransferAccess): Promise<void> {
    const running: Running = { abort: new AbortController(), sharing: false };
    this.running.set(entry.id, running);
    const outcome = entry.stored ? null : await this.upload(entry, access, running.abort.signal);
    if (outcome === null) {
      entry.stored = true;
      this.store.save(this.entries);
      await this.share(entry, running);
    } else if (outcome.ok === false) this.judge(entry, outcome);
    this.running.delete(entry.id);
    this.kick();
  }

  private async upload(entry: QueuedFile, access: TransferAccess, signal: AbortSignal) {
    const meter = new TransferMeter(entry.size);
    const progress = (done: number) => this.events.emit('progress', { id: entry.id, ...meter.read(done) });
    const uploaded = await uploadOnce(access, entry, progress, this.options.idleMs, signal);
    return uploaded.ok ? null : uploaded;
  }

  private async share(entry: QueuedFile, running: Running): Promise<void> {
    const { sha256, name, type, size, thumb } = entry;
    const file = { sha256, name, type, size, ...(thumb === undefined ? {} : { thumb }) };
    const queued = this.connection.files.share(file, entry.to, entry.replyTo, entry.id);
    if (!queued.ok) return this.judge(entry, queued);
    running.sharing = true;
    const acked = await queued.value.acked;
    if (acked.ok) {
      // Told once it has left the outbox and its copy is gone, so whoever hears it sees the end state.
      await this.finish(entry.id, null);
      this.events.emit('shared', { id: entry.id, message: acked.value });
    } else this.judge(entry, acked);
  }

  /** A failed step: passing trouble is tried again later, the rest ends the send. */
  private judge(entry: QueuedFile, failure: { error: string; code: ErrorCode }): void {
    if (this.closed || failure.code === 'cancelled') return;
    // Logged out or the session ended while sharing: the next session goes on.
    if (failure.code === 'not_logged_in' || failure.code === 'not_sent') return;
    if (!PASSING_CODES.has(failure.code)) {
      void this.finish(entry.id, failure);
      return;
    }
    const retry = this.retries.get(entry.id) ?? { attempt: 0, timer: null };
    retry.timer = setTimeout(
      () => {
        retry.timer = null;
        this.kick();
      },
      backoffDelay(retry.attempt++, this.options.backoff),
    );
    this.retries.set(entry.id, retry);
  }

  /** The send left the outbox: shared (failure null) or given up. */
  private async finish(id: string, failure: { error: string; code: ErrorCode } | null): Promise<void> {
    const at = this.entries.findIndex((e) => e.id === id);
    if (at < 0) return;
    const [entry] = this.entries.splice(at, 1);
    this.store.save(this.entries);
    const retry = this.retries.get(id);
    if (retry?.timer) clearTimeout(retry.timer);
    this.retries.delete(id);
    if (entry?.ownCopy) await rm(entry.path, { force: true });
    if (failure) this.events.emit('failed', { id, ...failure });
  }
}

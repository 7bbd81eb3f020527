// The file calls of the service (src-shared/ipc-files.ts): attach a file to a conversation, follow and
// cancel transfers, save a received file, show it in its folder, read an image for the viewer. Sends go
// through the account's file outbox (src-main/client/file-outbox.ts), kept on disk per room and account so
// a send made offline, or cut by a restart, resumes from where it stopped; receiving is file-saving.ts.
// Every transfer's state goes to the window as `fileTransfer`; nothing is ever opened by itself.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type {
  FilesInvoke,
  FileTransfer,
  HearthEvents,
  MetadataRemoved,
  Unsubscribe,
} from '../../src-shared/ipc';
import { describeServer } from '../../src-shared/ipc';
import { type JpegMetadataFound, removedMetadata, stripJpeg } from '../../src-shared/jpeg-metadata';
import { fail, OK, ok } from '../../src-shared/result';
import type { ChatConnection } from '../client/connection';
import { FileOutbox, type FileOutboxOptions, type QueuedFile } from '../client/file-outbox';
import { JsonOutboxStore } from '../client/file-outbox-store';
import type { TypedEmitter } from '../client/typed-emitter';
import { describeAttached, stageCopy, sweepStagedCopies } from './file-attach';
import { attachInput, fileMessageInput, transferIdInput } from './file-inputs';
import { FileSaving, type SaveHooks } from './file-saving';
import { guardedCall } from './guarded-call';
import type { HeldMessages } from './held-messages';
import { anyInput } from './inputs';
import type { RoomLink } from './room-link';

export type { SaveHooks } from './file-saving';

export interface FileServiceParts {
  link: () => RoomLink;
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
  held: HeldMessages;
  /** The app's data directory: outbox/, outgoing/ and downloads/ live under it. */
  dataDir: string;
  /** Whether JPEGs keep their EXIF metadata (Preferences.keepPhotoMetadata). */
  keepPhotoMetadata: () => boolean;
  /** null: no desktop shell, so no save dialog (saving is `unavailable`). */
  hooks: SaveHooks | null;
  outbox?: FileOutboxOptions;
  disposed: () => boolean;
}

export class FileService implements FilesInvoke {
  private outbox: FileOutbox | null = null;
  private readonly transfers = new Map<string, FileTransfer>();
  private readonly saving: FileSaving;

  readonly attachFile = this.guarded('attachFile', attachInput, async (file) => {
    const loggedIn = this.parts
      .link()
      .requireAccount('Log in to send files.', 'Guests cannot send files: register an account first.');
    if (!loggedIn.ok) return loggedIn;
    const outbox = this.outbox;
    if (!outbox) return fail('not_logged_in', 'Log in to send files.');
    const shared = describeAttached(file);
    // Privacy by default: a photo's EXIF says where and when it was taken (issue 15).
    const strip = shared.type === 'image/jpeg' && !this.parts.keepPhotoMetadata();
    const stripped = strip ? stripJpeg(file.bytes) : null;
    // A JPEG that cannot be parsed goes as it is (no decoder would show it either), said to have lost nothing.
    const bytes = stripped?.ok ? stripped.bytes : file.bytes;
    const removed = stripped?.ok ? metadataNote(stripped.found) : null;
    const staged = await stageCopy(join(this.parts.dataDir, 'outgoing'), bytes);
    const entry = outbox.add({
      id: randomUUID(),
      path: staged.path,
      ownCopy: true,
      sha256: staged.sha256,
      size: bytes.length,
      ...shared,
      to: file.conversation,
      ...(file.replyTo === undefined ? {} : { replyTo: file.replyTo }),
      ...(removed === null ? {} : { metadataRemoved: removed }),
    });
    this.track(entry);
    return ok({ id: entry.id });
  });
  readonly cancelTransfer = this.guarded('cancelTransfer', transferIdInput, async (id) => {
    if (this.saving.cancel(id)) return OK;
    if (!this.outbox?.cancel(id))
      return fail('not_found', 'That transfer is over (or its message is on its way).');
    return OK;
  });
  readonly listTransfers = this.guarded('listTransfers', anyInput, async () =>
    ok([...this.transfers.values()]),
  );
  readonly saveFile = this.guarded('saveFile', fileMessageInput, (id) => this.saving.save(id));
  readonly openFolder = this.guarded('openFolder', fileMessageInput, async (id) =>
    this.saving.showInFolder(id),
  );
  readonly loadImage = this.guarded('loadImage', fileMessageInput, (id) => this.saving.image(id));

  constructor(private readonly parts: FileServiceParts) {
    void sweepStagedCopies(join(parts.dataDir, 'outgoing'), join(parts.dataDir, 'outbox')).catch(() => {});
    this.saving = new FileSaving({
      link: parts.link,
      held: parts.held,
      dir: join(parts.dataDir, 'downloads'),
      hooks: parts.hooks,
      report: (transfer) => this.report(transfer),
    });
  }

  /** Follow one connection: an account's session opens its outbox, the end of it closes the outbox. */
  wire(connection: ChatConnection): Unsubscribe[] {
    return [
      connection.on('session', (info) => {
        this.closeOutbox();
        if (info?.token) this.openOutbox(connection, info.username);
      }),
      connection.on('status', (status) => {
        if (status.state === 'connected') return;
        for (const t of this.transfers.values())
          if (t.state === 'moving') this.report({ ...t, state: 'waiting' });
      }),
      () => this.closeOutbox(),
    ];
  }

  dispose(): void {
    this.closeOutbox();
    this.saving.dispose();
  }

  private openOutbox(connection: ChatConnection, username: string): void {
    const server = this.parts.link().status.server;
    if (!server) return;
    // One outbox per room and account, named by a digest: no part of a server name or username is a path.
    const key = createHash('sha256')
      .update(`${describeServer(server)}\n${username.toLowerCase()}`)
      .digest('hex');
    const dir = join(this.parts.dataDir, 'outbox');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const outbox = new FileOutbox(
      connection,
      new JsonOutboxStore(join(dir, `${key.slice(0, 32)}.json`)),
      this.parts.outbox,
    );
    this.outbox = outbox;
    outbox.on('progress', ({ id, done, size, bytesPerSecond, secondsLeft }) => {
      const t = this.transfers.get(id);
      if (t)
        this.report({ ...t, state: done === size ? 'sharing' : 'moving', done, bytesPerSecond, secondsLeft });
    });
    outbox.on('shared', ({ id, message }) => {
      const t = this.transfers.get(id);
      if (t) this.report({ ...t, state: 'done', done: t.size, messageId: message.id, secondsLeft: 0 });
    });
    outbox.on('failed', ({ id, error, code }) => {
      const t = this.transfers.get(id);
      if (t) this.report({ ...t, state: code === 'cancelled' ? 'cancelled' : 'failed', error });
    });
    for (const entry of outbox.pending) this.track(entry);
  }

  private closeOutbox(): void {
    this.outbox?.close();
    this.outbox = null;
    for (const t of [...this.transfers.values()]) if (t.direction === 'up') this.transfers.delete(t.id);
  }

  private track(entry: QueuedFile): void {
    this.report({
      id: entry.id,
      direction: 'up',
      conversation: entry.to,
      name: entry.name,
      size: entry.size,
      state: entry.stored ? 'sharing' : 'waiting',
      done: entry.stored ? entry.size : 0,
      bytesPerSecond: 0,
      secondsLeft: null,
      error: null,
      messageId: null,
      metadataRemoved: entry.metadataRemoved ?? null,
    });
  }

  /** Keep a transfer's state and tell the window; finished ones are told once and forgotten. */
  private report(transfer: FileTransfer): void {
    const over = transfer.state === 'done' || transfer.state === 'failed' || transfer.state === 'cancelled';
    if (over) this.transfers.delete(transfer.id);
    else this.transfers.set(transfer.id, transfer);
    this.parts.events.emit('fileTransfer', { ...transfer });
  }

  private guarded<K extends keyof FilesInvoke, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Awaited<ReturnType<FilesInvoke[K]>>>,
  ): FilesInvoke[K] {
    return guardedCall(name, input, run, () => this.parts.disposed());
  }
}

/** The sender's note on a stripped photo: its location when the EXIF had one, else that details went. */
function metadataNote(found: JpegMetadataFound): MetadataRemoved | null {
  if (found.gps) return 'location';
  return removedMetadata(found) ? 'details' : null;
}

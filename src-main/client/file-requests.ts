// The connection's file calls (docs/protocol.md § Files): who may open transfer connections now and how
// (file-upload.ts, file-download.ts use it), and sharing a stored file as a message through the send window.
import { randomUUID } from 'node:crypto';
import { fileNotice } from '../../src-shared/file-protocol';
import { ROOM } from '../../src-shared/protocol';
import type { Result } from '../../src-shared/result';
import { type ClientParts, type QueuedSend, queueSend, transferAccessOf } from './core';
import type { TransferAccess } from './file-transfer';
import type { SharedFile } from './outbox';

export class FileRequests {
  constructor(private readonly parts: ClientParts) {}

  /** A live account session's token and the chat link's pinned opener; null for guests or while offline. */
  access(): TransferAccess | null {
    return transferAccessOf(this.parts);
  }

  /**
   * Share a file this account stored as a message: queued like `send`, and idempotent by `cid` like it, so
   * a file outbox that retries after a restart is stored once.
   */
  share(
    file: SharedFile,
    to: string = ROOM,
    replyTo?: number,
    cid: string = randomUUID(),
  ): Result<QueuedSend> {
    return queueSend(this.parts, { cid, text: fileNotice(file), to, file }, replyTo);
  }
}

// The file outbox on disk: one JSON file (0600) that the outbox rewrites whenever an entry comes, is stored
// or leaves. Written to a temporary file and renamed over the old one, so a crash leaves the old list or the
// new one. Read back through a schema: a damaged file, or a damaged entry, is dropped rather than trusted
// (a path in it is only ever read from, never written to, apart from the app's own copies).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { FILE_TYPE_PATTERN, MAX_THUMB_BASE64_CHARS, SHA256_PATTERN } from '../../src-shared/file-limits';
import { fileName } from '../../src-shared/file-protocol';
import type { OutboxStore, QueuedFile } from './file-outbox';

/** Sends kept at most; the room would refuse more at once long before. */
export const MAX_QUEUED_FILES = 1000;

const entrySchema = z.object({
  id: z.string().min(1).max(64),
  path: z.string().min(1).max(4096),
  ownCopy: z.boolean(),
  sha256: z.string().regex(SHA256_PATTERN),
  name: fileName,
  type: z.string().regex(FILE_TYPE_PATTERN),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  thumb: z.string().max(MAX_THUMB_BASE64_CHARS).optional(),
  to: z.string().min(1).max(40),
  replyTo: z.number().int().min(1).optional(),
  createdAt: z.string().max(40),
  stored: z.boolean(),
  metadataRemoved: z.enum(['location', 'details']).optional(),
});

export class JsonOutboxStore implements OutboxStore {
  constructor(private readonly file: string) {}

  load(): QueuedFile[] {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(json)) return [];
    return json.slice(0, MAX_QUEUED_FILES).flatMap((item) => {
      const parsed = entrySchema.safeParse(item);
      return parsed.success ? [parsed.data as QueuedFile] : [];
    });
  }

  save(entries: readonly QueuedFile[]): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(entries), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}

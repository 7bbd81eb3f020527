// The file tables (docs/protocol.md § Files): stored files by SHA-256, who stored which (the quota counts
// each distinct file an account stored once), and uploads in progress. The bytes live on disk (blob-store.ts);
// these rows say which of them are whole and verified.
import type Database from 'better-sqlite3';

export interface UploadRecord {
  /** Names the partial file on disk: a number the room made, never anything a client sent. */
  id: number;
  userKey: string;
  sha256: string;
  size: number;
}

export interface FileStore {
  /** The size of a stored (whole, verified) file, or null. */
  storedFileSize(sha256: string): number | null;
  /** Whether this account stored (or claimed by uploading it whole) this file. */
  ownsFile(userKey: string, sha256: string): boolean;
  /** Bytes counted against an account: its distinct stored files and its unfinished uploads. */
  accountFileBytes(userKey: string): number;
  /** Bytes the whole room holds: stored files and unfinished uploads of files not stored yet. */
  roomFileBytes(): number;
  /** The account's unfinished upload of this file, or a new one (its id names the partial file). */
  openUpload(userKey: string, sha256: string, size: number, at: number): UploadRecord;
  /** A verified upload: the file is stored (once, however many stored it), owned by the account, and the upload row gone. */
  finishUpload(upload: UploadRecord, at: number): void;
  /** Give up an upload (refused, or wrong bytes). */
  dropUpload(id: number): void;
  /** Uploads not touched since `before`, to delete with their partial files. */
  staleUploads(before: number): UploadRecord[];
  /** Every upload id still open, so partial files without a row can be deleted. */
  uploadIds(): Set<number>;
  /** Forget a stored file whose bytes turned out wrong on disk. */
  forgetFile(sha256: string): void;
}

interface UploadRow {
  id: number;
  user_key: string;
  sha256: string;
  size: number;
}

const toUpload = (row: UploadRow): UploadRecord => ({
  id: row.id,
  userKey: row.user_key,
  sha256: row.sha256,
  size: row.size,
});

export function fileTable(db: Database.Database): FileStore {
  const size = db.prepare<[string], { size: number }>('SELECT size FROM files WHERE sha256 = ?');
  const owns = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM file_owners WHERE user_key = ? AND sha256 = ?',
  );
  const accountBytes = db.prepare<[string, string], { bytes: number | null }>(
    `SELECT (SELECT COALESCE(SUM(f.size), 0) FROM file_owners o JOIN files f ON f.sha256 = o.sha256
              WHERE o.user_key = ?)
          + (SELECT COALESCE(SUM(size), 0) FROM file_uploads WHERE user_key = ?) AS bytes`,
  );
  const roomBytes = db.prepare<[], { bytes: number | null }>(
    `SELECT (SELECT COALESCE(SUM(size), 0) FROM files)
          + (SELECT COALESCE(SUM(size), 0) FROM file_uploads
              WHERE sha256 NOT IN (SELECT sha256 FROM files)) AS bytes`,
  );
  const findUpload = db.prepare<[string, string], UploadRow>(
    'SELECT id, user_key, sha256, size FROM file_uploads WHERE user_key = ? AND sha256 = ?',
  );
  const insertUpload = db.prepare(
    'INSERT INTO file_uploads (user_key, sha256, size, touched_at) VALUES (?, ?, ?, ?)',
  );
  const touch = db.prepare('UPDATE file_uploads SET touched_at = ? WHERE id = ?');
  const deleteUpload = db.prepare('DELETE FROM file_uploads WHERE id = ?');
  const insertFile = db.prepare('INSERT OR IGNORE INTO files (sha256, size, stored_at) VALUES (?, ?, ?)');
  const insertOwner = db.prepare('INSERT OR IGNORE INTO file_owners (user_key, sha256, at) VALUES (?, ?, ?)');
  const stale = db.prepare<[number], UploadRow>(
    'SELECT id, user_key, sha256, size FROM file_uploads WHERE touched_at < ?',
  );
  const ids = db.prepare<[], { id: number }>('SELECT id FROM file_uploads');
  const deleteFile = db.prepare('DELETE FROM files WHERE sha256 = ?');
  const deleteOwners = db.prepare('DELETE FROM file_owners WHERE sha256 = ?');

  const open = db.transaction((userKey: string, sha256: string, bytes: number, at: number) => {
    const found = findUpload.get(userKey, sha256);
    // An announced size that changed is another file as far as the bytes go: start that one afresh.
    if (found && found.size === bytes) {
      touch.run(at, found.id);
      return toUpload(found);
    }
    if (found) deleteUpload.run(found.id);
    const info = insertUpload.run(userKey, sha256, bytes, at);
    return { id: Number(info.lastInsertRowid), userKey, sha256, size: bytes };
  });
  const finish = db.transaction((upload: UploadRecord, at: number) => {
    insertFile.run(upload.sha256, upload.size, at);
    insertOwner.run(upload.userKey, upload.sha256, at);
    deleteUpload.run(upload.id);
  });
  const forget = db.transaction((sha256: string) => {
    deleteFile.run(sha256);
    deleteOwners.run(sha256);
  });

  return {
    storedFileSize: (sha256) => size.get(sha256)?.size ?? null,
    ownsFile: (userKey, sha256) => owns.get(userKey, sha256) !== undefined,
    accountFileBytes: (userKey) => accountBytes.get(userKey, userKey)?.bytes ?? 0,
    roomFileBytes: () => roomBytes.get()?.bytes ?? 0,
    openUpload: (userKey, sha256, bytes, at) => open(userKey, sha256, bytes, at),
    finishUpload: (upload, at) => finish(upload, at),
    dropUpload(id) {
      deleteUpload.run(id);
    },
    staleUploads: (before) => stale.all(before).map(toUpload),
    uploadIds: () => new Set(ids.all().map((row) => row.id)),
    forgetFile: (sha256) => forget(sha256),
  };
}

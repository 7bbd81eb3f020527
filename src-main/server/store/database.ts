// Opening the room's database: the file, the pragmas and the schema migrations. The tables' statements live
// in one module per table (accounts, sessions, friends, messages); this part only gets the file ready.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { makePrivateDir, makePrivateFile, narrowIfPresent } from './private-files';

/** The database's fixed file name: the data directory comes from the operator, never a file name from a client. */
export const DATABASE_FILE = 'hearth.sqlite3';

export interface SqliteStoreOptions {
  /** 'full' syncs the WAL on every commit (survives power loss); 'normal' (default) survives process crashes. */
  synchronous?: 'full' | 'normal';
}

export function openDatabase(dataDir: string, options: SqliteStoreOptions): Database.Database {
  makePrivateDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  makePrivateFile(file);
  narrowIfPresent(`${file}-wal`);
  narrowIfPresent(`${file}-shm`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const current =
    db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM migrations').get()?.v ?? 0;
  const record = db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)');
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1] as string;
    db.transaction(() => {
      db.exec(sql);
      record.run(version, Date.now());
    })();
  }
}

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RoomctlError } from '../../drivers/core/errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { ensurePrivateDirSync, preparePrivateDatabaseFile } from './private-files.js';

export type Db = Database.Database;

/**
 * Opens (and creates) the room database in WAL mode and brings its schema up to date.
 * WAL + synchronous=NORMAL survives a killed process without losing committed rows;
 * FULL would also survive a power cut, which a mini-PC on a UPS-less desk needs.
 */
export function openDatabase(dir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  let db: Db;
  try {
    // Door secrets, meeting codes and confidential minutes live here: owner only (private-files.ts).
    ensurePrivateDirSync(dir);
    preparePrivateDatabaseFile(join(dir, 'roomctl.sqlite'));
    db = new Database(join(dir, 'roomctl.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new RoomctlError('ROOMCTL_E_STORAGE', `Cannot open the database in ${dir}: ${(err as Error).message}`, { dir }, { cause: err });
  }
  migrate(db, migrations);
  return db;
}

export function migrate(db: Db, migrations: readonly Migration[]): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  let count = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    count++;
  }
  return count;
}

export function schemaVersion(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get() as number) ?? 0;
}

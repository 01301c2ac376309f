import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { Migration } from './migrations.js';
import { ensurePrivateDirSync, preparePrivateDatabaseFile } from './private-files.js';

export type Db = Database.Database;

/** How a program keeps its SQLite file: its name in the data folder, how hard a commit goes to disk, what errors call it. */
interface SqliteFile {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  foreignKeys: boolean;
  /** "the database", "the fleet database": how a failure to open it names it. */
  label: string;
}

/**
 * Opens (and creates) a program's SQLite file in WAL mode, readable by its owner only, and
 * brings its schema up to date with the migrations given.
 */
export function openSqlite(dir: string, spec: SqliteFile, migrations: readonly Migration[]): Db {
  let db: Db;
  try {
    ensurePrivateDirSync(dir);
    preparePrivateDatabaseFile(join(dir, spec.file));
    db = new Database(join(dir, spec.file));
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${spec.synchronous}`);
    if (spec.foreignKeys) db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new RoomctlError('ROOMCTL_E_STORAGE', `Cannot open ${spec.label} in ${dir}: ${(err as Error).message}`, { dir }, { cause: err });
  }
  migrate(db, migrations);
  return db;
}

/**
 * Opens (and creates) the room database and brings its schema up to date with the modules'
 * migrations (the room's list: appliance/room-migrations.ts). Door secrets, meeting codes and
 * confidential minutes live here: owner only (private-files.ts).
 * WAL + synchronous=NORMAL survives a killed process without losing committed rows;
 * FULL would also survive a power cut, which a mini-PC on a UPS-less desk needs.
 */
export function openDatabase(dir: string, migrations: readonly Migration[]): Db {
  return openSqlite(dir, { file: 'roomctl.sqlite', synchronous: 'FULL', foreignKeys: true, label: 'the database' }, migrations);
}

/**
 * The migrations in the order they run: modules in the order first listed, each module's
 * versions ascending. Stable whatever order a module lists its own in; a module's tables never
 * depend on a later module's.
 */
export function migrationOrder(migrations: readonly Migration[]): Migration[] {
  const modules = [...new Set(migrations.map((m) => m.module))];
  const seen = new Set<string>();
  for (const m of migrations) {
    const key = `${m.module}@${m.version}`;
    if (seen.has(key))
      throw new RoomctlError('ROOMCTL_E_STORAGE', `Two migrations claim ${m.module} version ${m.version}`, { module: m.module, version: m.version });
    seen.add(key);
  }
  return modules.flatMap((module) => migrations.filter((m) => m.module === module).sort((a, b) => a.version - b.version));
}

/**
 * Applies the migrations not yet recorded, each in its own transaction with its record, and
 * returns how many ran. A database from before modules brought their own migrations (one
 * global `schema_migrations` list) is adopted first: every migration whose `legacyVersion` it
 * recorded is marked applied without running. The old table is left as it was.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number {
  const ordered = migrationOrder(migrations);
  db.exec(
    'CREATE TABLE IF NOT EXISTS module_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))',
  );
  const record = db.prepare('INSERT OR IGNORE INTO module_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)');
  adoptLegacyVersions(db, ordered, record);
  const applied = new Set(
    (db.prepare('SELECT module, version FROM module_migrations').all() as Array<{ module: string; version: number }>).map((r) => `${r.module}@${r.version}`),
  );
  let count = 0;
  for (const m of ordered) {
    if (applied.has(`${m.module}@${m.version}`)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.module, m.version, m.name, new Date().toISOString());
    })();
    count++;
  }
  return count;
}

function adoptLegacyVersions(db: Db, ordered: readonly Migration[], record: Database.Statement): void {
  const legacyTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!legacyTable) return;
  const legacy = new Map(
    (db.prepare('SELECT version, applied_at FROM schema_migrations').all() as Array<{ version: number; applied_at: string }>).map((r) => [
      r.version,
      r.applied_at,
    ]),
  );
  db.transaction(() => {
    for (const m of ordered) {
      const appliedAt = m.legacyVersion === undefined ? undefined : legacy.get(m.legacyVersion);
      if (appliedAt !== undefined) record.run(m.module, m.version, m.name, appliedAt);
    }
  })();
}

/** Each module's highest applied version. */
export function moduleVersions(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT module, MAX(version) AS version FROM module_migrations GROUP BY module ORDER BY module').all() as Array<{
    module: string;
    version: number;
  }>;
  return Object.fromEntries(rows.map((r) => [r.module, r.version]));
}

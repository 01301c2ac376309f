import { RoomctlError } from '../drivers/core/errors.js';
import type { Logger } from '../appliance/logger.js';
import { openSqlite, type Db } from '../appliance/store/database.js';
import type { Migration } from '../appliance/store/migrations.js';
import { FLEET_MIGRATIONS, migrationSql, type FleetMigration } from './fleet-migrations.js';
import type { FleetSql } from './fleet-sql.js';
import { SqliteFleetSql } from './fleet-sql-sqlite.js';

/** Where the fleet keeps its state: `<dataDir>/fleet.sqlite` unless `database` names a PostgreSQL. */
interface FleetDatabaseOptions {
  dataDir: string;
  /** postgres://user:password@host:port/db — several fleet instances share it. */
  database?: string;
  log?: Pick<Logger, 'warn'>;
  /** The pool's size (PostgreSQL only). */
  maxConnections?: number;
}

/** Opens the fleet's database, brings its schema up to date and returns the seam to it. */
export async function openFleetSql(options: FleetDatabaseOptions, migrations: readonly FleetMigration[] = FLEET_MIGRATIONS): Promise<FleetSql> {
  if (options.database) {
    // Loaded only here: the PostgreSQL client (and, through its runtime check, Node's fetch) is megabytes a fleet on SQLite never uses.
    const { connectPostgres } = await import('./fleet-sql-postgres.js');
    const sql = await connectPostgres(options.database, { log: options.log, max: options.maxConnections });
    try {
      await migratePostgres(sql, migrations);
    } catch (err) {
      await sql.close();
      throw new RoomctlError(
        'ROOMCTL_E_FLEET_DATABASE',
        `--database (fleet.database): cannot bring the fleet's tables up to date: ${(err as Error).message}`,
        { option: 'database' },
        { cause: err },
      );
    }
    return sql;
  }
  return new SqliteFleetSql(openSqliteFile(options.dataDir, migrations));
}

/**
 * Opens `<dir>/fleet.sqlite` (WAL) with the fleet's migrations. NORMAL: a killed process loses
 * nothing committed; a power cut may lose the last batch, which the rooms' retained topics and
 * persistent session give back.
 */
function openSqliteFile(dir: string, migrations: readonly FleetMigration[]): Db {
  return openSqlite(dir, { file: 'fleet.sqlite', synchronous: 'NORMAL', foreignKeys: false, label: 'the fleet database' }, sqliteFleetMigrations(migrations));
}

/** Arbitrary, fixed: the advisory lock two instances starting at once take to migrate one after the other. */
const MIGRATION_LOCK = 0x726f6f6d;

async function migratePostgres(sql: FleetSql, migrations: readonly FleetMigration[]): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      // Several statements in one text: pg sends a text without parameters as one simple query.
      await tx.run(migrationSql(m, 'postgres'));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
    }
  });
}

/** The fleet's steps as the SQLite store runs them: module `fleet`; steps 1–3 shipped in the store's old numbered list, so a database that has them is adopted. */
export function sqliteFleetMigrations(migrations: readonly FleetMigration[] = FLEET_MIGRATIONS): Migration[] {
  return migrations.map((m) => ({
    module: 'fleet',
    version: m.version,
    ...(m.version <= LAST_LEGACY_FLEET_VERSION ? { legacyVersion: m.version } : {}),
    name: m.name,
    sql: migrationSql(m, 'sqlite'),
  }));
}

const LAST_LEGACY_FLEET_VERSION = 3;

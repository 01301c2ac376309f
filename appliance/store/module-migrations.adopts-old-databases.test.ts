/**
 * Databases in the field were made by one global numbered list (room store version 10, fleet
 * store version 3). The modules' migrations must open such a database unchanged, running
 * nothing again, and give a fresh database the very same schema.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteFleetMigrations } from '../../fleet/fleet-database.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { migrate, moduleVersions, type Db } from './database.js';
import type { Migration } from './migrations.js';
import { LEGACY_FLEET_MIGRATIONS, LEGACY_ROOM_MIGRATIONS, type LegacyMigration } from './testing/legacy-migrations.js';

/** A database as the old store made it: each numbered SQL text run, and recorded in schema_migrations. */
function legacyDatabase(list: readonly LegacyMigration[]): Db {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of list) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  return db;
}

/** The migrations that shipped in the old numbered list; those added since run on top of them. */
const shippedOf = (modules: readonly Migration[]) => modules.filter((m) => m.legacyVersion !== undefined);
const addedSince = (modules: readonly Migration[]) => modules.filter((m) => m.legacyVersion === undefined);

/** The schema as SQLite keeps it (tables, indexes, their SQL text), bookkeeping tables left out. */
function schema(db: Db): Array<{ type: string; name: string; tbl_name: string; sql: string | null }> {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT IN ('schema_migrations', 'module_migrations') ORDER BY type, name")
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
}

describe.each([
  { store: 'room', legacy: LEGACY_ROOM_MIGRATIONS, modules: ROOM_MIGRATIONS },
  // The fleet's steps that shipped in the old list (later ones are new, and run on top: tested by the fleet's own tests).
  { store: 'fleet', legacy: LEGACY_FLEET_MIGRATIONS, modules: sqliteFleetMigrations().filter((m) => m.legacyVersion !== undefined) },
] satisfies Array<{ store: string; legacy: readonly LegacyMigration[]; modules: readonly Migration[] }>)('the $store store', ({ legacy, modules }) => {
  it('adopts a database at the last global version without running anything, and keeps its rows', () => {
    const db = legacyDatabase(legacy);
    const before = schema(db);
    db.exec("CREATE TABLE canary (x TEXT); INSERT INTO canary VALUES ('kept')");
    const tables = before.filter((s) => s.type === 'table' && s.name !== 'sqlite_sequence').map((s) => s.name);
    expect(migrate(db, shippedOf(modules))).toBe(0);
    expect(schema(db).filter((s) => s.name !== 'canary')).toEqual(before);
    // Migrations a module added since the old list run once, on top.
    expect(migrate(db, modules)).toBe(addedSince(modules).length);
    expect(db.prepare('SELECT x FROM canary').pluck().get()).toBe('kept');
    // Every migration is recorded once, under its module, with the old record's time.
    const recorded = db.prepare('SELECT module, version, applied_at FROM module_migrations ORDER BY module, version').all() as Array<{
      module: string;
      version: number;
      applied_at: string;
    }>;
    expect(recorded.map((r) => `${r.module}@${r.version}`).sort()).toEqual(modules.map((m) => `${m.module}@${m.version}`).sort());
    const adopted = new Set(shippedOf(modules).map((m) => `${m.module}@${m.version}`));
    expect(new Set(recorded.filter((r) => adopted.has(`${r.module}@${r.version}`)).map((r) => r.applied_at))).toEqual(new Set(['2026-01-01T00:00:00.000Z']));
    // The old list is left as it was.
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(legacy.at(-1)!.version);
    expect(tables.length).toBeGreaterThan(0);
    db.close();
  });

  it('brings a database half way up the old list to the end, running only what it lacks', () => {
    const half = legacy.slice(0, Math.ceil(legacy.length / 2));
    const db = legacyDatabase(half);
    const pending = shippedOf(modules).filter((m) => !half.some((h) => h.version === m.legacyVersion));
    expect(migrate(db, shippedOf(modules))).toBe(pending.length);
    expect(schema(db)).toEqual(schema(legacyDatabase(legacy)));
    db.close();
  });

  it('gives a fresh database the same schema as the old numbered list did', () => {
    const fresh = new Database(':memory:');
    migrate(fresh, shippedOf(modules));
    expect(schema(fresh)).toEqual(schema(legacyDatabase(legacy)));
    // And with what was added since: the same schema as an old database brought up to date.
    const old = legacyDatabase(legacy);
    migrate(old, modules);
    migrate(fresh, modules);
    expect(schema(fresh)).toEqual(schema(old));
    old.close();
    expect(Object.values(moduleVersions(fresh)).length).toBeGreaterThan(0);
    fresh.close();
  });

  it('names its old number on every migration that shipped in the old list, and none twice in a module', () => {
    const claimed = new Set(modules.map((m) => m.legacyVersion));
    expect(legacy.filter((l) => !claimed.has(l.version)).map((l) => l.name)).toEqual([]);
    expect(new Set(modules.map((m) => `${m.module}@${m.version}`)).size).toBe(modules.length);
  });
});

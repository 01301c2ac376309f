/**
 * A module's migration: the module owns its tables and brings the SQL that makes them. Each
 * module counts its own versions from 1; the store records `(module, version)` once applied.
 * Never edit a migration that has shipped: add the module's next version.
 */
export interface Migration {
  /** The owning module (`help`, `meetings`, `fleet`…): versions are counted per module. */
  module: string;
  version: number;
  name: string;
  sql: string;
  /**
   * Its number in the one global list the store used before modules brought their own
   * migrations (the room's 1..10, the fleet's 1..3). A database that recorded that number
   * already has this migration: it is adopted, not run again. New migrations leave it out.
   */
  legacyVersion?: number;
}

/** The store's own tables: device status history and the settings every module may keep a key in. */
export const STORE_MIGRATIONS: readonly Migration[] = [
  {
    module: 'store',
    version: 1,
    legacyVersion: 1,
    name: 'device status history and settings',
    sql: `
      CREATE TABLE device_status_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('connecting','ok','degraded','offline','bad_config')),
        detail TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX device_status_log_device ON device_status_log (device_id, id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    module: 'store',
    version: 2,
    legacyVersion: 9,
    name: 'device status auth-failed',
    // SQLite cannot widen a CHECK in place: the history moves to a table that allows the new status.
    sql: `
      CREATE TABLE device_status_log_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('connecting','ok','degraded','offline','auth-failed','bad_config')),
        detail TEXT,
        at TEXT NOT NULL
      );
      INSERT INTO device_status_log_v8 (id, device_id, status, detail, at) SELECT id, device_id, status, detail, at FROM device_status_log;
      DROP TABLE device_status_log;
      ALTER TABLE device_status_log_v8 RENAME TO device_status_log;
      CREATE INDEX device_status_log_device ON device_status_log (device_id, id);
    `,
  },
];

/**
 * Numbered migrations, applied in order at start inside one transaction each. Never edit
 * a migration that has shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
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
];

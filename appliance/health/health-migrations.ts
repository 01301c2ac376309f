import type { Migration } from '../store/migrations.js';

/** Health's table: open device faults survive a restart, so the cleared event still carries the id of the raised one. */
export const HEALTH_MIGRATIONS: readonly Migration[] = [
  {
    module: 'health',
    version: 1,
    // Shipped inside the room's global migration 2, together with the telemetry outbox.
    legacyVersion: 2,
    name: 'open device faults',
    sql: `
      CREATE TABLE device_faults (
        device_id TEXT PRIMARY KEY,
        fault_id TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        detail TEXT NOT NULL
      );
    `,
  },
];

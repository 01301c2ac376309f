import { MINUTES_AND_NOTIFY_SQL, NOTIFY_FAILURE_KIND_SQL, SCHEDULE_AND_MEETINGS_SQL } from '../meetings/meeting-migrations.js';
import { RECORDINGS_SQL } from '../media/recordings-repository.js';
import { HELP_REQUESTS_SQL } from '../help/help-repository.js';
import { PANELS_SQL } from '../panel/panel-repository.js';
import { COMMAND_NONCES_SQL } from '../telemetry/command-nonces.js';
import { LINKED_ROOMS_SQL } from '../linked/linked-migrations.js';

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
  {
    version: 2,
    name: 'telemetry outbox and open device faults',
    // The outbox is store-and-forward for MQTT: a row per message, sent in seq order, deleted
    // once the broker acknowledged it. Open faults survive a restart so the cleared event
    // still carries the id of the raised one.
    sql: `
      CREATE TABLE telemetry_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        payload BLOB NOT NULL,
        qos INTEGER NOT NULL DEFAULT 1,
        retain INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE device_faults (
        device_id TEXT PRIMARY KEY,
        fault_id TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        detail TEXT NOT NULL
      );
    `,
  },
  { version: 3, name: 'calendar cache, meetings, check-ins, agenda, self-tests', sql: SCHEDULE_AND_MEETINGS_SQL },
  { version: 4, name: 'minutes, action items, audit, feedback, notification outbox, retention', sql: MINUTES_AND_NOTIFY_SQL },
  { version: 5, name: 'recordings and their segment files', sql: RECORDINGS_SQL },
  { version: 6, name: 'paired touch panels', sql: PANELS_SQL },
  { version: 7, name: 'help requests', sql: HELP_REQUESTS_SQL },
  { version: 8, name: 'notification failures: permanent or temporary', sql: NOTIFY_FAILURE_KIND_SQL },
  {
    version: 9,
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
  { version: 10, name: 'nonces of accepted central commands', sql: COMMAND_NONCES_SQL },
  // 11 is the conversation's (the floor and polls).
  { version: 12, name: 'linked rooms: linked meetings and their records', sql: LINKED_ROOMS_SQL },
];

import type { Migration } from '../store/migrations.js';
import { COMMAND_NONCES_SQL } from './command-nonces.js';

/** Telemetry's tables: the MQTT outbox and the nonces of accepted central commands. */
export const TELEMETRY_MIGRATIONS: readonly Migration[] = [
  {
    module: 'telemetry',
    version: 1,
    legacyVersion: 2,
    name: 'telemetry outbox',
    // Store-and-forward for MQTT: a row per message, sent in seq order, deleted once the broker acknowledged it.
    sql: `
      CREATE TABLE telemetry_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        payload BLOB NOT NULL,
        qos INTEGER NOT NULL DEFAULT 1,
        retain INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
    `,
  },
  { module: 'telemetry', version: 2, legacyVersion: 10, name: 'nonces of accepted central commands', sql: COMMAND_NONCES_SQL },
];

import type { Migration } from '../appliance/store/migrations.js';

/**
 * The fleet view's own database (fleet.sqlite), with its own migrations (module `fleet`): it is a
 * different program's data from a room's, and never shares a file with one.
 */
export const FLEET_MIGRATIONS: readonly Migration[] = [
  {
    module: 'fleet',
    version: 1,
    legacyVersion: 1,
    name: 'rooms, devices, events, issues, alerts',
    sql: `
      CREATE TABLE fleet_rooms (
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        name TEXT,
        status TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('online','offline','unknown')),
        status_since INTEGER,
        state TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site, room)
      );
      CREATE TABLE fleet_devices (
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok','degraded','offline','unknown')),
        since TEXT,
        detail TEXT,
        code TEXT,
        metrics TEXT NOT NULL DEFAULT '{}',
        reported_at INTEGER,
        received_at INTEGER NOT NULL,
        messages INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (site, room, device_id)
      );
      CREATE TABLE fleet_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        type TEXT NOT NULL,
        device_id TEXT,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX fleet_events_room ON fleet_events (site, room, seq);
      CREATE TABLE fleet_issues (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('problem','help')),
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        summary TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','acknowledged','resolved')),
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        resolved_by TEXT,
        resolved_at TEXT
      );
      CREATE INDEX fleet_issues_state ON fleet_issues (state, opened_at);
      CREATE TABLE fleet_alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sink TEXT NOT NULL,
        alert_key TEXT NOT NULL,
        rule TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('firing','resolved')),
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT
      );
      CREATE INDEX fleet_alerts_pending ON fleet_alerts (delivered_at, next_attempt_at);
      CREATE INDEX fleet_alerts_key ON fleet_alerts (alert_key, id);
    `,
  },
  {
    module: 'fleet',
    version: 2,
    legacyVersion: 2,
    name: 'whether the room heard the answer to its help call',
    // room_seen_at: when the room recorded the acknowledgement (its answer to cmd/ack-help,
    // or its own help.acknowledged event); room_error: why the room refused the command.
    sql: `
      ALTER TABLE fleet_issues ADD COLUMN room_seen_at TEXT;
      ALTER TABLE fleet_issues ADD COLUMN room_error TEXT;
    `,
  },
  {
    module: 'fleet',
    version: 3,
    legacyVersion: 3,
    name: 'device health auth-failed',
    // SQLite cannot widen a CHECK in place: the rows move to a table that allows the new status.
    sql: `
      CREATE TABLE fleet_devices_v2 (
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok','degraded','offline','auth-failed','unknown')),
        since TEXT,
        detail TEXT,
        code TEXT,
        metrics TEXT NOT NULL DEFAULT '{}',
        reported_at INTEGER,
        received_at INTEGER NOT NULL,
        messages INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (site, room, device_id)
      );
      INSERT INTO fleet_devices_v2 SELECT site, room, device_id, status, since, detail, code, metrics, reported_at, received_at, messages FROM fleet_devices;
      DROP TABLE fleet_devices;
      ALTER TABLE fleet_devices_v2 RENAME TO fleet_devices;
    `,
  },
  {
    module: 'fleet',
    version: 4,
    name: 'device error message',
    // A device's error travels as {code, message}: the message is kept beside the code (detail carries the hint too).
    sql: `
      ALTER TABLE fleet_devices ADD COLUMN error_message TEXT;
    `,
  },
];

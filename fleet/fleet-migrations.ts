/**
 * One numbered step of the fleet's schema, for both of its databases: `sql` when the text is
 * portable (CREATE TABLE with TEXT/BIGINT columns, ALTER TABLE … ADD COLUMN, CREATE INDEX),
 * otherwise `sqlite` and `postgres` each. Never edit a step that has shipped: add the next.
 */
export interface FleetMigration {
  version: number;
  name: string;
  sql?: string;
  sqlite?: string;
  postgres?: string;
}

/** The text of a step for one database. */
export function migrationSql(m: FleetMigration, dialect: 'sqlite' | 'postgres'): string {
  const sql = (dialect === 'sqlite' ? m.sqlite : m.postgres) ?? m.sql;
  if (sql === undefined) throw new Error(`fleet migration ${m.version} has no ${dialect} text`);
  return sql;
}

/**
 * Migration 6, SQLite: fleet_issues moves to a table whose kind allows 'device' (SQLite cannot
 * widen a CHECK in place). Device issues: device_id, device_names (JSON {en, zh-CN} from the
 * room's state), cleared_at (when the fault ended; null while it lasts), meeting (the meeting
 * running when it opened). Problem reports: rating and comment, as the room sent them. Help
 * calls: room_resolved_at, when the room recorded that facilities closed the call.
 */
const FAULTS_AS_ISSUES_SQLITE = `
      CREATE TABLE fleet_issues_v4 (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('problem','help','device')),
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT,
        device_names TEXT,
        summary TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','acknowledged','resolved')),
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        assigned_to TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        room_seen_at TEXT,
        room_error TEXT,
        room_resolved_at TEXT,
        cleared_at TEXT,
        meeting TEXT,
        rating INTEGER,
        comment TEXT
      );
      INSERT INTO fleet_issues_v4 (id, kind, site, room, summary, opened_at, state, acknowledged_by, acknowledged_at, resolved_by, resolved_at, room_seen_at, room_error)
        SELECT id, kind, site, room, summary, opened_at, state, acknowledged_by, acknowledged_at, resolved_by, resolved_at, room_seen_at, room_error FROM fleet_issues;
      DROP TABLE fleet_issues;
      ALTER TABLE fleet_issues_v4 RENAME TO fleet_issues;
      CREATE INDEX fleet_issues_state ON fleet_issues (state, opened_at);
      CREATE INDEX fleet_issues_device ON fleet_issues (site, room, device_id, opened_at);
`;

/** Migration 6, PostgreSQL: the same columns, the CHECK widened in place. */
const FAULTS_AS_ISSUES_POSTGRES = `
      ALTER TABLE fleet_issues DROP CONSTRAINT fleet_issues_kind_check;
      ALTER TABLE fleet_issues ADD CONSTRAINT fleet_issues_kind_check CHECK (kind IN ('problem','help','device'));
      ALTER TABLE fleet_issues ADD COLUMN device_id TEXT;
      ALTER TABLE fleet_issues ADD COLUMN device_names TEXT;
      ALTER TABLE fleet_issues ADD COLUMN assigned_to TEXT;
      ALTER TABLE fleet_issues ADD COLUMN room_resolved_at TEXT;
      ALTER TABLE fleet_issues ADD COLUMN cleared_at TEXT;
      ALTER TABLE fleet_issues ADD COLUMN meeting TEXT;
      ALTER TABLE fleet_issues ADD COLUMN rating INTEGER;
      ALTER TABLE fleet_issues ADD COLUMN comment TEXT;
      CREATE INDEX fleet_issues_device ON fleet_issues (site, room, device_id, opened_at);
`;

const ISSUE_COLUMNS =
  'id, kind, site, room, device_id, device_names, summary, opened_at, state, acknowledged_by, acknowledged_at, assigned_to, resolved_by, resolved_at, room_seen_at, room_error, room_resolved_at, cleared_at, meeting, rating, comment';

/** Migration 10, SQLite: fleet_issues moves to a table whose kind allows 'call' (a room's online call failed); its indexes come along. */
const FAILED_CALLS_SQLITE = `
      CREATE TABLE fleet_issues_v10 (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('problem','help','device','call')),
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT,
        device_names TEXT,
        summary TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','acknowledged','resolved')),
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        assigned_to TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        room_seen_at TEXT,
        room_error TEXT,
        room_resolved_at TEXT,
        cleared_at TEXT,
        meeting TEXT,
        rating INTEGER,
        comment TEXT
      );
      INSERT INTO fleet_issues_v10 (${ISSUE_COLUMNS}) SELECT ${ISSUE_COLUMNS} FROM fleet_issues;
      DROP TABLE fleet_issues;
      ALTER TABLE fleet_issues_v10 RENAME TO fleet_issues;
      CREATE INDEX fleet_issues_state ON fleet_issues (state, opened_at);
      CREATE INDEX fleet_issues_device ON fleet_issues (site, room, device_id, opened_at);
      CREATE UNIQUE INDEX fleet_issues_one_open_fault ON fleet_issues (site, room, device_id)
        WHERE kind = 'device' AND cleared_at IS NULL AND state <> 'resolved';
`;

/** Migration 10, PostgreSQL: the CHECK widened in place. */
const FAILED_CALLS_POSTGRES = `
      ALTER TABLE fleet_issues DROP CONSTRAINT fleet_issues_kind_check;
      ALTER TABLE fleet_issues ADD CONSTRAINT fleet_issues_kind_check CHECK (kind IN ('problem','help','device','call'));
`;

/** Migration 10, both: one unresolved failed-call issue per room (a second failure before anyone resolves it is the same trouble). */
const FAILED_CALLS_INDEX = `
      CREATE UNIQUE INDEX fleet_issues_one_open_call ON fleet_issues (site, room) WHERE kind = 'call' AND state <> 'resolved';
`;

/** Migration 6, both databases: operators (token hashes), each issue's story, the alerts the dashboard lists, faults and device samples. */
const FAULTS_AS_ISSUES_TABLES = `      CREATE TABLE fleet_operators (
        name TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('operator','admin')),
        created_at TEXT NOT NULL
      );
      CREATE TABLE fleet_issue_log (
        id TEXT PRIMARY KEY,
        issue_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        text TEXT
      );
      CREATE INDEX fleet_issue_log_issue ON fleet_issue_log (issue_id, at);
      CREATE TABLE fleet_alert_feed (
        id TEXT PRIMARY KEY,
        alert_key TEXT NOT NULL,
        rule TEXT NOT NULL,
        state TEXT NOT NULL,
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX fleet_alert_feed_at ON fleet_alert_feed (at);
      CREATE TABLE fleet_device_faults (
        id TEXT PRIMARY KEY,
        issue_id TEXT NOT NULL,
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL,
        detail TEXT,
        started_at BIGINT NOT NULL,
        ended_at BIGINT
      );
      CREATE INDEX fleet_device_faults_device ON fleet_device_faults (site, room, device_id, started_at);
      CREATE INDEX fleet_device_faults_started ON fleet_device_faults (started_at);
      CREATE TABLE fleet_device_samples (
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        reply_ms DOUBLE PRECISION,
        lamp_hours DOUBLE PRECISION,
        PRIMARY KEY (site, room, device_id, at)
      );
    `;

/**
 * The fleet view's own database (fleet.sqlite, or the PostgreSQL several instances share),
 * with its own numbered migrations: it is a different program's data from a room's, and
 * never shares a file with one.
 */
export const FLEET_MIGRATIONS: readonly FleetMigration[] = [
  {
    version: 1,
    name: 'rooms, devices, events, issues, alerts',
    // PostgreSQL: BIGINT for millisecond times, identity columns for the sequences.
    postgres: `
      CREATE TABLE fleet_rooms (
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        name TEXT,
        status TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('online','offline','unknown')),
        status_since BIGINT,
        state TEXT,
        updated_at BIGINT NOT NULL,
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
        reported_at BIGINT,
        received_at BIGINT NOT NULL,
        messages BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (site, room, device_id)
      );
      CREATE TABLE fleet_events (
        seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        type TEXT NOT NULL,
        device_id TEXT,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at BIGINT NOT NULL
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
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        sink TEXT NOT NULL,
        alert_key TEXT NOT NULL,
        rule TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('firing','resolved')),
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        device_id TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        delivered_at BIGINT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        last_error TEXT
      );
      CREATE INDEX fleet_alerts_pending ON fleet_alerts (delivered_at, next_attempt_at);
      CREATE INDEX fleet_alerts_key ON fleet_alerts (alert_key, id);
    `,
    sqlite: `
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
    version: 2,
    name: 'whether the room heard the answer to its help call',
    // room_seen_at: when the room recorded the acknowledgement (its answer to cmd/ack-help,
    // or its own help.acknowledged event); room_error: why the room refused the command.
    sql: `
      ALTER TABLE fleet_issues ADD COLUMN room_seen_at TEXT;
      ALTER TABLE fleet_issues ADD COLUMN room_error TEXT;
    `,
  },
  {
    version: 3,
    name: 'device health auth-failed',
    // PostgreSQL widens the CHECK in place (its name is the one PostgreSQL gave the column's CHECK).
    postgres: `
      ALTER TABLE fleet_devices DROP CONSTRAINT fleet_devices_status_check;
      ALTER TABLE fleet_devices ADD CONSTRAINT fleet_devices_status_check CHECK (status IN ('ok','degraded','offline','auth-failed','unknown'));
    `,
    // SQLite cannot widen a CHECK in place: the rows move to a table that allows the new status.
    sqlite: `
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
    version: 4,
    name: 'hourly roll-ups of events past their retention',
    // Raw events older than the retention are counted here per room, hour and type, then
    // deleted: the trends stay, the table stays bounded. received_at finds what is old.
    sql: `
      CREATE TABLE fleet_event_rollups (
        site TEXT NOT NULL,
        room TEXT NOT NULL,
        hour BIGINT NOT NULL,
        type TEXT NOT NULL,
        events BIGINT NOT NULL,
        PRIMARY KEY (site, room, hour, type)
      );
      CREATE INDEX fleet_events_received ON fleet_events (received_at);
    `,
  },
  {
    version: 5,
    name: 'device error message',
    // A device's error travels as {code, message}: the message is kept beside the code (detail carries the hint too).
    sql: 'ALTER TABLE fleet_devices ADD COLUMN error_message TEXT',
  },
  {
    version: 6,
    name: 'device faults as issues, named operators, the issue log, alerts on the dashboard, device samples',
    sqlite: `${FAULTS_AS_ISSUES_SQLITE}${FAULTS_AS_ISSUES_TABLES}`,
    postgres: `${FAULTS_AS_ISSUES_POSTGRES}${FAULTS_AS_ISSUES_TABLES}`,
  },
  {
    version: 7,
    name: "alert parameters, for the operator's language",
    // The dashboard words an alert from its rule and parameters (JSON); older rows have none and keep their English.
    sql: 'ALTER TABLE fleet_alert_feed ADD COLUMN params TEXT',
  },
  {
    version: 8,
    name: "a device's signal in its samples",
    // Sampled with the reply time (at most every 5 minutes, kept as long as the samples), with its unit (fps, dBFS).
    sql: `
      ALTER TABLE fleet_device_samples ADD COLUMN signal DOUBLE PRECISION;
      ALTER TABLE fleet_device_samples ADD COLUMN signal_unit TEXT;
    `,
  },
  {
    version: 9,
    name: 'one open issue and one running fault per device',
    // Two instances hearing one device fail at once must open one issue: the database says
    // which one won. Duplicates that raced in before this step are closed first (the newest stays).
    sql: `
      UPDATE fleet_issues SET cleared_at = opened_at
        WHERE kind = 'device' AND cleared_at IS NULL AND state <> 'resolved' AND EXISTS (
          SELECT 1 FROM fleet_issues n WHERE n.kind = 'device' AND n.site = fleet_issues.site AND n.room = fleet_issues.room
            AND n.device_id = fleet_issues.device_id AND n.cleared_at IS NULL AND n.state <> 'resolved'
            AND (n.opened_at > fleet_issues.opened_at OR (n.opened_at = fleet_issues.opened_at AND n.id > fleet_issues.id)));
      CREATE UNIQUE INDEX fleet_issues_one_open_fault ON fleet_issues (site, room, device_id)
        WHERE kind = 'device' AND cleared_at IS NULL AND state <> 'resolved';
      UPDATE fleet_device_faults SET ended_at = started_at
        WHERE ended_at IS NULL AND EXISTS (
          SELECT 1 FROM fleet_device_faults n WHERE n.site = fleet_device_faults.site AND n.room = fleet_device_faults.room
            AND n.device_id = fleet_device_faults.device_id AND n.ended_at IS NULL
            AND (n.started_at > fleet_device_faults.started_at OR (n.started_at = fleet_device_faults.started_at AND n.id > fleet_device_faults.id)));
      CREATE UNIQUE INDEX fleet_device_faults_one_running ON fleet_device_faults (site, room, device_id) WHERE ended_at IS NULL;
    `,
  },
  {
    version: 10,
    name: "a room's failed online call as an issue",
    sqlite: `${FAILED_CALLS_SQLITE}${FAILED_CALLS_INDEX}`,
    postgres: `${FAILED_CALLS_POSTGRES}${FAILED_CALLS_INDEX}`,
  },
  {
    version: 11,
    name: 'when the room published the state the fleet keeps',
    // A retained state delivered late (a broker's queue, another instance) must not replace a newer one.
    sql: 'ALTER TABLE fleet_rooms ADD COLUMN state_at BIGINT',
  },
];

/**
 * The room's and the fleet's migrations as they shipped in one global numbered list each (room
 * store version 10, fleet store version 3), frozen: tests build an old database from these texts
 * and check the module migrations adopt it unchanged. Never edit: this is what is in the field.
 */
export interface LegacyMigration {
  version: number;
  name: string;
  sql: string;
}

export const LEGACY_ROOM_MIGRATIONS: readonly LegacyMigration[] = [
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
  {
    version: 3,
    name: 'calendar cache, meetings, check-ins, agenda, self-tests',
    sql: `
  CREATE TABLE calendar_feed (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    ics TEXT,
    good_at TEXT,
    tried_at TEXT,
    last_error TEXT
  );
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('calendar','adhoc')),
    series_key TEXT,
    occurrence_key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    organiser TEXT NOT NULL,
    attendees TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    confidentiality TEXT NOT NULL DEFAULT 'normal' CHECK (confidentiality IN ('normal','confidential')),
    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked','in_progress','ended','released','cancelled')),
    code TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    released_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX meetings_start ON meetings (start_at);
  CREATE INDEX meetings_end ON meetings (end_at);
  CREATE TABLE meeting_marks (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    mark TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, mark)
  );
  CREATE TABLE checkins (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_key TEXT NOT NULL,
    name TEXT,
    email TEXT,
    badge TEXT,
    method TEXT NOT NULL CHECK (method IN ('badge','qr','tap','walk_in')),
    walk_in INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, person_key)
  );
  CREATE TABLE agenda_items (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    owner TEXT,
    minutes INTEGER NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    PRIMARY KEY (meeting_id, position)
  );
  CREATE TABLE series_misses (
    series_key TEXT PRIMARY KEY,
    misses INTEGER NOT NULL,
    flagged_at TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE selftest_reports (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    passed INTEGER NOT NULL,
    results TEXT NOT NULL
  );
  CREATE INDEX selftest_reports_at ON selftest_reports (at);
`,
  },
  {
    version: 4,
    name: 'minutes, action items, audit, feedback, notification outbox, retention',
    sql: `
  CREATE TABLE minutes_entries (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('note','decision')),
    text TEXT NOT NULL,
    author TEXT,
    at TEXT NOT NULL
  );
  CREATE TABLE action_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    owner_email TEXT,
    deadline TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','done','cancelled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    reminded_at TEXT
  );
  CREATE INDEX action_items_deadline ON action_items (status, deadline);
  CREATE TABLE minutes (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    assembled_at TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE TABLE minutes_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id TEXT NOT NULL,
    action TEXT NOT NULL,
    who TEXT,
    via TEXT NOT NULL,
    detail TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX minutes_audit_meeting ON minutes_audit (meeting_id, id);
  CREATE TABLE feedback (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    categories TEXT NOT NULL,
    comment TEXT,
    device_health TEXT,
    at TEXT NOT NULL
  );
  CREATE TABLE notify_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    meeting_id TEXT,
    recipients TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE INDEX notify_outbox_due ON notify_outbox (status, next_attempt_at);
  CREATE TABLE retention_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    cutoff TEXT NOT NULL,
    removed TEXT NOT NULL
  );
  CREATE TABLE daily_jobs (
    job TEXT NOT NULL,
    day TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (job, day)
  );
`,
  },
  {
    version: 5,
    name: 'recordings and their segment files',
    sql: `
  CREATE TABLE recordings (
    id TEXT PRIMARY KEY,
    meeting_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('recording','complete','failed','interrupted')),
    format TEXT NOT NULL CHECK (format IN ('mp4','mkv')),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    detail TEXT
  );
  CREATE INDEX recordings_started ON recordings (started_at);
  CREATE TABLE recording_files (
    recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    bytes INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (recording_id, name)
  );
`,
  },
  {
    version: 6,
    name: 'paired touch panels',
    sql: `
  CREATE TABLE panels (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    pair_code TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    approved_via TEXT NOT NULL CHECK (approved_via IN ('pin','config')),
    created_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT
  );
`,
  },
  {
    version: 7,
    name: 'help requests',
    sql: `
  CREATE TABLE help_requests (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    message TEXT,
    acknowledged_at TEXT,
    acknowledged_by TEXT
  );
  CREATE INDEX help_requests_at ON help_requests (at);
`,
  },
  {
    version: 8,
    name: 'notification failures: permanent or temporary',
    sql: `
  ALTER TABLE notify_outbox ADD COLUMN failure TEXT CHECK (failure IN ('permanent','temporary'));
`,
  },
  {
    version: 9,
    name: 'device status auth-failed',
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
  {
    version: 10,
    name: 'nonces of accepted central commands',
    sql: `
  CREATE TABLE command_nonces (
    nonce TEXT PRIMARY KEY,
    forget_after INTEGER NOT NULL
  );
  CREATE INDEX command_nonces_forget ON command_nonces (forget_after);
`,
  },
];

export const LEGACY_FLEET_MIGRATIONS: readonly LegacyMigration[] = [
  {
    version: 1,
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
    version: 2,
    name: 'whether the room heard the answer to its help call',
    sql: `
      ALTER TABLE fleet_issues ADD COLUMN room_seen_at TEXT;
      ALTER TABLE fleet_issues ADD COLUMN room_error TEXT;
    `,
  },
  {
    version: 3,
    name: 'device health auth-failed',
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
];

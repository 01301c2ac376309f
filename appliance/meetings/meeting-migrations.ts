import type { Migration } from '../store/migrations.js';

/**
 * The meetings module's migrations (schedule, meetings, minutes, notifications). Times are ISO
 * strings in UTC (toISOString), so they sort and compare as text.
 */
const SCHEDULE_AND_MEETINGS_SQL = `
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
`;

const MINUTES_AND_NOTIFY_SQL = `
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
`;

/** Whether the last failure of a notification can pass by itself (temporary) or needs a person (permanent). */
const NOTIFY_FAILURE_KIND_SQL = `
  ALTER TABLE notify_outbox ADD COLUMN failure TEXT CHECK (failure IN ('permanent','temporary'));
`;

/**
 * A meeting without a row here has revision 0 (no agenda has been written yet). `items_at` and
 * `items_by` say where the items come from: when they were set, and by which linked room (null:
 * this one), so linked rooms keep the latest edit of the items whatever clock moved since.
 */
const AGENDA_REVISIONS_SQL = `
  CREATE TABLE agenda_revisions (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    items_at TEXT NOT NULL,
    items_by TEXT
  );
`;

/**
 * An agenda item's identity, the same in every linked room, so the times it ran and its speakers
 * stay with it when another item is put before it. Items written before get one from their place
 * (`p1`, `p2`…): two rooms upgraded in the middle of a meeting give its items the same ones.
 */
const AGENDA_ITEM_IDS_SQL = `
  ALTER TABLE agenda_items ADD COLUMN item_id TEXT;
  UPDATE agenda_items SET item_id = 'p' || position;
`;

/**
 * How a booking was released: by the rule (nobody checked in) or by hand in the room. Releases
 * before this were all counted as no-shows (the figures' auto-releases), so they keep that reason.
 */
const RELEASE_REASON_SQL = `
  ALTER TABLE meetings ADD COLUMN released_by TEXT CHECK (released_by IN ('no-check-in','by-hand'));
  UPDATE meetings SET released_by = 'no-check-in' WHERE status = 'released';
`;

/**
 * A booking freed before its check-in window opened is a cancellation ahead of time, not a meeting
 * that did not take place (`ahead-of-time`); a release by hand records whose credential freed it.
 * SQLite cannot change a column's CHECK, so `released_by` is written again under its own name.
 * Releases stored before keep their reason, and say nothing of the credential.
 */
const RELEASE_AHEAD_AND_VIA_SQL = `
  ALTER TABLE meetings ADD COLUMN released_reason TEXT CHECK (released_reason IN ('no-check-in','by-hand','ahead-of-time'));
  UPDATE meetings SET released_reason = released_by;
  ALTER TABLE meetings DROP COLUMN released_by;
  ALTER TABLE meetings RENAME COLUMN released_reason TO released_by;
  ALTER TABLE meetings ADD COLUMN released_via TEXT CHECK (released_via IN ('panel','token'));
`;

/**
 * What this room's edits of an agenda were made on, while no other linked room has seen them:
 * the items as they stood before the first of them (JSON), null once another room's items are
 * written here. Two rooms that edit the same invite's agenda before they exchange the meeting
 * send it with their edit, so the rooms merge both edits rather than keep the later.
 */
const AGENDA_EDIT_BASE_SQL = 'ALTER TABLE agenda_revisions ADD COLUMN edit_base TEXT;';

/**
 * The door page counts a door code's bookings in the audit (AuditLog.count) on every view and
 * booking; without this index that count read the whole audit, which grows with every read of
 * the minutes until the retention purge. The door code (detail) leads: it is what tells rows apart.
 */
const AUDIT_COUNT_INDEX_SQL = 'CREATE INDEX minutes_audit_count ON minutes_audit (detail, action, via);';

/**
 * A check-in belongs to the start it was made for. A booking moved in the calendar to another
 * start before it began keeps its check-ins, set aside under the start they were for (null: they
 * count, at the booking's start); moved back there, they count again. Check-ins stored before
 * were all made for the start their booking has.
 */
const CHECKIN_SET_ASIDE_SQL = 'ALTER TABLE checkins ADD COLUMN set_aside_for TEXT;';

/**
 * The daily purge deletes the audit's entries older than the cutoff (retention.ts); without an
 * index on their time it read the whole audit to find them, every day, and the audit is the
 * table that grows with every read of the minutes.
 */
const AUDIT_AT_INDEX_SQL = 'CREATE INDEX minutes_audit_at ON minutes_audit (at);';

/**
 * Who gave a meeting's feedback from their phone: the email of the personal link from their
 * minutes email (null: the room's panel). One such feedback per person and meeting, whatever
 * the room's own one rating; the index says so where the service's check could be raced.
 */
const FEEDBACK_GIVEN_BY_SQL = `
  ALTER TABLE feedback ADD COLUMN given_by TEXT;
  CREATE UNIQUE INDEX feedback_one_per_person ON feedback (meeting_id, given_by) WHERE given_by IS NOT NULL;
`;

export const MEETING_MIGRATIONS: readonly Migration[] = [
  { module: 'meetings', version: 1, legacyVersion: 3, name: 'calendar cache, meetings, check-ins, agenda, self-tests', sql: SCHEDULE_AND_MEETINGS_SQL },
  {
    module: 'meetings',
    version: 2,
    legacyVersion: 4,
    name: 'minutes, action items, audit, feedback, notification outbox, retention',
    sql: MINUTES_AND_NOTIFY_SQL,
  },
  { module: 'meetings', version: 3, legacyVersion: 8, name: 'notification failures: permanent or temporary', sql: NOTIFY_FAILURE_KIND_SQL },
  // Named speakers of an agenda item, in order (JSON [{name, minutes}]): the floor's "next" reads them.
  { module: 'meetings', version: 4, name: 'named speakers on agenda items', sql: 'ALTER TABLE agenda_items ADD COLUMN speakers TEXT;' },
  // The agenda's revision: moves on every change of its items, so a save started from an older agenda is refused, not silently written over it.
  { module: 'meetings', version: 5, name: 'agenda revisions', sql: AGENDA_REVISIONS_SQL },
  { module: 'meetings', version: 6, name: 'agenda item ids', sql: AGENDA_ITEM_IDS_SQL },
  { module: 'meetings', version: 7, name: 'how a booking was released', sql: RELEASE_REASON_SQL },
  { module: 'meetings', version: 8, name: 'bookings cancelled ahead of time, and whose credential freed one', sql: RELEASE_AHEAD_AND_VIA_SQL },
  { module: 'meetings', version: 9, name: 'what unshared agenda edits were made on', sql: AGENDA_EDIT_BASE_SQL },
  { module: 'meetings', version: 10, name: "the audit's count of a door code's bookings indexed", sql: AUDIT_COUNT_INDEX_SQL },
  { module: 'meetings', version: 11, name: 'check-ins set aside when their booking moves to another start', sql: CHECKIN_SET_ASIDE_SQL },
  { module: 'meetings', version: 12, name: "the audit's entries indexed by time, for the daily purge", sql: AUDIT_AT_INDEX_SQL },
  { module: 'meetings', version: 13, name: "who gave a meeting's feedback from their personal link", sql: FEEDBACK_GIVEN_BY_SQL },
];

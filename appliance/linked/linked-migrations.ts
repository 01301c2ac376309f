import type { Migration } from '../store/migrations.js';

/**
 * The link layer's tables. `linked_records` holds every record of a linked meeting, this
 * room's and the others', once by id (so a replay is a no-op); `linked_meetings` the meetings
 * an organiser linked (or an invitation brought).
 */
const LINKED_ROOMS_SQL = `
  CREATE TABLE linked_meetings (
    link TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    linked_at TEXT NOT NULL
  );
  CREATE INDEX linked_meetings_meeting ON linked_meetings (meeting_id);
  CREATE TABLE linked_records (
    id TEXT PRIMARY KEY,
    link TEXT NOT NULL,
    room TEXT NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX linked_records_link ON linked_records (link, at, id);
`;

/**
 * A booking made for an invitation holds the room's own proof and what checks the others'
 * (the invitation carries them instead of the invite's key).
 */
const INVITED_PROOF_SQL = `
  ALTER TABLE linked_meetings ADD COLUMN ticket TEXT;
  ALTER TABLE linked_meetings ADD COLUMN verify_key TEXT;
`;

export const LINKED_MIGRATIONS: readonly Migration[] = [
  { module: 'linked', version: 1, name: 'linked rooms: linked meetings and their records', sql: LINKED_ROOMS_SQL },
  { module: 'linked', version: 2, name: "linked rooms: an invited room's proof and verifying key", sql: INVITED_PROOF_SQL },
];

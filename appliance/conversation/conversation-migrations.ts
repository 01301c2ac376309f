import type { Migration } from '../store/migrations.js';

/**
 * The conversation's table: one row per record (conversation-records.ts), the whole record
 * as JSON beside the columns it is looked up by. `id` is the record's global id, so storing
 * a record that came back (a replay, a linked room's echo) is a no-op. Its rows go with
 * their meeting.
 */
const CONVERSATION_SQL = `
  CREATE TABLE conversation_records (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    room TEXT NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX conversation_records_meeting ON conversation_records (meeting_id, at, id);
  CREATE INDEX conversation_records_subject ON conversation_records (subject);
`;

/** After the meetings' own (its rows reference a meeting). */
export const CONVERSATION_MIGRATIONS: readonly Migration[] = [
  { module: 'conversation', version: 1, name: 'the conversation: hands, the floor, polls and votes as records', sql: CONVERSATION_SQL },
];

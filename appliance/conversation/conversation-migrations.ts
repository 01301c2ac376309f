/**
 * The conversation's table: one row per record (conversation-records.ts), the whole record
 * as JSON beside the columns it is looked up by. `id` is the record's global id, so storing
 * a record that came back (a replay, a linked room's echo) is a no-op. The agenda learns
 * named speakers here too (JSON, in order), because the floor is what reads them.
 */
export const CONVERSATION_SQL = `
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
  ALTER TABLE agenda_items ADD COLUMN speakers TEXT;
`;

import type { Db } from '../store/database.js';
import { RecordsOnce } from '../store/records-once.js';
import { subjectOf, type ConversationRecord } from './conversation-records.js';

/** The conversation records of each meeting, stored once by their global id. */
export class ConversationRepository {
  private readonly once: RecordsOnce;

  constructor(private readonly db: Db) {
    this.once = new RecordsOnce(db, 'conversation_records');
  }

  /** Stores the record; false when a record with its id is stored already (a replay). */
  insert(record: ConversationRecord): boolean {
    const { id, meetingId, room, at, kind } = record;
    return this.once.insert({ id, meeting_id: meetingId, room, at, kind, subject: subjectOf(record), record });
  }

  has(id: string): boolean {
    return this.once.has(id);
  }

  /** Every record of a meeting, in the fold's order. */
  list(meetingId: string): ConversationRecord[] {
    const rows = this.db.prepare('SELECT record FROM conversation_records WHERE meeting_id = ? ORDER BY at, id').pluck().all(meetingId) as string[];
    return rows.map((r) => JSON.parse(r) as ConversationRecord);
  }

  /** The latest `at` among a meeting's records (a new record is made after it). */
  lastAt(meetingId: string): string | undefined {
    return (this.db.prepare('SELECT MAX(at) FROM conversation_records WHERE meeting_id = ?').pluck().get(meetingId) as string | null) ?? undefined;
  }

  /** The meeting a poll or hand belongs to (the poll routes carry only the poll's id). */
  meetingOf(subject: string): string | undefined {
    return this.db.prepare('SELECT meeting_id FROM conversation_records WHERE subject = ? LIMIT 1').pluck().get(subject) as string | undefined;
  }
}

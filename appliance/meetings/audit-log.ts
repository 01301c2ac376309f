import type { Db } from '../store/database.js';

export interface AuditEntry {
  id: number;
  meetingId: string;
  /** read · export · note · decision · action.add · action.update · assemble · send · agenda.edit · book */
  action: string;
  /** who, as far as the room knows: an attendee's email/badge, "panel" (bearer token), "room" (a rule) */
  who: string | null;
  /** token · meeting-code · door-code · rule */
  via: string;
  detail: string | null;
  at: string;
}

/** A reader's reads of the same kind within this long are one line of the audit. */
export const READ_AUDIT_MS = 60_000;

/** Every read (once a minute per reader) and change of minutes, and every booking made from a phone, kept as long as the records (retention). */
export class AuditLog {
  constructor(private readonly db: Db) {}

  record(entry: Omit<AuditEntry, 'id' | 'at'>, at: Date): void {
    this.db
      .prepare('INSERT INTO minutes_audit (meeting_id, action, who, via, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.meetingId, entry.action, entry.who, entry.via, entry.detail, at.toISOString());
  }

  /**
   * A read of the minutes (or a read refused): written unless the same reader (who and how)
   * read them the same way within the last READ_AUDIT_MS. Reads are not paced as changes are,
   * so a phone page polling, or a script with the meeting's code, would otherwise write a line
   * a request; the audit still says who read, how and when, to the minute.
   */
  recordRead(entry: Omit<AuditEntry, 'id' | 'at'>, at: Date): void {
    const since = new Date(at.getTime() - READ_AUDIT_MS).toISOString();
    const recent = this.db
      .prepare('SELECT 1 FROM minutes_audit WHERE meeting_id = ? AND action = ? AND via = ? AND who IS ? AND at > ? LIMIT 1')
      .get(entry.meetingId, entry.action, entry.via, entry.who, since);
    if (!recent) this.record(entry, at);
  }

  list(meetingId: string): AuditEntry[] {
    return this.db
      .prepare('SELECT id, meeting_id AS meetingId, action, who, via, detail, at FROM minutes_audit WHERE meeting_id = ? ORDER BY id')
      .all(meetingId) as AuditEntry[];
  }

  /** How many entries match (the door code's booking count is read from here, so it survives a restart). */
  count(match: Pick<AuditEntry, 'action' | 'via' | 'detail'>): number {
    return this.db
      .prepare('SELECT COUNT(*) FROM minutes_audit WHERE action = ? AND via = ? AND detail IS ?')
      .pluck()
      .get(match.action, match.via, match.detail) as number;
  }
}

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

/** Every read and change of minutes, and every booking made from a phone, kept as long as the records (retention). */
export class AuditLog {
  constructor(private readonly db: Db) {}

  record(entry: Omit<AuditEntry, 'id' | 'at'>, at: Date): void {
    this.db
      .prepare('INSERT INTO minutes_audit (meeting_id, action, who, via, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.meetingId, entry.action, entry.who, entry.via, entry.detail, at.toISOString());
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

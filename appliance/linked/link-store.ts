import type { Db } from '../store/database.js';
import { RecordsOnce } from '../store/records-once.js';
import type { LinkRecord, RoomKey } from '../../contract/link-records.js';

/**
 * The link layer's rows: records once by id, and which local meeting a link is. Remote notes
 * and action items go into the minutes tables under the id they were made with, so the host's
 * minutes hold them once however often they arrive.
 */
export class LinkStore {
  private readonly once: RecordsOnce;

  constructor(private readonly db: Db) {
    this.once = new RecordsOnce(db, 'linked_records');
  }

  /** Stores a record; false when one with its id is already here. */
  insert(record: LinkRecord): boolean {
    return this.once.insert({ id: record.id, link: record.link, room: record.room, at: record.at, kind: record.kind, record });
  }

  has(id: string): boolean {
    return this.once.has(id);
  }

  records(link: string, from?: RoomKey): LinkRecord[] {
    const rows = (
      from === undefined
        ? this.db.prepare('SELECT record FROM linked_records WHERE link = ? ORDER BY at, id').all(link)
        : this.db.prepare('SELECT record FROM linked_records WHERE link = ? AND room = ? ORDER BY at, id').all(link, from)
    ) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as LinkRecord);
  }

  link(link: string, meetingId: string, at: Date): void {
    this.db.prepare('INSERT OR IGNORE INTO linked_meetings (link, meeting_id, linked_at) VALUES (?, ?, ?)').run(link, meetingId, at.toISOString());
  }

  /** Meetings linked by hand (or heard about from another room) that have not ended long ago. */
  linkedMeetings(endedSince: string): { link: string; meetingId: string }[] {
    return this.db
      .prepare(
        "SELECT l.link, l.meeting_id AS meetingId FROM linked_meetings l JOIN meetings m ON m.id = l.meeting_id WHERE m.status IN ('booked','in_progress') OR m.ended_at > ?",
      )
      .all(endedSince) as { link: string; meetingId: string }[];
  }

  /** A note or decision from another room, under its own id. */
  addEntry(meetingId: string, e: { id: string; kind: 'note' | 'decision'; text: string; author: string | null; at: string }): void {
    this.db
      .prepare(
        'INSERT INTO minutes_entries (id, meeting_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text',
      )
      .run(e.id, meetingId, e.kind, e.text, e.author, e.at);
  }

  /** An action item from another room, under its own id. */
  addAction(meetingId: string, a: { id: string; text: string; owner: string; ownerEmail: string | null; deadline: string | null; at: string }): void {
    this.db
      .prepare(
        `INSERT INTO action_items (id, meeting_id, text, owner, owner_email, deadline, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET text = excluded.text, owner = excluded.owner, owner_email = excluded.owner_email, deadline = excluded.deadline`,
      )
      .run(a.id, meetingId, a.text, a.owner, a.ownerEmail, a.deadline, a.at, a.at);
  }

  /** Sets an agenda item's times as the host's clock has them (null clears). */
  setItemTimes(meetingId: string, position: number, startedAt: string | null, endedAt: string | null): void {
    this.db.prepare('UPDATE agenda_items SET started_at = ?, ended_at = ? WHERE meeting_id = ? AND position = ?').run(startedAt, endedAt, meetingId, position);
  }
}

import { RoomctlError } from '../../drivers/core/errors.js';
import type { Db } from '../store/database.js';
import { RecordsOnce } from '../store/records-once.js';
import { assertMeetingHolds } from '../meetings/meeting-limits.js';
import type { LinkRecord, RoomKey } from '../../contract/link-records.js';
import { invitedOccurrenceKey, linkKeyOf } from './link-key.js';

/**
 * What one other room may have stored here about one linked meeting. Records are kept once by
 * id, and every id is new to a room that makes them up: without a bound a room whose broker
 * login was stolen fills every linked room's disk with check-ins (each also read again on every
 * fold of the meeting). A busy meeting of 200 people, 50 polls and 500 hands makes a few
 * thousand records a room; its agenda clocks a few megabytes.
 */
export const LINK_RECORD_BOUNDS = { records: 20_000, bytes: 64 * 1024 * 1024 };

/** What an invitation gives the room it books a meeting in: its own proof, and what checks the other rooms'. */
export interface InvitedProof {
  ticket: string;
  verifyKey: string;
}

/**
 * The link layer's rows: records once by id, and which local meeting a link is. Remote notes
 * and action items go into the minutes tables under the id they were made with, so the host's
 * minutes hold them once however often they arrive.
 */
export class LinkStore {
  private readonly once: RecordsOnce;
  /** Records and bytes stored per link and sending room, read from the table the first time a pair is met. */
  private readonly held = new Map<string, { records: number; bytes: number }>();

  constructor(private readonly db: Db) {
    this.once = new RecordsOnce(db, 'linked_records');
  }

  /**
   * Stores a record; false when one with its id is already here. Another room's (`bounded`)
   * beyond LINK_RECORD_BOUNDS is refused with ROOMCTL_E_MEETING_LIMIT and not stored.
   */
  insert(record: LinkRecord, options: { bounded?: boolean } = {}): boolean {
    const bytes = Buffer.byteLength(JSON.stringify(record));
    const held = this.heldBy(record.link, record.room);
    if (options.bounded && (held.records >= LINK_RECORD_BOUNDS.records || held.bytes + bytes > LINK_RECORD_BOUNDS.bytes) && !this.has(record.id)) {
      const what = held.records >= LINK_RECORD_BOUNDS.records ? `${LINK_RECORD_BOUNDS.records} records` : `${LINK_RECORD_BOUNDS.bytes} bytes of records`;
      throw new RoomctlError('ROOMCTL_E_MEETING_LIMIT', `${record.room} has sent ${what} on this linked meeting, as many as a room may`, {
        limit: LINK_RECORD_BOUNDS,
        what: 'linked records',
      });
    }
    if (!this.once.insert({ id: record.id, link: record.link, room: record.room, at: record.at, kind: record.kind, record })) return false;
    held.records++;
    held.bytes += bytes;
    return true;
  }

  /** A commit that stored records was rolled back: counted again from the table when next needed. */
  recount(): void {
    this.held.clear();
  }

  private heldBy(link: string, room: RoomKey): { records: number; bytes: number } {
    const key = `${link}\n${room}`;
    let held = this.held.get(key);
    if (!held) {
      const row = this.db
        .prepare('SELECT COUNT(*) AS records, COALESCE(SUM(LENGTH(CAST(record AS BLOB))), 0) AS bytes FROM linked_records WHERE link = ? AND room = ?')
        .get(link, room) as { records: number; bytes: number };
      this.held.set(key, (held = { records: row.records, bytes: row.bytes }));
    }
    return held;
  }

  /**
   * Deletes the records of every link no meeting of this room holds any more — its meeting
   * purged by retention (`meetings.retentionDays` after it ended) or deleted: the records say
   * who was where and what they added, as long as the meeting's own record is read (its view,
   * its minutes' attendance by room), and no longer. Returns the links forgotten and how many
   * records went.
   */
  forgetUnheld(): { links: string[]; records: number } {
    const held = new Set<string>(this.db.prepare('SELECT l.link FROM linked_meetings l JOIN meetings m ON m.id = l.meeting_id').pluck().all() as string[]);
    for (const key of this.db.prepare('SELECT occurrence_key FROM meetings').pluck().iterate() as IterableIterator<string>) held.add(linkKeyOf(key));
    const gone = (this.db.prepare('SELECT DISTINCT link FROM linked_records').pluck().all() as string[]).filter((link) => !held.has(link));
    const remove = this.db.prepare('DELETE FROM linked_records WHERE link = ?');
    let records = 0;
    for (const link of gone) records += remove.run(link).changes;
    // What each room holds per link is counted again from the table when next needed.
    if (records > 0) this.held.clear();
    return { links: gone, records };
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

  /** A meeting of this room is `link`; `invited`, for a booking made for an invitation: its proof and what checks the others'. */
  link(link: string, meetingId: string, at: Date, invited?: InvitedProof): void {
    this.db
      .prepare('INSERT OR IGNORE INTO linked_meetings (link, meeting_id, linked_at, ticket, verify_key) VALUES (?, ?, ?, ?, ?)')
      .run(link, meetingId, at.toISOString(), invited?.ticket ?? null, invited?.verifyKey ?? null);
  }

  /** This room's proof on `link` and what checks the others', when an invitation brought the meeting here (no occurrence key to make them). */
  invitedProof(link: string): InvitedProof | undefined {
    const row = this.db.prepare('SELECT ticket, verify_key AS verifyKey FROM linked_meetings WHERE link = ?').get(link) as
      | { ticket: string | null; verifyKey: string | null }
      | undefined;
    return row?.ticket && row.verifyKey ? { ticket: row.ticket, verifyKey: row.verifyKey } : undefined;
  }

  /** The id of this room's own meeting of `link` not yet over: one its calendar holds, or booked here — not one an invitation booked. */
  ownMeetingOf(link: string): string | undefined {
    const invited = invitedOccurrenceKey(link);
    const rows = this.db
      .prepare("SELECT id, occurrence_key AS key FROM meetings WHERE status IN ('booked', 'in_progress', 'released')")
      .iterate() as IterableIterator<{ id: string; key: string }>;
    for (const { id, key } of rows) if (key !== invited && linkKeyOf(key) === link) return id;
    return undefined;
  }

  /** Linked meetings booked here that have not ended by `now`. */
  upcomingLinked(now: string): number {
    return this.db
      .prepare("SELECT COUNT(*) FROM linked_meetings l JOIN meetings m ON m.id = l.meeting_id WHERE m.status IN ('booked', 'in_progress') AND m.end_at > ?")
      .pluck()
      .get(now) as number;
  }

  /** Meetings linked by hand (or heard about from another room) that have not ended long ago. */
  linkedMeetings(endedSince: string): { link: string; meetingId: string }[] {
    return this.db
      .prepare(
        "SELECT l.link, l.meeting_id AS meetingId FROM linked_meetings l JOIN meetings m ON m.id = l.meeting_id WHERE m.status IN ('booked','in_progress') OR m.ended_at > ?",
      )
      .all(endedSince) as { link: string; meetingId: string }[];
  }

  /** A note or decision from another room, under its own id; a new one counts toward what the meeting holds (MEETING_LIMITS). */
  addEntry(meetingId: string, e: { id: string; kind: 'note' | 'decision'; text: string; author: string | null; at: string }): void {
    if (!this.db.prepare('SELECT 1 FROM minutes_entries WHERE id = ?').get(e.id))
      assertMeetingHolds(meetingId, 'entries', this.db.prepare('SELECT COUNT(*) FROM minutes_entries WHERE meeting_id = ?').pluck().get(meetingId) as number);
    this.db
      .prepare(
        'INSERT INTO minutes_entries (id, meeting_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text',
      )
      .run(e.id, meetingId, e.kind, e.text, e.author, e.at);
  }

  /** An action item from another room, under its own id; a new one counts toward what the meeting holds. */
  addAction(meetingId: string, a: { id: string; text: string; owner: string; ownerEmail: string | null; deadline: string | null; at: string }): void {
    if (!this.db.prepare('SELECT 1 FROM action_items WHERE id = ?').get(a.id))
      assertMeetingHolds(meetingId, 'actionItems', this.db.prepare('SELECT COUNT(*) FROM action_items WHERE meeting_id = ?').pluck().get(meetingId) as number);
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

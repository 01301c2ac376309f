import { randomBytes, randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { RoomctlError } from '../../drivers/core/errors.js';
import { camelCaseRow } from '../store/camel-case-row.js';
import type { Db } from '../store/database.js';
import type { BookingDraft, InviteLinks, Meeting, MeetingStatus, ReleaseReason, ReleaseVia } from './meeting-types.js';

interface MeetingRow {
  id: string;
  source: 'calendar' | 'adhoc';
  series_key: string | null;
  occurrence_key: string;
  title: string;
  organiser: string;
  attendees: string;
  description: string;
  start_at: string;
  end_at: string;
  confidentiality: Meeting['confidentiality'];
  status: MeetingStatus;
  code: string;
  started_at: string | null;
  ended_at: string | null;
  released_at: string | null;
  released_by: ReleaseReason | null;
  released_via: ReleaseVia | null;
  created_at: string;
  invite_links: string;
}

/** A stored meeting: its columns by the naming rule, except the times' and the links' short names; three of them hold JSON. */
function toMeeting(row: MeetingRow): Meeting {
  const meeting = camelCaseRow(row, { start_at: 'start', end_at: 'end', invite_links: 'links' });
  return {
    ...meeting,
    organiser: JSON.parse(meeting.organiser) as Meeting['organiser'],
    attendees: JSON.parse(meeting.attendees) as Meeting['attendees'],
    links: JSON.parse(meeting.links || '{}') as InviteLinks,
  };
}

/** The columns a booking's draft fills, as stored: a calendar update writes them all again. */
function draftColumns(draft: BookingDraft) {
  return {
    title: draft.title,
    organiser: JSON.stringify(draft.organiser),
    attendees: JSON.stringify(draft.attendees),
    description: draft.description,
    start_at: draft.start,
    end_at: draft.end,
    confidentiality: draft.confidentiality,
    series_key: draft.seriesKey,
    invite_links: JSON.stringify(draft.links ?? {}),
  };
}

/** Short enough to type on a phone, long enough not to guess during one meeting. */
function newMeetingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The marks of the rules timed from a booking's start (the reminder, the self-test before it, the
 * check-in call): they belong to that start, and a booking moved to another one sets them aside
 * (`moveStartMarks`). The roll call's mark, made at the start, is not among them: it stays.
 */
export const START_MARKS = { reminder: 'reminder', selfTest: 'selftest', checkInOpen: 'checkin.open' } as const;

/** Meetings and the marks that make each rule fire once (reminder sent, warning given, …). */
export class MeetingRepository {
  /** Compiled once: a calendar sync runs these thousands of times in one go. */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  /** The store these meetings live in (a calendar sync writes them in one transaction). */
  get database(): Db {
    return this.db;
  }

  private sql(text: string): Statement<unknown[]> {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  get(id: string): Meeting | undefined {
    const row = this.sql('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
    return row && toMeeting(row);
  }

  /** The meeting, or ROOMCTL_E_MEETING_NOT_FOUND (a 404 on the API). */
  require(id: string): Meeting {
    const m = this.get(id);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${id}" in this room`);
    return m;
  }

  byOccurrence(key: string): Meeting | undefined {
    const row = this.sql('SELECT * FROM meetings WHERE occurrence_key = ?').get(key) as MeetingRow | undefined;
    return row && toMeeting(row);
  }

  /** The meetings with these occurrence keys (one query, however many keys). */
  byOccurrences(keys: readonly string[]): Meeting[] {
    if (keys.length === 0) return [];
    const rows = this.sql('SELECT * FROM meetings WHERE occurrence_key IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as MeetingRow[];
    return rows.map(toMeeting);
  }

  /** Meetings overlapping [from, to), earliest first. */
  between(from: string, to: string, statuses?: readonly MeetingStatus[]): Meeting[] {
    const rows = this.sql('SELECT * FROM meetings WHERE end_at > ? AND start_at < ? ORDER BY start_at, id').all(from, to) as MeetingRow[];
    return rows.map(toMeeting).filter((m) => !statuses || statuses.includes(m.status));
  }

  inStatus(statuses: readonly MeetingStatus[]): Meeting[] {
    const rows = this.sql(`SELECT * FROM meetings WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY start_at`).all(...statuses) as MeetingRow[];
    return rows.map(toMeeting);
  }

  insert(draft: BookingDraft, now: Date): Meeting {
    return this.get(this.insertBooking(draft, now))!;
  }

  /**
   * Forgets calendar bookings the calendar cancelled before they started, beyond the newest
   * `keep` of them (one somebody checked in to stays). Returns how many went.
   */
  forgetCancelledBookings(keep: number): number {
    return this.sql(
      `DELETE FROM meetings WHERE id IN (
         SELECT id FROM meetings m WHERE source = 'calendar' AND status = 'cancelled' AND started_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.meeting_id = m.id)
         ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
    ).run(keep).changes;
  }

  /** Ad-hoc bookings made since `at` (an ISO instant), whatever became of them. */
  adHocMadeSince(at: string): number {
    return (this.sql("SELECT COUNT(*) AS n FROM meetings WHERE source = 'adhoc' AND created_at >= ?").get(at) as { n: number }).n;
  }

  /** Inserts a booking and returns its id only (a calendar sync inserts thousands). */
  insertBooking(draft: BookingDraft, now: Date): string {
    const id = randomUUID();
    const columns = draftColumns(draft);
    const names = Object.keys(columns);
    this.sql(
      `INSERT INTO meetings (id, source, occurrence_key, code, created_at, ${names.join(', ')})
         VALUES (@id, @source, @occurrence_key, @code, @created_at, ${names.map((c) => `@${c}`).join(', ')})`,
    ).run({
      ...columns,
      id,
      source: draft.source,
      occurrence_key: draft.occurrenceKey,
      code: newMeetingCode(),
      created_at: now.toISOString(),
    });
    return id;
  }

  /** Updates what the calendar says about a booking that has not started yet. */
  updateBooked(id: string, draft: BookingDraft): void {
    const columns = draftColumns(draft);
    const assignments = Object.keys(columns).map((c) => `${c} = @${c}`);
    this.sql(`UPDATE meetings SET ${assignments.join(', ')} WHERE id = @id AND status = 'booked'`).run({ ...columns, id });
  }

  setEnd(id: string, end: string): void {
    this.sql('UPDATE meetings SET end_at = ? WHERE id = ?').run(end, id);
  }

  /** Releases a booking, saying how (by the rule, by hand, ahead of time) and, by hand, whose credential freed it. */
  setReleased(id: string, at: string, by: ReleaseReason, via: ReleaseVia | null): void {
    this.sql("UPDATE meetings SET status = 'released', released_at = ?, released_by = ?, released_via = ? WHERE id = ?").run(at, by, via, id);
  }

  /**
   * Books again a booking cancelled ahead of time whose invite moved to another time: the release
   * is forgotten, and so are the rules' marks, so the new time gets its reminder and self-test.
   */
  rebookReleased(id: string): void {
    this.sql("UPDATE meetings SET status = 'booked', released_at = NULL, released_by = NULL, released_via = NULL WHERE id = ? AND status = 'released'").run(id);
    this.sql('DELETE FROM meeting_marks WHERE meeting_id = ?').run(id);
  }

  /**
   * A booking moved from one start to another: the start's marks are set aside under the old start
   * (`reminder@<start>`), so the new time gets its reminder, self-test and check-in call, and those
   * set aside under the new start come back — moved back, nothing goes out twice for one start.
   */
  moveStartMarks(id: string, from: string, to: string): void {
    for (const mark of Object.values(START_MARKS)) {
      this.sql('UPDATE OR REPLACE meeting_marks SET mark = ? WHERE meeting_id = ? AND mark = ?').run(`${mark}@${from}`, id, mark);
      this.sql('UPDATE OR REPLACE meeting_marks SET mark = ? WHERE meeting_id = ? AND mark = ?').run(mark, id, `${mark}@${to}`);
    }
  }

  setStatus(id: string, status: MeetingStatus, at: string): void {
    const column = status === 'in_progress' ? 'started_at' : status === 'ended' ? 'ended_at' : status === 'released' ? 'released_at' : null;
    if (column) this.sql(`UPDATE meetings SET status = ?, ${column} = ? WHERE id = ?`).run(status, at, id);
    else this.sql('UPDATE meetings SET status = ? WHERE id = ?').run(status, id);
  }

  /** Records that a rule fired; false when it already had (so each rule acts once). */
  mark(meetingId: string, mark: string, at: Date): boolean {
    return this.sql('INSERT OR IGNORE INTO meeting_marks (meeting_id, mark, at) VALUES (?, ?, ?)').run(meetingId, mark, at.toISOString()).changes === 1;
  }

  marks(meetingId: string): { mark: string; at: string }[] {
    return this.sql('SELECT mark, at FROM meeting_marks WHERE meeting_id = ? ORDER BY at, mark').all(meetingId) as { mark: string; at: string }[];
  }

  hasMark(meetingId: string, mark: string): boolean {
    return this.sql('SELECT 1 FROM meeting_marks WHERE meeting_id = ? AND mark = ?').get(meetingId, mark) !== undefined;
  }
}

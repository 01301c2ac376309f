import type { AgendaRepository } from '../meetings/agenda-repository.js';
import { CheckInRepository } from '../meetings/checkin-repository.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import type { BookingDraft, Meeting } from '../meetings/meeting-types.js';
import type { Db } from '../store/database.js';
import { invitedOccurrenceKey, linkKeyOf } from '../linked/link-key.js';

export interface SyncResult {
  added: number;
  updated: number;
  cancelled: number;
}

/** What a sync will write, worked out before anything is written. */
interface SyncPlan {
  add: BookingDraft[];
  /** `revive`: a cancelled booking back in the feed; `rebook`: one cancelled ahead of time here whose invite moved to another time. */
  update: { meeting: Meeting; draft: BookingDraft; revive: boolean; rebook?: boolean; agendaChanged: boolean }[];
  cancel: Meeting[];
  /** The room's check-in window: a check-in made in a moved booking's new window counts at its new start. */
  checkInOpensMs: number;
}

function changed(existing: Meeting, draft: BookingDraft): boolean {
  return (
    existing.title !== draft.title ||
    existing.start !== draft.start ||
    existing.end !== draft.end ||
    existing.description !== draft.description ||
    JSON.stringify(existing.attendees) !== JSON.stringify(draft.attendees) ||
    JSON.stringify(existing.organiser) !== JSON.stringify(draft.organiser) ||
    existing.confidentiality !== draft.confidentiality ||
    existing.seriesKey !== draft.seriesKey ||
    JSON.stringify(existing.links ?? {}) !== JSON.stringify(draft.links ?? {}) ||
    existing.status === 'cancelled'
  );
}

/**
 * A booking freed here before its check-in opened gave up *that* time. Its invite moved to
 * another (start or end) is the organiser still meeting, at the new time: booked again. The
 * same time with another title, description or attendees — or moved and moved back between two
 * reads of the feed — is still the time given up: it stays released. A release once check-in
 * had opened (nobody came, or freed at the door) is the room's record of that time, as a
 * meeting held is: never booked again. Only a new time still to come is booked.
 */
function movedAfterCancelledAhead(existing: Meeting, draft: BookingDraft, now: Date): boolean {
  const moved = existing.start !== draft.start || existing.end !== draft.end;
  // A time already begun is not booked for anyone: it would only be released again as a no-show.
  return existing.status === 'released' && existing.releasedBy === 'ahead-of-time' && moved && Date.parse(draft.start) > now.getTime();
}

/**
 * Compares the feed's bookings in [from, to) with the stored ones. Only bookings that have
 * not started are changed: a meeting in progress or over is the room's record.
 */
export function planCalendarSync(
  meetings: MeetingRepository,
  drafts: readonly BookingDraft[],
  from: Date,
  to: Date,
  now: Date,
  checkInOpensMinutes = 0,
): SyncPlan {
  const plan: SyncPlan = { add: [], update: [], cancel: [], checkInOpensMs: checkInOpensMinutes * 60_000 };
  const stored = meetings.between(from.toISOString(), to.toISOString());
  const byKey = new Map(stored.map((m) => [m.occurrenceKey, m]));
  // A booking moved into the window from outside it is not among `stored`.
  for (const m of meetings.byOccurrences(drafts.filter((d) => !byKey.has(d.occurrenceKey)).map((d) => d.occurrenceKey))) byKey.set(m.occurrenceKey, m);
  const seen = new Set<string>();
  for (const draft of drafts) {
    seen.add(draft.occurrenceKey);
    // A booking an invitation made before the calendar had the invite is the invite's booking here (it is keyed by the invite's link).
    const existing = byKey.get(draft.occurrenceKey) ?? byKey.get(invitedOccurrenceKey(linkKeyOf(draft.occurrenceKey)));
    if (!existing) plan.add.push(draft);
    else if ((existing.status === 'booked' || existing.status === 'cancelled') && changed(existing, draft))
      plan.update.push({ meeting: existing, draft, revive: existing.status === 'cancelled', agendaChanged: existing.description !== draft.description });
    else if (movedAfterCancelledAhead(existing, draft, now))
      plan.update.push({ meeting: existing, draft, revive: false, rebook: true, agendaChanged: existing.description !== draft.description });
  }
  for (const m of stored) if (m.status === 'booked' && m.source === 'calendar' && !seen.has(m.occurrenceKey)) plan.cancel.push(m);
  return plan;
}

/** Marks a booking that had begun with people in it when it moved: its check-ins are its meeting's from then on. */
const BEGUN_WITH_CHECK_INS = 'begun-with-check-ins';

/**
 * A check-in belongs to the start it was made for: a booking moved before it began counts at the
 * new start only the check-ins made in its check-in window; the others are set aside (moved back,
 * they count again). Once it has begun with people in it, they are its meeting, wherever and
 * however often it moves.
 */
function moveCheckIns(meetings: MeetingRepository, checkIns: CheckInRepository, meeting: Meeting, to: string, now: Date, checkInOpensMs: number): void {
  if (meetings.hasMark(meeting.id, BEGUN_WITH_CHECK_INS)) return;
  if (now.getTime() < Date.parse(meeting.start)) checkIns.moveToStart(meeting.id, meeting.start, new Date(Date.parse(to) - checkInOpensMs).toISOString());
  else if (checkIns.count(meeting.id) > 0) meetings.mark(meeting.id, BEGUN_WITH_CHECK_INS, now);
}

/**
 * Writes a booking's new draft (the calendar's, or an invitation's that moved it). Moved to
 * another start: the old start's reminder, self-test and check-in call were for that time, and
 * its check-ins belong to that start (moveCheckIns).
 */
export function updateBooking(
  meetings: MeetingRepository,
  checkIns: CheckInRepository,
  meeting: Meeting,
  draft: BookingDraft,
  now: Date,
  checkInOpensMs: number,
): void {
  if (meeting.start !== draft.start) {
    meetings.moveStartMarks(meeting.id, meeting.start, draft.start);
    moveCheckIns(meetings, checkIns, meeting, draft.start, now, checkInOpensMs);
  }
  meetings.updateBooked(meeting.id, draft);
}

/**
 * Bookings the calendar cancelled before they started, kept (the newest; the rest are
 * forgotten). A room keeps what its calendar cancels until retention passes, a few a day; a
 * feed that names its bookings anew at each export (some servers do) cancels every booking of
 * the horizon, up to calendar.maxBookings, at every refresh — 500,000 rows a day.
 */
export const CANCELLED_BOOKINGS_KEPT = 5_000;

function writes(meetings: MeetingRepository, agenda: AgendaRepository, plan: SyncPlan, now: Date): (() => void)[] {
  const at = now.toISOString();
  const forget = plan.cancel.length > 0 ? [() => void meetings.forgetCancelledBookings(CANCELLED_BOOKINGS_KEPT)] : [];
  const checkIns = new CheckInRepository(meetings.database);
  return [
    ...plan.add.map((draft) => () => {
      const id = meetings.insertBooking(draft, now);
      if (draft.agenda.length > 0) agenda.replace(id, draft.agenda);
    }),
    ...plan.update.map(({ meeting, draft, revive, rebook, agendaChanged }) => () => {
      if (revive) meetings.setStatus(meeting.id, 'booked', at);
      if (rebook) {
        meetings.rebookReleased(meeting.id);
        meetings.updateBooked(meeting.id, draft);
      } else updateBooking(meetings, checkIns, meeting, draft, now, plan.checkInOpensMs);
      // The invite's agenda wins until someone edits it on the panel (edits are not tracked yet, so only when the description changed).
      if (agendaChanged) agenda.replace(meeting.id, draft.agenda);
    }),
    ...plan.cancel.map((m) => () => meetings.setStatus(m.id, 'cancelled', at)),
    ...forget,
  ];
}

const counts = (plan: SyncPlan): SyncResult => ({ added: plan.add.length, updated: plan.update.length, cancelled: plan.cancel.length });

/** Writes a plan in one transaction: all of it or, if the disk refuses, none of it. */
function applyCalendarSync(db: Db, meetings: MeetingRepository, agenda: AgendaRepository, plan: SyncPlan, now: Date): SyncResult {
  const ops = writes(meetings, agenda, plan, now);
  db.transaction(() => {
    for (const op of ops) op();
  })();
  return counts(plan);
}

/**
 * The same one transaction, written a slice of at most `sliceMs` at a time with a turn of
 * the event loop between slices, so 2,000 new bookings never hold the room for 100 ms.
 * Writes other parts of the room make meanwhile go through the same connection and join
 * this transaction (better-sqlite3 nests them as savepoints); they commit with it.
 */
export async function applyCalendarSyncInSlices(
  db: Db,
  meetings: MeetingRepository,
  agenda: AgendaRepository,
  plan: SyncPlan,
  now: Date,
  sliceMs = 4,
): Promise<SyncResult> {
  const ops = writes(meetings, agenda, plan, now);
  if (ops.length === 0) return counts(plan);
  db.exec('BEGIN IMMEDIATE');
  try {
    let sliceStart = performance.now();
    for (const op of ops) {
      op();
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return counts(plan);
}

/** Plan and write at once (tests and small feeds). */
export function syncCalendarBookings(
  meetings: MeetingRepository,
  agenda: AgendaRepository,
  drafts: readonly BookingDraft[],
  from: Date,
  to: Date,
  now: Date,
  db?: Db,
): SyncResult {
  const plan = planCalendarSync(meetings, drafts, from, to, now);
  return applyCalendarSync(db ?? meetings.database, meetings, agenda, plan, now);
}

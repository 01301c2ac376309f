import type { AgendaRepository } from '../meetings/agenda-repository.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import type { BookingDraft, Meeting } from '../meetings/meeting-types.js';
import type { Db } from '../store/database.js';

export interface SyncResult {
  added: number;
  updated: number;
  cancelled: number;
}

/** What a sync will write, worked out before anything is written. */
export interface SyncPlan {
  add: BookingDraft[];
  update: { meeting: Meeting; draft: BookingDraft; revive: boolean; agendaChanged: boolean }[];
  cancel: Meeting[];
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
    existing.status === 'cancelled'
  );
}

/**
 * Compares the feed's bookings in [from, to) with the stored ones. Only bookings that have
 * not started are changed: a meeting in progress or over is the room's record.
 */
export function planCalendarSync(meetings: MeetingRepository, drafts: readonly BookingDraft[], from: Date, to: Date): SyncPlan {
  const plan: SyncPlan = { add: [], update: [], cancel: [] };
  const stored = meetings.between(from.toISOString(), to.toISOString());
  const byKey = new Map(stored.map((m) => [m.occurrenceKey, m]));
  const seen = new Set<string>();
  for (const draft of drafts) {
    seen.add(draft.occurrenceKey);
    // A booking moved into the window from outside it is not among `stored`.
    const existing = byKey.get(draft.occurrenceKey) ?? meetings.byOccurrence(draft.occurrenceKey);
    if (!existing) plan.add.push(draft);
    else if ((existing.status === 'booked' || existing.status === 'cancelled') && changed(existing, draft))
      plan.update.push({ meeting: existing, draft, revive: existing.status === 'cancelled', agendaChanged: existing.description !== draft.description });
  }
  for (const m of stored) if (m.status === 'booked' && m.source === 'calendar' && !seen.has(m.occurrenceKey)) plan.cancel.push(m);
  return plan;
}

/** Writes a plan in one transaction: all of it or, if the disk refuses, none of it. */
export function applyCalendarSync(db: Db, meetings: MeetingRepository, agenda: AgendaRepository, plan: SyncPlan, now: Date): SyncResult {
  const at = now.toISOString();
  db.transaction(() => {
    for (const draft of plan.add) {
      const meeting = meetings.insert(draft, now);
      if (draft.agenda.length > 0) agenda.replace(meeting.id, draft.agenda);
    }
    for (const { meeting, draft, revive, agendaChanged } of plan.update) {
      if (revive) meetings.setStatus(meeting.id, 'booked', at);
      meetings.updateBooked(meeting.id, draft);
      // The invite's agenda wins until someone edits it on the panel (edits are not tracked yet, so only when the description changed).
      if (agendaChanged) agenda.replace(meeting.id, draft.agenda);
    }
    for (const m of plan.cancel) meetings.setStatus(m.id, 'cancelled', at);
  })();
  return { added: plan.add.length, updated: plan.update.length, cancelled: plan.cancel.length };
}

/** Plan and write at once (tests and small feeds). */
export function syncCalendarBookings(meetings: MeetingRepository, agenda: AgendaRepository, drafts: readonly BookingDraft[], from: Date, to: Date, now: Date, db?: Db): SyncResult {
  const plan = planCalendarSync(meetings, drafts, from, to);
  return applyCalendarSync(db ?? meetings.database, meetings, agenda, plan, now);
}

import type { AgendaRepository } from '../meetings/agenda-repository.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import type { BookingDraft } from '../meetings/meeting-types.js';

export interface SyncResult {
  added: number;
  updated: number;
  cancelled: number;
}

/**
 * Makes the stored calendar bookings in [from, to) match what the feed says. Only bookings
 * that have not started are changed: a meeting in progress or over is the room's record.
 */
export function syncCalendarBookings(meetings: MeetingRepository, agenda: AgendaRepository, drafts: readonly BookingDraft[], from: Date, to: Date, now: Date): SyncResult {
  const result: SyncResult = { added: 0, updated: 0, cancelled: 0 };
  const seen = new Set<string>();
  for (const draft of drafts) {
    seen.add(draft.occurrenceKey);
    const existing = meetings.byOccurrence(draft.occurrenceKey);
    if (!existing) {
      const meeting = meetings.insert(draft, now);
      if (draft.agenda.length > 0) agenda.replace(meeting.id, draft.agenda);
      result.added++;
      continue;
    }
    if (existing.status === 'cancelled') meetings.setStatus(existing.id, 'booked', now.toISOString());
    if (existing.status !== 'booked' && existing.status !== 'cancelled') continue;
    const changed = existing.title !== draft.title || existing.start !== draft.start || existing.end !== draft.end || existing.description !== draft.description || JSON.stringify(existing.attendees) !== JSON.stringify(draft.attendees) || existing.confidentiality !== draft.confidentiality || existing.status === 'cancelled';
    if (!changed) continue;
    meetings.updateBooked(existing.id, draft);
    // The invite's agenda wins until someone edits it on the panel (edits are not tracked yet, so only when the description changed).
    if (existing.description !== draft.description) agenda.replace(existing.id, draft.agenda);
    result.updated++;
  }
  for (const stored of meetings.between(from.toISOString(), to.toISOString(), ['booked'])) {
    if (stored.source !== 'calendar' || seen.has(stored.occurrenceKey)) continue;
    meetings.setStatus(stored.id, 'cancelled', now.toISOString());
    result.cancelled++;
  }
  return result;
}

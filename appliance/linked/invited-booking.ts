import type { LinkInvitation } from '../../contract/link-records.js';
import type { Logger } from '../logger.js';
import { CheckInRepository } from '../meetings/checkin-repository.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { BookingDraft, Meeting } from '../meetings/meeting-types.js';
import { updateBooking } from '../schedule/booking-sync.js';
import { invitedOccurrenceKey } from './link-key.js';

/**
 * What an invitation may book here that the calendar does not hold: a meeting of at most a day,
 * and at most this many linked meetings to come. A room whose login was stolen could otherwise
 * fill every free slot of this room's calendar for years with meetings nobody asked for.
 */
export const INVITED_BOOKINGS = { maxMinutes: 24 * 60, upcoming: 100 };

/** Marks a booking an invitation could not move to a time this room is booked for: `link-conflict@<start>`, once per time. */
const CONFLICT_MARK = 'link-conflict';

/** The meeting's people as an invitation carries them: the room that keeps the time reminds them and sends them the minutes. */
export function invitedPeople(invitation: LinkInvitation): Pick<BookingDraft, 'organiser' | 'attendees'> {
  return { organiser: { ...invitation.organiser }, attendees: (invitation.attendees ?? []).map((a) => ({ ...a })) };
}

/** Why an invitation may not book (or move a booking to) its time here, if it may not: the meeting's length (INVITED_BOOKINGS). */
export function invitedLengthRefused(invitation: LinkInvitation): string | undefined {
  const minutes = (Date.parse(invitation.end) - Date.parse(invitation.start)) / 60_000;
  if (minutes > 0 && minutes <= INVITED_BOOKINGS.maxMinutes) return undefined;
  return `an invitation from ${invitation.room} would book ${Math.round(minutes)} minutes here: an invited meeting lasts more than 0 and at most ${INVITED_BOOKINGS.maxMinutes}; not booked`;
}

/**
 * An invitation again to a meeting an invitation booked here (the organiser's room sends one
 * whenever its booking changes): the booking follows it while it has not begun — its title, its
 * people, its time. A new time this room is booked for is not taken: the booking stays where it
 * was, and the other booking too — never two at once — with ROOMCTL_E_LINK_CONFLICT logged and
 * marked on the meeting once per time. A booking the calendar holds follows the calendar.
 */
export function followInvitation(ctx: MeetingContext, log: Logger, m: Meeting, invitation: LinkInvitation): void {
  if (m.occurrenceKey !== invitedOccurrenceKey(invitation.link) || m.status !== 'booked') return;
  const draft: BookingDraft = {
    source: m.source,
    seriesKey: m.seriesKey,
    occurrenceKey: m.occurrenceKey,
    title: invitation.title || m.title,
    description: m.description,
    agenda: [],
    links: m.links,
    ...invitedPeople(invitation),
    start: invitation.start,
    end: invitation.end,
    confidentiality: invitation.confidentiality,
  };
  const moved = m.start !== draft.start || m.end !== draft.end;
  const clash = moved ? ctx.meetings.between(draft.start, draft.end, ['booked', 'in_progress']).filter((other) => other.id !== m.id) : [];
  const tooLong = moved ? invitedLengthRefused(invitation) : undefined;
  const now = ctx.clock.now();
  if (clash.length > 0 || tooLong) {
    if (ctx.meetings.mark(m.id, `${CONFLICT_MARK}@${draft.start}`, now))
      log.warn(
        {
          code: tooLong ? 'ROOMCTL_E_MEETING_LIMIT' : 'ROOMCTL_E_LINK_CONFLICT',
          meeting: m.id,
          from: invitation.room,
          start: draft.start,
          clash: clash.map((c) => c.id),
        },
        tooLong ?? 'the organiser moved a linked meeting to a time this room is booked for: its booking here stays at its time',
      );
    Object.assign(draft, { start: m.start, end: m.end });
  }
  ctx.db.transaction(() => updateBooking(ctx.meetings, new CheckInRepository(ctx.db), m, draft, now, ctx.rules.checkInOpensMinutes * 60_000))();
}

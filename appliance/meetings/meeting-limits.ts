import { RoomctlError } from '../../drivers/core/errors.js';
import type { MeetingRepository } from './meeting-repository.js';

/**
 * What one meeting may hold of what its callers add. The meeting's code is on the phone page
 * anyone in the room can scan, so without these a script with the code could fill the disk
 * with notes, or check in thousands of walk-ins whose addresses then each get the minutes
 * (the room would mail whatever the script wrote to whoever it named). Each is far beyond
 * what a meeting of people writes, and the minutes are assembled again after every change,
 * so the bound also keeps each change cheap.
 */
export const MEETING_LIMITS = {
  /** People checked in who were not invited (the invited are bounded by the booking: 200). */
  walkIns: 200,
  /** Notes and decisions together. */
  entries: 500,
  actionItems: 200,
  polls: 50,
  /** Hands raised in all (a hand raised and lowered again is still one). */
  hands: 500,
  /** Shows of hands entered for one poll: each entry replaces the room's count, but is a record kept. */
  handCounts: 100,
  /**
   * Rooms linked to the meeting by this room's organiser, counted by request (each names up to 50
   * rooms, is a record every linked room keeps, and sends each room named an invitation).
   */
  links: 20,
  /** The timer handed to another linked room or taken back: each is a record every linked room keeps. */
  handOvers: 50,
  /**
   * People's ratings from the personal links of their minutes emails, one each: as many as a
   * linked meeting's invitation names people (a calendar's invite may name more).
   */
  peopleRatings: 500,
} as const;

type Limited = keyof typeof MEETING_LIMITS;

const WHAT: Record<Limited, string> = {
  walkIns: 'walk-ins',
  entries: 'notes and decisions',
  actionItems: 'action items',
  polls: 'polls',
  hands: 'raised hands',
  handCounts: 'counts of a show of hands for one poll',
  links: 'requests to link rooms',
  handOvers: 'hand-overs of the timer',
  peopleRatings: "people's ratings",
};

/** Throws ROOMCTL_E_MEETING_LIMIT when the meeting already holds its bound of `what`. */
export function assertMeetingHolds(meetingId: string, what: Limited, count: number): void {
  const limit = MEETING_LIMITS[what];
  if (count < limit) return;
  throw new RoomctlError('ROOMCTL_E_MEETING_LIMIT', `Meeting ${meetingId} holds ${limit} ${WHAT[what]} already, as many as a meeting may`, {
    limit,
    what,
  });
}

/**
 * Items one save of an agenda may hold: what one person writes. Linked rooms that edited the
 * same agenda at the same time keep every item of both edits (appliance/linked/agenda-merge.ts),
 * up to the 100 a linked room's clock carries, so an agenda may hold more: a save may then hold
 * as many as the agenda does — items changed, moved, removed or swapped, none added beyond it.
 */
export const AGENDA_SAVE_ITEMS = { perSave: 50, merged: 100 } as const;

/** Items a save over an agenda of `holds` items may hold (AGENDA_SAVE_ITEMS). */
export function agendaSaveLimit(holds: number): number {
  return Math.min(Math.max(AGENDA_SAVE_ITEMS.perSave, holds), AGENDA_SAVE_ITEMS.merged);
}

/** Throws ROOMCTL_E_MEETING_LIMIT when a save of `items` items would hold more than AGENDA_SAVE_ITEMS allows over an agenda of `holds`. */
export function assertAgendaSaveFits(meetingId: string, items: number, holds: number): void {
  const limit = agendaSaveLimit(holds);
  if (items <= limit) return;
  throw new RoomctlError(
    'ROOMCTL_E_MEETING_LIMIT',
    `An agenda save holds at most ${limit} items (the agenda of meeting ${meetingId} holds ${holds}); this one holds ${items}`,
    { limit, what: 'agenda items' },
  );
}

/**
 * Ad-hoc bookings (the panel's "book now", the door's page, the API). Each is a row kept until
 * it has ended and retention has passed, so one booked for the year 9999 would stay for ever,
 * and booking and releasing in a loop would add rows without end. A busy room books a few
 * dozen a day; the calendar is the place for anything further ahead than a year.
 */
export const AD_HOC_BOOKINGS = { daysAhead: 366, perDay: 200 } as const;

const DAY_MS = 86_400_000;

/** Throws ROOMCTL_E_BOOKING_LIMIT when an ad-hoc booking starting at `start` is too far ahead, or the room made its day's worth already. */
export function assertAdHocBookingFits(meetings: Pick<MeetingRepository, 'adHocMadeSince'>, start: Date, now: Date): void {
  if (start.getTime() > now.getTime() + AD_HOC_BOOKINGS.daysAhead * DAY_MS)
    throw new RoomctlError('ROOMCTL_E_BOOKING_LIMIT', `An ad-hoc booking starts within ${AD_HOC_BOOKINGS.daysAhead} days; book further ahead in the calendar`, {
      limit: AD_HOC_BOOKINGS.daysAhead,
      what: 'days ahead',
    });
  if (meetings.adHocMadeSince(new Date(now.getTime() - DAY_MS).toISOString()) >= AD_HOC_BOOKINGS.perDay)
    throw new RoomctlError('ROOMCTL_E_BOOKING_LIMIT', `The room took ${AD_HOC_BOOKINGS.perDay} ad-hoc bookings in the last 24 hours, as many as it takes`, {
      limit: AD_HOC_BOOKINGS.perDay,
      what: 'bookings a day',
    });
}

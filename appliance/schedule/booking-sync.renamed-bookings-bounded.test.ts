/**
 * A feed that names its bookings anew at every export cancels the whole horizon at every
 * refresh: the room keeps the newest cancelled bookings, not every one it was ever sent.
 */
import { afterEach, expect, it } from 'vitest';
import { AgendaRepository } from '../meetings/agenda-repository.js';
import { CheckInRepository } from '../meetings/checkin-repository.js';
import { MeetingRepository } from '../meetings/meeting-repository.js';
import type { BookingDraft } from '../meetings/meeting-types.js';
import { tempDb } from '../meetings/testing/temp-db.js';
import { CANCELLED_BOOKINGS_KEPT, syncCalendarBookings } from './booking-sync.js';

const store = tempDb();
afterEach(() => store.close());

const FROM = new Date('2026-04-01T00:00:00Z');
const TO = new Date('2026-04-15T00:00:00Z');
const PER_EXPORT = 100;

/** One export of the feed: the same bookings of the fortnight, under names of that export. */
const exported = (round: number, count = PER_EXPORT): BookingDraft[] =>
  Array.from({ length: count }, (_, i) => {
    const start = new Date(FROM.getTime() + i * 600_000).toISOString();
    return {
      source: 'calendar',
      seriesKey: null,
      occurrenceKey: `export-${round}-${i}@calendar.example`,
      title: `Booking ${i}`,
      organiser: {},
      attendees: [],
      description: '',
      agenda: [],
      start,
      end: new Date(Date.parse(start) + 600_000).toISOString(),
      confidentiality: 'normal',
    };
  });

it(`keeps the newest ${CANCELLED_BOOKINGS_KEPT} bookings its calendar cancelled before they started, and one somebody checked in to`, () => {
  const meetings = new MeetingRepository(store.db);
  const agenda = new AgendaRepository(store.db);
  const at = (minutes: number) => new Date(FROM.getTime() - 86_400_000 + minutes * 60_000);
  // Earlier refreshes left their day's worth cancelled (written as a sync writes them), one of them checked in to.
  store.db.transaction(() => {
    for (const draft of exported(0, CANCELLED_BOOKINGS_KEPT)) meetings.setStatus(meetings.insertBooking(draft, at(0)), 'cancelled', at(1).toISOString());
  })();
  new CheckInRepository(store.db).add(meetings.byOccurrence('export-0-5@calendar.example')!.id, { name: 'Early bird' }, 'tap', false, at(1));

  syncCalendarBookings(meetings, agenda, exported(1), FROM, TO, at(5));
  syncCalendarBookings(meetings, agenda, exported(2), FROM, TO, at(10));

  const count = (where: string) => store.db.prepare(`SELECT COUNT(*) FROM meetings WHERE ${where}`).pluck().get();
  expect(count("status = 'booked'")).toBe(PER_EXPORT);
  expect(count("status = 'cancelled'")).toBe(CANCELLED_BOOKINGS_KEPT + 1);
  // The newest cancelled are kept, the oldest went — all but the one with a check-in.
  expect(meetings.byOccurrence('export-1-0@calendar.example')?.status).toBe('cancelled');
  expect(meetings.byOccurrence('export-0-4@calendar.example')).toBeUndefined();
  expect(meetings.byOccurrence('export-0-5@calendar.example')?.status).toBe('cancelled');
});

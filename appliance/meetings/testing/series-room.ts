import type { BookingDraft } from '../meeting-types.js';
import { roomFixture, type RoomFixture } from './room-fixture.js';

/**
 * Occurrence `n` (1–9) of a recurring calendar booking with no one checked in yet, hourly from
 * 08:00 UTC on 1 April 2026 (`n` at 07+n o'clock): a series' run counts occurrences, whatever
 * their days, and the rules run through hours much faster than through days.
 */
export function seriesOccurrence(seriesKey: string, title: string, minutes: number, n: number): BookingDraft {
  const start = new Date(`2026-04-01T${String(7 + n).padStart(2, '0')}:00:00.000Z`);
  return {
    source: 'calendar',
    seriesKey,
    occurrenceKey: `${seriesKey}#${n}`,
    title,
    organiser: { email: 'alice@example.com' },
    attendees: [],
    description: '',
    agenda: [],
    start: start.toISOString(),
    end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    confidentiality: 'normal',
  };
}

/** A room on 1 April 2026 that flags a series after 3 misses in a row, to its organiser and facilities, by mail. */
export function seriesFlaggingRoom(): RoomFixture {
  return roomFixture({
    start: '2026-04-01T07:00:00.000Z',
    tickMs: 60_000,
    notifyPollMs: 3_600_000,
    meetings: { missedInARowFlag: 3, reminderMinutes: 0 },
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'a@example.com' }, facilities: ['facilities@example.com'] },
  });
}

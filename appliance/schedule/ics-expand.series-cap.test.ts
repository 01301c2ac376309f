import { expect, it } from 'vitest';
import { expandCalendarFully } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const window = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-11T00:00:00Z'), roomTimeZone: 'UTC' };

it('counts a series cap within the window: a daily series begun in 2012 still shows this week', () => {
  const ics = calendarOf([['UID:daily@example.com', 'DTSTART:20120102T100000Z', 'DTEND:20120102T101500Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Daily since 2012']]);
  expect(expandCalendarFully(ics, window).bookings.map((b) => b.start)).toEqual([
    '2026-12-07T10:00:00.000Z',
    '2026-12-08T10:00:00.000Z',
    '2026-12-09T10:00:00.000Z',
    '2026-12-10T10:00:00.000Z',
  ]);
});

it('keeps the earliest bookings up to the room cap when FREQ=MINUTELY series flood the window, and says so', () => {
  const series = Array.from({ length: 3 }, (_, i) => [
    `UID:flood-${i}@example.com`,
    'DTSTART:20261207T000000Z',
    'DURATION:PT1M',
    'RRULE:FREQ=MINUTELY',
    `SUMMARY:Flood ${i}`,
  ]);
  const result = expandCalendarFully(calendarOf(series), { ...window, maxBookings: 500 });
  expect(result.bookings).toHaveLength(500);
  expect(result.bookings.at(-1)!.start).toBe('2026-12-07T02:46:00.000Z');
  // The first series reaches its own cap of 1,000 before the room's cap cuts the others short.
  expect(result.skipped.filter((s) => s.includes('more than 1000 occurrences in the window'))).toEqual([expect.stringMatching(/^"Flood 0"/)]);
  expect(result.skipped.at(-1)).toBe('more than 500 bookings in the window, as many as a room keeps: those from 2026-12-07T02:46:00.000Z on are left out');
});

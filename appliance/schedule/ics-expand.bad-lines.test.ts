import { expect, it } from 'vitest';
import { expandCalendarFully } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const window = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-12T00:00:00Z'), roomTimeZone: 'Asia/Shanghai' };

it('keeps the rest of the feed when a property is bad, mends what it can and lists what it left out', () => {
  const ics = calendarOf([
    ['UID:good@example.com', 'DTSTART:20261207T010000Z', 'DTEND:20261207T020000Z', 'SUMMARY:Good'],
    [
      'UID:ms-utc@example.com',
      'DTSTART;TZID=tzone://Microsoft/Utc:20261208T100000',
      'DTEND;TZID=tzone://Microsoft/Utc:20261208T110000',
      'SUMMARY:Unquoted zone',
    ],
    ['UID:period@example.com', 'DTSTART:20261209T010000Z', 'DTEND:20261209T020000Z', 'RDATE;VALUE=PERIOD:20261210T050000Z/20261210T060000Z', 'SUMMARY:Period'],
    ['UID:exdate@example.com', 'DTSTART:20261207T030000Z', 'DTEND:20261207T040000Z', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20261208', 'SUMMARY:Date in EXDATE'],
    ['UID:quoted@example.com', 'DTSTART;TZID="Europe/Ber"lin":20261210T100000', 'DTEND;TZID="Europe/Ber"lin":20261210T110000', 'SUMMARY:Broken quotes'],
    ['UID:rrule@example.com', 'DTSTART:20261211T010000Z', 'DTEND:20261211T020000Z', 'RRULE:FREQ=SOMETIMES;COUNT=nope', 'SUMMARY:Bad rule'],
  ]);
  const result = expandCalendarFully(ics, window);
  expect(result.bookings.map((b) => [b.title, b.start])).toEqual([
    ['Good', '2026-12-07T01:00:00.000Z'],
    ['Date in EXDATE', '2026-12-07T03:00:00.000Z'],
    ['Unquoted zone', '2026-12-08T10:00:00.000Z'],
    ['Period', '2026-12-09T01:00:00.000Z'],
    ['Date in EXDATE', '2026-12-09T03:00:00.000Z'],
    ['Period', '2026-12-10T05:00:00.000Z'],
    ['Broken quotes', '2026-12-10T09:00:00.000Z'],
    ['Bad rule', '2026-12-11T01:00:00.000Z'],
  ]);
  expect(result.skipped).toEqual([
    expect.stringContaining('"Unquoted zone": DTSTART;TZID=tzone://Microsoft/Utc'),
    expect.stringContaining('"Unquoted zone": DTEND;TZID=tzone://Microsoft/Utc'),
    expect.stringMatching(/^"Period": RDATE;VALUE=PERIOD.*period ends ignored/),
    expect.stringMatching(/^"Date in EXDATE": EXDATE:20261208 \(read as EXDATE;VALUE=DATE:20261208\)/),
    expect.stringContaining('"Broken quotes": DTSTART;TZID="Europe/Ber"lin"'),
    expect.stringContaining('"Broken quotes": DTEND;TZID="Europe/Ber"lin"'),
    expect.stringMatching(/^"Bad rule": RRULE:FREQ=SOMETIMES;COUNT=nope \(unreadable, left out\)/),
  ]);
});

it("names a left-out line by its event's summary, not by the summary of the event's alarm", () => {
  const ics = calendarOf([
    [
      'UID:alarm@example.com',
      'DTSTART:20261208T010000Z',
      'DTEND:notadate',
      'SUMMARY:Budget',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT15M',
      'SUMMARY:Alarm notification',
      'END:VALARM',
    ],
  ]);
  expect(expandCalendarFully(ics, window).skipped).toEqual(['"Budget": DTEND:notadate (unreadable, left out)']);
});

it('keeps the events before a feed that was cut off mid-event, and says what was cut', () => {
  const whole = calendarOf([
    ['UID:one@example.com', 'DTSTART:20261208T010000Z', 'DTEND:20261208T020000Z', 'SUMMARY:One'],
    ['UID:two@example.com', 'DTSTART:20261209T010000Z', 'DTEND:20261209T020000Z', 'SUMMARY:Two'],
  ]);
  const cut = whole.slice(0, whole.indexOf('SUMMARY:Two'));
  const result = expandCalendarFully(cut, window);
  expect(result.bookings.map((b) => b.title)).toEqual(['One']);
  expect(result.skipped).toEqual(['BEGIN:VEVENT cut off at the end of the feed (no END), left out']);
});

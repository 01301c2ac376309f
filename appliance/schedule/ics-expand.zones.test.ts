import { describe, expect, it } from 'vitest';
import { expandCalendar } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const shanghai = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-11T00:00:00Z'), roomTimeZone: 'Asia/Shanghai' };
const starts = (ics: string, window = shanghai) => expandCalendar(ics, window).map((d) => d.start);
const oneAt = (tzid: string) =>
  calendarOf([[`UID:z@example.com`, `DTSTART;TZID=${tzid}:20261208T100000`, `DTEND;TZID=${tzid}:20261208T110000`, 'SUMMARY:Sync']]);

describe('times in a zone the feed names, not the room', () => {
  it('keeps every occurrence of a New York series in New York, without a VTIMEZONE, in a Shanghai room', () => {
    const ics = calendarOf([
      [
        'UID:ny@example.com',
        'DTSTART;TZID=America/New_York:20261208T100000',
        'DTEND;TZID=America/New_York:20261208T110000',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:NY sync',
      ],
    ]);
    // 10:00 EST is 15:00Z, each day; the room's zone (UTC+8) would give 02:00Z.
    expect(starts(ics)).toEqual(['2026-12-08T15:00:00.000Z', '2026-12-09T15:00:00.000Z', '2026-12-10T15:00:00.000Z']);
  });

  it("follows New York's clock change in March, seen from a Shanghai room that has none", () => {
    const ics = calendarOf([
      [
        'UID:ny-weekly@example.com',
        'DTSTART;TZID=America/New_York:20260305T100000',
        'DTEND;TZID=America/New_York:20260305T103000',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'SUMMARY:NY weekly',
      ],
    ]);
    const window = { ...shanghai, from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') };
    // 5 March EST (UTC-5); 8 March the US moves to EDT (UTC-4): 12 and 19 March are an hour earlier in UTC.
    expect(starts(ics, window)).toEqual(['2026-03-05T15:00:00.000Z', '2026-03-12T14:00:00.000Z', '2026-03-19T14:00:00.000Z']);
  });

  it("follows London's clock change for Outlook's Windows name, in a Shanghai room", () => {
    const ics = calendarOf([
      [
        'UID:ldn@example.com',
        'DTSTART;TZID=GMT Standard Time:20260326T090000',
        'DTEND;TZID=GMT Standard Time:20260326T100000',
        'RRULE:FREQ=WEEKLY;COUNT=2',
        'SUMMARY:London weekly',
      ],
    ]);
    const window = { ...shanghai, from: new Date('2026-03-20T00:00:00Z'), to: new Date('2026-04-10T00:00:00Z') };
    // 26 March GMT; 29 March the UK moves to BST (UTC+1): 2 April 09:00 is 08:00Z.
    expect(starts(ics, window)).toEqual(['2026-03-26T09:00:00.000Z', '2026-04-02T08:00:00.000Z']);
  });
});

describe('zone names that are not IANA, without a VTIMEZONE', () => {
  it.each([
    ['"(UTC-05:00) Eastern Time (US & Canada)"', '2026-12-08T15:00:00.000Z'],
    ['China Standard Time', '2026-12-08T02:00:00.000Z'],
    ['W. Europe Standard Time', '2026-12-08T09:00:00.000Z'],
    ['"tzone://Microsoft/Utc"', '2026-12-08T10:00:00.000Z'],
    ['/freeassociation.sourceforge.net/Europe/Berlin', '2026-12-08T09:00:00.000Z'],
    ['/mozilla.org/20050126_1/America/New_York', '2026-12-08T15:00:00.000Z'],
  ])('reads 10:00 in %s', (tzid, start) => {
    // A Los Angeles room, so that no answer above is the room's own 10:00 (18:00Z).
    expect(starts(oneAt(tzid), { ...shanghai, roomTimeZone: 'America/Los_Angeles' })).toEqual([start]);
  });
});

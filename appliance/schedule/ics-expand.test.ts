import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandCalendar } from './ics-expand.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z'), roomTimeZone: 'Europe/Berlin' };

describe('calendar expansion', () => {
  it('keeps a weekly 10:00 Berlin meeting at 10:00 local across the DST change', () => {
    const drafts = expandCalendar(fixture('weekly-across-dst.ics'), window);
    expect(drafts.map((d) => [d.start, d.title])).toEqual([
      ['2026-03-19T09:00:00.000Z', 'Weekly stand-up'],
      ['2026-03-26T09:00:00.000Z', 'Weekly stand-up'],
      // 2 April is an EXDATE; 9 April was moved to 14:00; 16 April was cancelled.
      ['2026-04-09T12:00:00.000Z', 'Weekly stand-up (moved)'],
      ['2026-04-23T08:00:00.000Z', 'Weekly stand-up'],
    ]);
    expect(drafts[0]!.seriesKey).toBe('weekly-standup@example.com');
    expect(drafts[2]!.occurrenceKey).toBe('weekly-standup@example.com#2026-04-09T08:00:00.000Z');
  });

  it('reads organiser, required and optional attendees, skips the room, and parses the agenda', () => {
    const [first] = expandCalendar(fixture('weekly-across-dst.ics'), { ...window, badgeOf: (e) => (e === 'bob@example.com' ? 'B-42' : undefined) });
    expect(first!.organiser).toEqual({ name: 'Alice Chen', email: 'alice@example.com' });
    expect(first!.attendees).toEqual([
      { name: 'Bob', email: 'bob@example.com', badge: 'B-42', required: true },
      { name: 'Carol', email: 'carol@example.com', required: false },
    ]);
    expect(first!.agenda).toEqual([
      { title: 'Yesterday', owner: 'Bob', minutes: 10 },
      { title: 'Blockers', owner: 'Carol', minutes: 5 },
    ]);
  });

  it('uses the VTIMEZONE of a zone Node does not know, across its DST change', () => {
    const drafts = expandCalendar(fixture('outlook-windows-zone.ics'), window).filter((d) => d.seriesKey === 'board@example.com');
    expect(drafts.map((d) => d.start)).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(drafts.every((d) => d.confidentiality === 'confidential')).toBe(true);
  });

  it('reads UTC times as they are', () => {
    const one = expandCalendar(fixture('outlook-windows-zone.ics'), window).find((d) => d.occurrenceKey === 'utc-one@example.com');
    expect([one!.start, one!.end]).toEqual(['2026-03-28T12:00:00.000Z', '2026-03-28T12:30:00.000Z']);
  });

  it('keeps only occurrences inside the window', () => {
    const drafts = expandCalendar(fixture('weekly-across-dst.ics'), {
      ...window,
      from: new Date('2026-03-25T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
    expect(drafts.map((d) => d.start)).toEqual(['2026-03-26T09:00:00.000Z']);
  });

  it('refuses text that is not a calendar with a coded error', () => {
    expect(() => expandCalendar('<html>login page</html>', window)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_CALENDAR_FEED' }));
    expect(() => expandCalendar('BEGIN:VCARD\nVERSION:4.0\nEND:VCARD', window)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_CALENDAR_FEED' }));
  });
});

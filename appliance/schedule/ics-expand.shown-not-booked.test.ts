import { describe, expect, it } from 'vitest';
import { expandCalendarFully } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const window = { from: new Date('2026-12-06T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z'), roomTimeZone: 'Asia/Shanghai' };

describe('entries that are shown but never book the room', () => {
  it('shows all-day, transparent and Outlook-free entries; books only the busy meeting', () => {
    const ics = calendarOf([
      ['UID:holiday@example.com', 'DTSTART;VALUE=DATE:20261208', 'DTEND;VALUE=DATE:20261210', 'SUMMARY:School holiday'],
      ['UID:transparent@example.com', 'DTSTART:20261208T020000Z', 'DTEND:20261208T030000Z', 'TRANSP:TRANSPARENT', 'SUMMARY:Reminder: order coffee'],
      ['UID:free@example.com', 'DTSTART:20261208T040000Z', 'DTEND:20261208T050000Z', 'X-MICROSOFT-CDO-BUSYSTATUS:FREE', 'SUMMARY:Maybe lunch'],
      ['UID:busy@example.com', 'DTSTART:20261208T060000Z', 'DTEND:20261208T070000Z', 'TRANSP:OPAQUE', 'SUMMARY:Review'],
    ]);
    const result = expandCalendarFully(ics, window);
    expect(result.bookings.map((b) => b.title)).toEqual(['Review']);
    expect(result.shown).toEqual([
      // All-day dates are the room's days: 8 December 00:00 in Shanghai is 7 December 16:00Z.
      {
        key: 'holiday@example.com',
        title: 'School holiday',
        start: '2026-12-07T16:00:00.000Z',
        end: '2026-12-09T16:00:00.000Z',
        allDay: true,
        reason: 'all-day',
        confidential: false,
      },
      {
        key: 'transparent@example.com',
        title: 'Reminder: order coffee',
        start: '2026-12-08T02:00:00.000Z',
        end: '2026-12-08T03:00:00.000Z',
        allDay: false,
        reason: 'free',
        confidential: false,
      },
      {
        key: 'free@example.com',
        title: 'Maybe lunch',
        start: '2026-12-08T04:00:00.000Z',
        end: '2026-12-08T05:00:00.000Z',
        allDay: false,
        reason: 'free',
        confidential: false,
      },
    ]);
  });

  it('moves an occurrence of an all-day series when Exchange names it with a zoned RECURRENCE-ID', () => {
    const ics = calendarOf([
      ['UID:duty@example.com', 'DTSTART;VALUE=DATE:20261207', 'DTEND;VALUE=DATE:20261208', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Fire warden duty'],
      [
        'UID:duty@example.com',
        'RECURRENCE-ID;TZID=China Standard Time:20261214T000000',
        'DTSTART;VALUE=DATE:20261216',
        'DTEND;VALUE=DATE:20261217',
        'SUMMARY:Fire warden duty (moved)',
      ],
    ]);
    const shown = expandCalendarFully(ics, window).shown.map((s) => [s.title, s.start]);
    // 14 December is gone, 16 December is there; the other two weeks stay.
    expect(shown).toEqual([
      ['Fire warden duty', '2026-12-06T16:00:00.000Z'],
      ['Fire warden duty (moved)', '2026-12-15T16:00:00.000Z'],
      ['Fire warden duty', '2026-12-20T16:00:00.000Z'],
    ]);
  });

  it('moves it too when the RECURRENCE-ID is in UTC (the room day it falls on)', () => {
    const ics = calendarOf([
      ['UID:duty@example.com', 'DTSTART;VALUE=DATE:20261207', 'DTEND;VALUE=DATE:20261208', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Duty'],
      // 13 December 16:00Z is 14 December 00:00 in Shanghai.
      ['UID:duty@example.com', 'RECURRENCE-ID:20261213T160000Z', 'DTSTART;VALUE=DATE:20261216', 'DTEND;VALUE=DATE:20261217', 'SUMMARY:Duty (moved)'],
    ]);
    expect(expandCalendarFully(ics, window).shown.map((s) => s.start)).toEqual([
      '2026-12-06T16:00:00.000Z',
      '2026-12-15T16:00:00.000Z',
      '2026-12-20T16:00:00.000Z',
    ]);
  });
});

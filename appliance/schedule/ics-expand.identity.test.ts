import { describe, expect, it } from 'vitest';
import { expandCalendar } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const window = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-12T00:00:00Z'), roomTimeZone: 'Europe/Berlin' };
const standUp = ['DTSTART:20261208T090000Z', 'DTEND:20261208T093000Z', 'SUMMARY:Stand-up', 'ORGANIZER:mailto:alice@example.com'];
const review = ['DTSTART:20261208T130000Z', 'DTEND:20261208T140000Z', 'SUMMARY:Review', 'ORGANIZER:mailto:bob@example.com'];
const lunch = ['DTSTART:20261208T110000Z', 'DTEND:20261208T120000Z', 'SUMMARY:Lunch talk'];

describe('which booking is which', () => {
  it('keys an event without a UID by what it is, so one added above it moves no key', () => {
    const before = new Map(expandCalendar(calendarOf([standUp, review]), window).map((d) => [d.title, d.occurrenceKey]));
    const after = new Map(expandCalendar(calendarOf([lunch, standUp, review]), window).map((d) => [d.title, d.occurrenceKey]));
    expect(after.get('Stand-up')).toBe(before.get('Stand-up'));
    expect(after.get('Review')).toBe(before.get('Review'));
    expect(new Set(after.values()).size).toBe(3);
  });

  it('takes the copy with the highest SEQUENCE when a UID comes twice, wherever it sits', () => {
    const ics = calendarOf([
      ['UID:budget@example.com', 'SEQUENCE:2', 'DTSTART:20261209T100000Z', 'DTEND:20261209T110000Z', 'SUMMARY:Budget (final)'],
      ['UID:budget@example.com', 'SEQUENCE:1', 'DTSTART:20261209T090000Z', 'DTEND:20261209T100000Z', 'SUMMARY:Budget (draft)'],
    ]);
    expect(expandCalendar(ics, window).map((d) => [d.title, d.start])).toEqual([['Budget (final)', '2026-12-09T10:00:00.000Z']]);
  });

  it('books nothing from a METHOD:CANCEL calendar, even without a STATUS line', () => {
    const ics = calendarOf(
      [['UID:budget@example.com', 'SEQUENCE:3', 'DTSTART:20261209T100000Z', 'DTEND:20261209T110000Z', 'SUMMARY:Budget']],
      ['METHOD:CANCEL'],
    );
    expect(expandCalendar(ics, window)).toEqual([]);
  });
});

/** The booking page's offer of start times: only what the room would take. */
import { describe, expect, it } from 'vitest';
import { daySegments, freeStarts } from './book-slots.js';

const at = (hhmm: string) => Date.parse(`2026-04-01T${hhmm}:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const busy = [
  { start: '2026-04-01T10:00:00Z', end: '2026-04-01T10:40:00Z', title: 'Weekly sync' },
  { start: '2026-04-01T11:00:00Z', end: '2026-04-01T12:00:00Z', title: null },
];

describe('free starts', () => {
  it('offers now, the quarter hours and the end of each meeting, where the whole length fits before the next meeting and the end of the day', () => {
    expect(freeStarts(busy, at('09:32'), at('13:00'), 30).map(iso)).toEqual(['12:00', '12:15', '12:30']);
    expect(freeStarts(busy, at('09:32'), at('13:00'), 15).map(iso)).toEqual(['09:32', '09:45', '10:40', '10:45', '12:00', '12:15', '12:30', '12:45']);
    expect(freeStarts(busy, at('09:32'), at('13:00'), 60).map(iso)).toEqual(['12:00']);
  });

  it('does not offer now while a meeting runs, nor a quarter hour a minute after now', () => {
    expect(freeStarts(busy, at('10:12'), at('11:00'), 15).map(iso)).toEqual(['10:40', '10:45']);
    expect(freeStarts([], at('09:58'), at('11:00'), 15).map(iso)).toEqual(['09:58', '10:15', '10:30', '10:45']);
  });
});

describe('day segments', () => {
  it('lists the rest of the day as free and busy stretches, a running meeting from now', () => {
    expect(daySegments(busy, at('10:12'), at('13:00')).map((s) => `${s.kind} ${iso(s.start)}-${iso(s.end)}`)).toEqual([
      'busy 10:12-10:40',
      'free 10:40-11:00',
      'busy 11:00-12:00',
      'free 12:00-13:00',
    ]);
  });
});

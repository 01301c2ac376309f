/**
 * The meeting screen's warning follows the clock: "1 min left" while the minute lasts, and
 * "over its time" once the meeting passes its end — never "1 min left" beside a clock that
 * says "over time".
 */
import { describe, expect, it } from 'vitest';
import type { RoomNowView } from '../../appliance/api/api-types.js';
import { warningWords, type WarningNotice } from './meeting-warning.js';

const END = Date.parse('2026-12-07T10:00:00Z');
const now = { current: { id: 'm1', end: new Date(END).toISOString() } } as unknown as RoomNowView;
const oneMinuteLeft: WarningNotice = { kind: 'end-warning', meetingId: 'm1', minutesLeft: 1 };

describe('the end warning', () => {
  it('says the minutes left while they last', () => {
    expect(warningWords(oneMinuteLeft, now, END - 60_000)).toBe('1 min left in this meeting.');
    expect(warningWords(oneMinuteLeft, now, END - 1_000)).toBe('1 min left in this meeting.');
  });

  it('says the meeting is over its time once it passes its end', () => {
    expect(warningWords(oneMinuteLeft, now, END + 16_000)).toBe('This meeting is over its time: extend it or end it.');
  });

  it('goes once the meeting is extended past it', () => {
    expect(warningWords(oneMinuteLeft, now, END - 15 * 60_000)).toBeNull();
  });
});

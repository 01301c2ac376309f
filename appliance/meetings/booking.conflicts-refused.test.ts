import { afterEach, expect, it } from 'vitest';
import { book, release } from './meeting-lifecycle.js';
import { AD_HOC_BOOKINGS } from './meeting-limits.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('"book now" takes the free room; an overlapping booking is refused with the conflict named; a released slot is free again', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const now = book(ctx, { minutes: 30, title: 'Quick sync' });
  expect(now).toMatchObject({ source: 'adhoc', start: '2026-04-01T08:00:00.000Z', end: '2026-04-01T08:30:00.000Z', status: 'booked' });
  expect(fx.room.roomState()).toMatchObject({ state: 'booked', current: { id: now.id } });

  let error: unknown;
  try {
    book(ctx, { start: '2026-04-01T08:15:00.000Z', minutes: 60 });
  } catch (err) {
    error = err;
  }
  expect(error).toMatchObject({ code: 'ROOMCTL_E_BOOKING_CONFLICT', details: { conflicts: [{ id: now.id, start: now.start, end: now.end }] } });
  // Back to back is fine.
  expect(book(ctx, { start: '2026-04-01T08:30:00.000Z', minutes: 15 }).start).toBe('2026-04-01T08:30:00.000Z');
  expect(() => book(ctx, { start: '2026-04-01T07:00:00.000Z', minutes: 15 })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_BAD_REQUEST' }));

  release(ctx, now.id, 'panel');
  expect(book(ctx, { minutes: 15, title: 'Someone else' }).status).toBe('booked');
});

it('takes ad-hoc bookings up to 366 days ahead and 200 in any 24 hours, however many were released again: the next is refused, coded, and nothing is written', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const rows = () => ctx.db.prepare('SELECT COUNT(*) FROM meetings').pluck().get();
  expect(book(ctx, { start: '2027-04-02T07:00:00.000Z', minutes: 30 }).status).toBe('booked');
  expect(() => book(ctx, { start: '2027-04-02T08:01:00.000Z', minutes: 30 })).toThrow(
    expect.objectContaining({ code: 'ROOMCTL_E_BOOKING_LIMIT', details: { limit: 366, what: 'days ahead' } }),
  );
  // Booking and releasing in a loop: each booking is a row kept until retention passes. The
  // loop's first 198 are written as the room writes a booking (a released one is a row the same).
  const made = ctx.clock.now();
  ctx.db.transaction(() => {
    for (let i = 2; i < AD_HOC_BOOKINGS.perDay; i++) {
      const start = new Date(Date.parse('2026-04-02T08:00:00.000Z') + i * 3_600_000).toISOString();
      const end = new Date(Date.parse(start) + 900_000).toISOString();
      ctx.meetings.insert(
        {
          source: 'adhoc',
          seriesKey: null,
          occurrenceKey: `adhoc:loop-${i}`,
          title: 'Loop',
          organiser: {},
          attendees: [],
          description: '',
          agenda: [],
          start,
          end,
          confidentiality: 'normal',
        },
        made,
      );
    }
  })();
  release(ctx, book(ctx, { minutes: 15 }).id, 'panel');
  expect(rows()).toBe(AD_HOC_BOOKINGS.perDay);
  expect(() => book(ctx, { minutes: 15, title: 'One more' })).toThrow(
    expect.objectContaining({ code: 'ROOMCTL_E_BOOKING_LIMIT', details: { limit: AD_HOC_BOOKINGS.perDay, what: 'bookings a day' } }),
  );
  expect(rows()).toBe(AD_HOC_BOOKINGS.perDay);
});

import { afterEach, expect, it } from 'vitest';
import { book, release } from './meeting-lifecycle.js';
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

import { afterEach, expect, it } from 'vitest';
import { figuresBetween } from './daily-jobs.js';
import { submitFeedback } from './feedback-service.js';
import { book, checkIn, end, start } from './meeting-lifecycle.js';
import { purgeLog } from './retention.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('publishes the day figures once a day and purges records past retention, logging the purge', async () => {
  // Berlin, 1 April 2026 (CEST, UTC+2); business hours 08:00–18:00 = 600 min.
  fx = roomFixture({
    start: '2026-04-01T06:00:00.000Z',
    tickMs: 5 * 60_000,
    notifyPollMs: 3_600_000,
    meetings: { retentionDays: 30, dailyAt: '00:15', reminderMinutes: 0, selfTestMinutes: 0, endGraceMinutes: 10 },
  });
  const ctx = fx.room.ctx;
  const held = book(ctx, {
    start: '2026-04-01T07:00:00.000Z',
    minutes: 60,
    title: 'Held',
    attendees: [
      { email: 'a@example.com', required: true },
      { email: 'b@example.com', required: true },
    ],
  });
  book(ctx, { start: '2026-04-01T09:00:00.000Z', minutes: 60, title: 'No-show' });
  await fx.advanceTo('2026-04-01T07:02:00.000Z');
  checkIn(ctx, held.id, { email: 'a@example.com' }, 'tap');
  start(ctx, held.id);
  await fx.advanceTo('2026-04-01T08:06:00.000Z');
  end(ctx, held.id); // 64 min in use, 6 min past the booked end
  submitFeedback(ctx, held.id, { rating: 4 });

  // Started after 00:15 local: the job caught up at once with the day before.
  expect(fx.eventsOf('room.figures').map((e) => e.day)).toEqual(['2026-03-31']);
  await fx.advanceTo('2026-04-01T22:14:00.000Z'); // 00:14 in Berlin
  expect(fx.eventsOf('room.figures')).toHaveLength(1);
  await fx.advanceTo('2026-04-01T22:20:00.000Z');
  const published = fx.eventsOf('room.figures')[1];
  expect(published).toEqual({
    type: 'room.figures',
    day: '2026-04-01',
    figures: {
      meetings: 2,
      utilisationPercent: 10.7,
      noShowPercent: 50,
      autoReleases: 1,
      freedByHand: 0,
      onTimeStartPercent: 100,
      averageOverrunMinutes: 6,
      attendancePercent: 50,
      ratingAverage: 4,
      ratings: 1,
    },
  });
  expect(figuresBetween(ctx, new Date('2026-03-31T22:00:00Z'), new Date('2026-04-01T22:00:00Z'))).toMatchObject({ utilisationPercent: 10.7 });
  await fx.advanceTo('2026-04-02T23:00:00.000Z');
  expect(fx.eventsOf('room.figures')).toHaveLength(3);

  // 31 days on, the records are gone, and the purge says so.
  await fx.advanceTo('2026-05-01T22:10:00.000Z');
  expect(ctx.meetings.get(held.id)).toBeDefined();
  await fx.advanceTo('2026-05-01T22:20:00.000Z');
  expect(ctx.meetings.get(held.id)).toBeUndefined();
  expect(purgeLog(ctx.db)[0]).toMatchObject({ at: '2026-05-01T22:15:00.000Z', cutoff: '2026-04-01T22:15:00.000Z', removed: { meetings: 2, feedback: 1 } });
});

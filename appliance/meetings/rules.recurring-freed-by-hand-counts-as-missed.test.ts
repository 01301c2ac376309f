import { afterEach, expect, it } from 'vitest';
import { syncCalendarBookings } from '../schedule/booking-sync.js';
import { release } from './meeting-lifecycle.js';
import type { RoomFixture } from './testing/room-fixture.js';
import { seriesFlaggingRoom, seriesOccurrence } from './testing/series-room.js';

let fx: RoomFixture;
afterEach(() => fx.close());

const day = (d: number) => seriesOccurrence('weekly@example.com', 'Weekly', 30, d);

it('an occurrence freed from the panel is a meeting that did not take place: it counts toward the series flag, and the flag says so', async () => {
  fx = seriesFlaggingRoom();
  const ctx = fx.room.ctx;
  syncCalendarBookings(ctx.meetings, ctx.agenda, [1, 2, 3].map(day), new Date('2026-04-01T00:00:00Z'), new Date('2026-04-02T00:00:00Z'), ctx.clock.now());
  const occurrence = (n: number) => ctx.meetings.byOccurrence(`weekly@example.com#${n}`)!;
  const misses = () => ctx.db.prepare("SELECT misses FROM series_misses WHERE series_key = 'weekly@example.com'").pluck().get();
  const flags = () => fx.room.outbox.list().filter((e) => e.kind === 'flagged');

  await fx.advanceTo('2026-04-01T08:30:00.000Z');
  expect(occurrence(1)).toMatchObject({ status: 'released', releasedBy: 'no-check-in' });

  // At the next one people tell the room they are not meeting, before the rule would have freed it.
  await fx.advanceTo('2026-04-01T09:02:00.000Z');
  release(ctx, occurrence(2).id, 'panel');
  expect(occurrence(2)).toMatchObject({ status: 'released', releasedBy: 'by-hand', releasedAt: '2026-04-01T09:02:00.000Z' });
  expect(misses()).toBe(2);

  await fx.advanceTo('2026-04-01T10:30:00.000Z');
  expect(misses()).toBe(3);
  expect(flags().map((f) => f.recipients)).toEqual([['facilities@example.com'], ['alice@example.com']]);
  expect(flags()[0]!.message.text).toBe(
    'The series was released unused 3 times in a row (nobody checked in, or the room was freed by hand once check-in had opened). Please cancel it if it is no longer needed, so others can book Aurora.',
  );
});

import { afterEach, expect, it } from 'vitest';
import { syncCalendarBookings } from '../schedule/booking-sync.js';
import { start } from './meeting-lifecycle.js';
import type { RoomFixture } from './testing/room-fixture.js';
import { seriesFlaggingRoom, seriesOccurrence } from './testing/series-room.js';

let fx: RoomFixture;
afterEach(() => fx.close());

const day = (d: number) => seriesOccurrence('daily@example.com', 'Daily', 15, d);

it('a recurring booking released 3 times in a row is flagged once to organiser and facilities; a held occurrence resets the count', async () => {
  fx = seriesFlaggingRoom();
  const ctx = fx.room.ctx;
  syncCalendarBookings(
    ctx.meetings,
    ctx.agenda,
    [1, 2, 3, 4, 5, 6].map(day),
    new Date('2026-04-01T00:00:00Z'),
    new Date('2026-04-02T00:00:00Z'),
    ctx.clock.now(),
  );
  const flags = () => fx.room.outbox.list().filter((e) => e.kind === 'flagged');
  const misses = () => ctx.db.prepare("SELECT misses FROM series_misses WHERE series_key = 'daily@example.com'").pluck().get();

  await fx.advanceTo('2026-04-01T09:30:00.000Z');
  expect(misses()).toBe(2);
  expect(flags()).toHaveLength(0);
  await fx.advanceTo('2026-04-01T10:30:00.000Z');
  expect(misses()).toBe(3);
  expect(flags().map((f) => f.recipients)).toEqual([['facilities@example.com'], ['alice@example.com']]);
  expect(flags()[0]!.message.title).toBe('Recurring booking unused 3 times in a row: Daily (Aurora)');
  await fx.advanceTo('2026-04-01T11:30:00.000Z');
  expect(flags()).toHaveLength(2);
  expect(fx.room.view(ctx.meetings.byOccurrence('daily@example.com#5')!, true).seriesFlagged).toBe(true);

  await fx.advanceTo('2026-04-01T11:55:00.000Z');
  start(ctx, ctx.meetings.byOccurrence('daily@example.com#5')!.id);
  expect(misses()).toBeUndefined();
});

import { afterEach, expect, it } from 'vitest';
import { syncCalendarBookings } from '../schedule/booking-sync.js';
import type { BookingDraft } from './meeting-types.js';
import { start } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

const day = (d: number): BookingDraft => ({
  source: 'calendar',
  seriesKey: 'daily@example.com',
  occurrenceKey: `daily@example.com#2026-04-0${d}`,
  title: 'Daily',
  organiser: { email: 'alice@example.com' },
  attendees: [],
  description: '',
  agenda: [],
  start: `2026-04-0${d}T08:00:00.000Z`,
  end: `2026-04-0${d}T08:15:00.000Z`,
  confidentiality: 'normal',
});

it('a recurring booking released 3 times in a row is flagged once to organiser and facilities; a held occurrence resets the count', async () => {
  fx = roomFixture({
    start: '2026-04-01T07:00:00.000Z',
    tickMs: 60_000,
    notifyPollMs: 3_600_000,
    meetings: { missedInARowFlag: 3, reminderMinutes: 0 },
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'a@example.com' }, facilities: ['facilities@example.com'] },
  });
  const ctx = fx.room.ctx;
  syncCalendarBookings(
    ctx.meetings,
    ctx.agenda,
    [1, 2, 3, 4, 5, 6].map(day),
    new Date('2026-04-01T00:00:00Z'),
    new Date('2026-04-07T00:00:00Z'),
    ctx.clock.now(),
  );
  const flags = () => fx.room.outbox.list().filter((e) => e.kind === 'flagged');
  const misses = () => ctx.db.prepare("SELECT misses FROM series_misses WHERE series_key = 'daily@example.com'").pluck().get();

  await fx.advanceTo('2026-04-02T09:00:00.000Z');
  expect(misses()).toBe(2);
  expect(flags()).toHaveLength(0);
  await fx.advanceTo('2026-04-03T09:00:00.000Z');
  expect(misses()).toBe(3);
  expect(flags().map((f) => f.recipients)).toEqual([['facilities@example.com'], ['alice@example.com']]);
  expect(flags()[0]!.message.title).toBe('Recurring booking unused 3 times in a row: Daily (Aurora)');
  await fx.advanceTo('2026-04-04T09:00:00.000Z');
  expect(flags()).toHaveLength(2);
  expect(fx.room.view(ctx.meetings.byOccurrence('daily@example.com#2026-04-05')!, true).seriesFlagged).toBe(true);

  await fx.advanceTo('2026-04-05T07:55:00.000Z');
  start(ctx, ctx.meetings.byOccurrence('daily@example.com#2026-04-05')!.id);
  expect(misses()).toBeUndefined();
});

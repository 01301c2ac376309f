import { afterEach, expect, it } from 'vitest';
import { syncCalendarBookings } from '../schedule/booking-sync.js';
import { release } from './meeting-lifecycle.js';
import type { RoomFixture } from './testing/room-fixture.js';
import { seriesFlaggingRoom, seriesOccurrence } from './testing/series-room.js';

let fx: RoomFixture;
afterEach(() => fx.close());

const occurrenceAt = (n: number) => seriesOccurrence('weekly@example.com', 'Weekly', 30, n);

it('an occurrence freed before its check-in opens is cancelled ahead of time: no miss, the run goes on; from the moment check-in opens it is a miss', async () => {
  fx = seriesFlaggingRoom();
  const ctx = fx.room.ctx;
  syncCalendarBookings(
    ctx.meetings,
    ctx.agenda,
    [1, 2, 3, 4].map(occurrenceAt),
    new Date('2026-04-01T00:00:00Z'),
    new Date('2026-04-02T00:00:00Z'),
    ctx.clock.now(),
  );
  const occurrence = (n: number) => ctx.meetings.byOccurrence(`weekly@example.com#${n}`)!;
  const misses = () => ctx.db.prepare("SELECT misses FROM series_misses WHERE series_key = 'weekly@example.com'").pluck().get();
  const organisersMail = () => fx.room.outbox.list().filter((e) => e.kind === 'released' && e.meetingId === occurrence(2).id);

  await fx.advanceTo('2026-04-01T08:30:00.000Z');
  expect(misses()).toBe(1);

  // Check-in opens 10 min before the 09:00 start: a moment before, the booking is given back in time for others.
  await fx.advanceTo('2026-04-01T08:49:59.999Z');
  release(ctx, occurrence(2).id, 'token');
  expect(occurrence(2)).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', releasedVia: 'token' });
  expect(misses()).toBe(1);
  expect(organisersMail().map((e) => e.message.title)).toEqual(['Aurora booking cancelled ahead of time: Weekly']);
  // The room changes no calendar: its organiser learns the invitees still have it in theirs.
  expect(organisersMail()[0]!.message.text).toBe(
    "At 10:49 the booking of Aurora on 2026-04-01, 11:00–11:30, was cancelled through the room's API (by a program or device holding one of the room's tokens), before its check-in opened. The room is free for others to book.\nThe invitation is still in the invitees' calendars: cancel it there too if the meeting is not taking place.",
  );

  // From the moment it opens, "we are not meeting" is a meeting that did not take place.
  await fx.advanceTo('2026-04-01T09:50:00.000Z');
  release(ctx, occurrence(3).id, 'panel');
  expect(occurrence(3)).toMatchObject({ status: 'released', releasedBy: 'by-hand', releasedVia: 'panel' });
  expect(misses()).toBe(2);

  // The cancellation did not start the run again either: the next miss is the third in a row.
  await fx.advanceTo('2026-04-01T11:30:00.000Z');
  expect(misses()).toBe(3);
  expect(fx.room.outbox.list().filter((e) => e.kind === 'flagged')).toHaveLength(2);

  expect(fx.eventsOf('meeting.released')).toEqual([
    { type: 'meeting.released', meetingId: occurrence(1).id, title: 'Weekly', releasedBy: 'no-check-in' },
    { type: 'meeting.released', meetingId: occurrence(2).id, title: 'Weekly', releasedBy: 'ahead-of-time', via: 'token' },
    { type: 'meeting.released', meetingId: occurrence(3).id, title: 'Weekly', releasedBy: 'by-hand', via: 'panel' },
    { type: 'meeting.released', meetingId: occurrence(4).id, title: 'Weekly', releasedBy: 'no-check-in' },
  ]);
});

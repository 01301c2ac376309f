/**
 * A booking freed on the panel before its check-in opened gave up that time. The organiser then
 * edits the invite in the calendar: a new title leaves the room free; a new time is the meeting
 * still wanted, so the room is booked again at it — with its own reminder, though the old time's
 * had already gone out.
 */
import { afterEach, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../schedule/testing/feed-server.js';
import { calendarOf } from '../schedule/testing/ics-text.js';
import { release } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let server: FeedServer;
let fx: RoomFixture;
afterEach(async () => {
  await fx.close();
  await server.close();
});

const invite = (summary: string, start: string, end: string) =>
  calendarOf([['UID:design@example.com', `DTSTART:${start}`, `DTEND:${end}`, `SUMMARY:${summary}`, 'ORGANIZER:mailto:alice@example.com']]);

it('a booking cancelled ahead of time stays free when only its title changes, and is booked again when its invite moves to another time', async () => {
  server = await startFeedServer();
  server.routes.set('/room.ics', { body: invite('Design review', '20260401T100000Z', '20260401T110000Z') });
  fx = roomFixture({
    start: '2026-04-01T09:00:00.000Z',
    tickMs: 60_000,
    notifyPollMs: 3_600_000,
    meetings: { reminderMinutes: 15, checkInOpensMinutes: 10 },
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' } },
    calendar: { url: `${server.url}/room.ics`, refreshMinutes: 600 },
  });
  const { ctx } = fx.room;
  await fx.room.calendar.refresh();
  const booking = () => ctx.meetings.byOccurrence('design@example.com')!;
  const reminders = () => fx.room.outbox.list().filter((e) => e.kind === 'reminder' && e.meetingId === booking().id);

  // The reminder went out at 09:45; at 09:47, before check-in opens at 09:50, the room is given back.
  await fx.advanceTo('2026-04-01T09:47:00.000Z');
  expect(reminders()).toHaveLength(1);
  release(ctx, booking().id, 'panel');
  expect(booking()).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time' });

  // The same time under another title: still the time given up.
  server.routes.set('/room.ics', { body: invite('Design review (cancelled?)', '20260401T100000Z', '20260401T110000Z') });
  expect(await fx.room.calendar.refresh()).toEqual({ added: 0, updated: 0, cancelled: 0 });
  expect(booking()).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', title: 'Design review' });

  // Moved to 14:00: the organiser still meets, then. Booked again, the release forgotten.
  server.routes.set('/room.ics', { body: invite('Design review', '20260401T140000Z', '20260401T150000Z') });
  expect(await fx.room.calendar.refresh()).toEqual({ added: 0, updated: 1, cancelled: 0 });
  expect(booking()).toMatchObject({
    status: 'booked',
    start: '2026-04-01T14:00:00.000Z',
    releasedAt: null,
    releasedBy: null,
    releasedVia: null,
  });
  // The new time has its own reminder, and its check-in and release as any booking.
  await fx.advanceTo('2026-04-01T13:46:00.000Z');
  expect(reminders()).toHaveLength(2);
  await fx.advanceTo('2026-04-01T14:11:00.000Z');
  expect(booking()).toMatchObject({ status: 'released', releasedBy: 'no-check-in' });
});

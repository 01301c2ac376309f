/**
 * A 40-day school holiday and a "free" reminder in the room's calendar: the panel lists
 * them for today, the room stays free (book-now offered), and nothing is ever released or
 * reported as a no-show — while a real meeting the same day is booked as usual.
 */
import { afterEach, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../schedule/testing/feed-server.js';
import { calendarOf } from '../schedule/testing/ics-text.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let server: FeedServer;
let fx: RoomFixture;
afterEach(async () => {
  await fx.close();
  await server.close();
});

it('shows all-day and free entries on the panel without booking or releasing the room', async () => {
  server = await startFeedServer();
  server.routes.set('/room.ics', {
    body: calendarOf([
      ['UID:holiday@example.com', 'DTSTART;VALUE=DATE:20261201', 'DTEND;VALUE=DATE:20270110', 'SUMMARY:School holiday'],
      ['UID:coffee@example.com', 'DTSTART:20261208T013000Z', 'DTEND:20261208T020000Z', 'TRANSP:TRANSPARENT', 'SUMMARY:Order coffee'],
      ['UID:review@example.com', 'DTSTART:20261208T060000Z', 'DTEND:20261208T070000Z', 'SUMMARY:Review', 'ORGANIZER:mailto:alice@example.com'],
    ]),
  });
  // 08:00 in Shanghai on 8 December.
  fx = roomFixture({ start: '2026-12-08T00:00:00Z', timezone: 'Asia/Shanghai', calendar: { url: `${server.url}/room.ics`, refreshMinutes: 60 } });
  await fx.room.calendar.refresh();
  fx.room.tick();

  const now = fx.room.streamMessage().now;
  expect(now.state).toBe('idle');
  expect(now.bookNowMinutes.length).toBeGreaterThan(0);
  expect(now.next?.title).toBe('Review');
  expect(now.alsoToday).toEqual([
    { title: 'School holiday', start: '2026-11-30T16:00:00.000Z', end: '2027-01-09T16:00:00.000Z', allDay: true },
    { title: 'Order coffee', start: '2026-12-08T01:30:00.000Z', end: '2026-12-08T02:00:00.000Z', allDay: false },
  ]);

  // Past the coffee reminder's would-be auto-release: nothing released, nobody told.
  await fx.advanceTo('2026-12-08T03:00:00Z');
  expect(fx.messages.filter((m) => m.notice?.kind === 'released')).toEqual([]);
  expect(fx.room.ctx.meetings.between('2026-11-01T00:00:00Z', '2027-02-01T00:00:00Z').map((m) => m.title)).toEqual(['Review']);
});

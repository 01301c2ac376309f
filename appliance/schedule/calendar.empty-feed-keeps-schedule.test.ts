import { afterEach, beforeEach, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from './testing/feed-server.js';
import { feedFixture, type FeedFixture } from './testing/feed-fixture.js';
import { calendarOf } from './testing/ics-text.js';

let server: FeedServer;
let fx: FeedFixture;
const booked = () => fx.meetings.between('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z', ['booked']).map((m) => m.title);

beforeEach(async () => {
  server = await startFeedServer();
  server.routes.set('/room.ics', {
    body: calendarOf([
      ['UID:a@example.com', 'DTSTART:20261208T090000Z', 'DTEND:20261208T100000Z', 'SUMMARY:Planning'],
      ['UID:b@example.com', 'DTSTART:20261209T090000Z', 'DTEND:20261209T100000Z', 'SUMMARY:Review'],
    ]),
  });
  fx = feedFixture({ url: `${server.url}/room.ics`, refreshMinutes: 5 }, { start: '2026-12-07T08:00:00Z' });
});
afterEach(async () => {
  fx.close();
  await server.close();
});

it('keeps the last good schedule when a feed that had events comes back empty, says so, and clears it only when it stays empty', async () => {
  await fx.feed.refresh();
  expect(booked()).toEqual(['Planning', 'Review']);

  server.routes.set('/room.ics', { body: calendarOf([]) });
  expect(await fx.feed.refresh()).toEqual({ added: 0, updated: 0, cancelled: 0 });
  expect(booked()).toEqual(['Planning', 'Review']);
  expect(fx.feed.health()).toMatchObject({ state: 'holding', detail: expect.stringContaining('came back empty; keeping the last good schedule') });

  // Still empty at the next read: the organiser really emptied it.
  await fx.clock.advance(5 * 60_000);
  expect(await fx.feed.refresh()).toEqual({ added: 0, updated: 0, cancelled: 2 });
  expect(booked()).toEqual([]);
  expect(fx.feed.health()).toMatchObject({ state: 'ok', detail: expect.stringContaining('stayed empty: the schedule was cleared') });
});

it('an empty read between two good ones changes nothing', async () => {
  await fx.feed.refresh();
  const good = server.routes.get('/room.ics')!;
  server.routes.set('/room.ics', { body: calendarOf([]) });
  await fx.feed.refresh();
  server.routes.set('/room.ics', good);
  expect(await fx.feed.refresh()).toEqual({ added: 0, updated: 0, cancelled: 0 });
  expect(booked()).toEqual(['Planning', 'Review']);
  expect(fx.feed.health()).toMatchObject({ state: 'ok', detail: null });
});

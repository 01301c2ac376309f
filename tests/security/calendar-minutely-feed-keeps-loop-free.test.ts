/**
 * A 3.5 KB feed of 20 FREQ=MINUTELY series asks for a hundred thousand bookings. The room
 * keeps the earliest up to its cap, says what it left out, writes them in one transaction,
 * and expands a slice at a time so the event loop keeps turning (timers, the API, the
 * watchdog) all through the sync. (How long the loop is held at most is measured by
 * `npm run bench -- meetings`.)
 */
import { afterEach, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../appliance/schedule/testing/feed-server.js';
import { feedFixture, type FeedFixture } from '../../appliance/schedule/testing/feed-fixture.js';
import { calendarOf } from '../../appliance/schedule/testing/ics-text.js';

let server: FeedServer;
let fx: FeedFixture;
afterEach(async () => {
  fx.close();
  await server.close();
});

it('caps a minutely flood and keeps the event loop turning while it syncs', async () => {
  server = await startFeedServer();
  const series = Array.from({ length: 20 }, (_, i) => [
    `UID:flood-${i}@example.com`,
    'DTSTART:20261206T000000Z',
    'DURATION:PT1M',
    'RRULE:FREQ=MINUTELY;COUNT=5000',
    `SUMMARY:Flood ${i}`,
  ]);
  const ics = calendarOf(series);
  expect(ics.length).toBeLessThan(5000);
  server.routes.set('/room.ics', { body: ics });
  fx = feedFixture({ url: `${server.url}/room.ics`, horizonDays: 14 }, { start: '2026-12-07T00:00:00Z' });

  let turns = 0;
  const ticker = setInterval(() => void turns++, 1);
  const result = await fx.feed.refresh();
  clearInterval(ticker);

  expect(result).toEqual({ added: 2000, updated: 0, cancelled: 0 });
  expect(fx.meetings.between('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z')).toHaveLength(2000);
  expect(fx.feed.state().skipped.at(-1)).toMatch(
    /^more than 2000 bookings in the window, as many as a room keeps: those from 2026-12-06T\d\d:\d\d:00\.000Z on are left out$/,
  );
  expect(fx.feed.health()).toMatchObject({ state: 'ok', skipped: fx.feed.state().skipped.length });
  // Sliced: the loop turned many times during the sync, not once at its end.
  expect(turns).toBeGreaterThan(20);
});

/**
 * A school holiday in the room's calendar: the door panel lists it under "Also today" and
 * the room stays free — book-now offered, nothing to check in to.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../appliance/schedule/testing/feed-server.js';
import { calendarOf } from '../../appliance/schedule/testing/ics-text.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';

let opened: PanelRoom | undefined;
let feed: FeedServer;
let page: Page;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

beforeAll(async () => {
  feed = await startFeedServer();
  // From yesterday to the day after tomorrow (UTC dates): today in the room's zone whatever it is.
  feed.routes.set('/room.ics', {
    body: calendarOf([['UID:holiday@example.com', `DTSTART;VALUE=DATE:${day(-1)}`, `DTEND;VALUE=DATE:${day(2)}`, 'SUMMARY:School holiday']]),
  });
  opened = await openPanelRoom({
    configure: (c) => void (c.calendar = { url: `${feed.url}/room.ics`, refreshMinutes: 60 }),
    beforeOpen: async (r) => void (await fetch(`${r.baseUrl}/api/v1/calendar/refresh`, { method: 'POST', headers: { authorization: `Bearer ${r.token}` } })),
  });
  ({ page } = opened);
});
afterAll(async () => {
  await opened?.close();
  await feed?.close();
});

it('lists the all-day entry on the door view and keeps the room free', async () => {
  await page.getByTestId('also-today').waitFor();
  expect(await page.getByTestId('also-today').textContent()).toMatch(/School holiday\s+all day/);
  expect(await page.locator('[data-testid="room-status"]').getAttribute('data-state')).toBe('free');
  expect(await page.getByTestId('book-15').isEnabled()).toBe(true);
});

/**
 * The summary after a meeting says when the minutes go out; once that time has passed and the
 * room sent them, it says they were sent and no longer offers to correct them — it does not
 * keep "go out at 10:10" up for the next people. In real Chromium, the room on a manual clock.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { buildPanelIfStale, launchChromium, openPanel } from '../helpers/panel-browser.js';

let room: ClockedRoom;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  buildPanelIfStale();
  room = await startClockedRoom({ start: new Date().toISOString(), timezone: 'UTC' });
  browser = await launchChromium();
  ({ page, errors } = await openPanel(browser, room.baseUrl, room.token));
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 30, title: 'Budget review' });
  expect(booked.status).toBe(201);
  expect((await room.call('POST', `/api/v1/meetings/${booked.body.id}/start`)).status).toBe(200);
  await page.getByTestId('time-left').waitFor();
  expect((await room.call('POST', `/api/v1/meetings/${booked.body.id}/end`)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await room?.close();
});

it('says the minutes were sent once their time has passed, and stops offering to correct them', { timeout: 60_000 }, async () => {
  const sending = page.getByTestId('summary-sending');
  await sending.filter({ hasText: 'The minutes go out at' }).waitFor();
  expect(await page.getByTestId('summary-edit').isEnabled()).toBe(true);
  // The review time (10 min) passes and the room sends the minutes; a booking for later tells the panel the room's time.
  await room.clock.advance(11 * 60_000);
  const later = new Date(Date.now() + 3 * 3_600_000).toISOString();
  expect((await room.call('POST', '/api/v1/bookings', { minutes: 30, title: 'Later', start: later })).status).toBe(201);
  await sending.filter({ hasText: 'The minutes were sent at' }).waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('summary-edit').isDisabled()).toBe(true);
  expect(errors).toEqual([]);
});

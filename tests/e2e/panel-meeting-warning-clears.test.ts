/**
 * The meeting screen's warning says what holds now, in the panel's language: "Agenda item 1 is
 * over its time" is worded anew when a person switches to Chinese, and goes once the meeting
 * moves on to item 2; "5 min left" goes once the meeting is extended. In real Chromium, the
 * room's meeting rules on a manual clock (no waiting for minutes to pass).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, startMeeting, type ClockedRoom } from '../helpers/clocked-room.js';
import { buildPanelIfStale, launchWithPanel, setLanguage } from '../helpers/panel-browser.js';

let room: ClockedRoom;
let browser: Browser;
let page: Page;
let errors: string[];
let meetingId: string;

const warning = () => page.getByTestId('warning');

beforeAll(async () => {
  buildPanelIfStale();
  room = await startClockedRoom({ start: new Date().toISOString(), timezone: 'UTC' });
  meetingId = await startMeeting(room, {
    minutes: 30,
    title: 'Budget review',
    agenda: [
      { title: 'Budget', minutes: 2 },
      { title: 'Rollout', minutes: 30 },
    ],
  });
  ({ browser, page, errors } = await launchWithPanel(room.baseUrl, room.token));
  await page.getByTestId('agenda-current').filter({ hasText: 'Budget' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await room?.close();
});

it('words an agenda item over its time in the language on screen, and drops it when the meeting moves on', { timeout: 60_000 }, async () => {
  await room.clock.advance(2.5 * 60_000);
  await warning().filter({ hasText: 'Agenda item 1 is over its time.' }).waitFor();
  await setLanguage(page, 'zh-CN');
  await warning().filter({ hasText: '议程第 1 项已超时。' }).waitFor();
  await setLanguage(page, 'en');
  expect((await room.call('POST', `/api/v1/meetings/${meetingId}/agenda/next`)).status).toBe(200);
  await page.getByTestId('agenda-current').filter({ hasText: 'Rollout' }).waitFor();
  await warning().waitFor({ state: 'detached' });
});

it('drops "5 min left" once the meeting is extended', { timeout: 60_000 }, async () => {
  // 25 min 30 s from the start: the room warns 5 minutes before the end.
  await room.clock.advance(23 * 60_000);
  await warning().filter({ hasText: '5 min left in this meeting.' }).waitFor();
  await page.getByTestId('extend-15').click();
  await warning().waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
});

/**
 * A finished agenda item says the minutes it took, with the planned ones beside them when
 * they differ, on the panel's meeting screen and on the meeting's phone page, in English and
 * in Chinese: "Budget" planned for 10 minutes runs 12, "Rollout" planned for 20 runs 5 until
 * the meeting ends (the phone page shows the agenda after the end too). In real Chromium, the room's meetings on a manual clock.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, startMeeting, type ClockedRoom } from '../helpers/clocked-room.js';
import { buildPanelIfStale, launchWithPanel, phonePage, SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';

const FLOW = 'agenda-minutes-taken';
let room: ClockedRoom;
let browser: Browser;
let panel: Page;
let errors: string[];
let meetingId: string;

/** The time an agenda item shows on the panel's meeting screen (the first item is 1). */
const panelItemTime = (n: number) =>
  panel
    .getByTestId('agenda')
    .locator('li')
    .nth(n - 1)
    .locator('.time');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(join(SCREENSHOT_ROOT, FLOW), { recursive: true });
  const size = page.viewportSize()!;
  const locale = await page.evaluate(() => document.documentElement.lang);
  await page.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, `${name}-${size.width}x${size.height}-${locale}.png`) });
}

beforeAll(async () => {
  buildPanelIfStale();
  room = await startClockedRoom({ start: new Date().toISOString(), timezone: 'UTC' });
  meetingId = await startMeeting(room, {
    minutes: 60,
    title: 'Quarterly review',
    agenda: [
      { title: 'Budget', minutes: 10 },
      { title: 'Rollout', minutes: 20 },
    ],
  });
  ({ browser, page: panel, errors } = await launchWithPanel(room.baseUrl, room.token));
  await panel.getByTestId('agenda-current').filter({ hasText: 'Budget' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await room?.close();
});

it('shows on the panel the minutes a finished item took beside the planned ones, in both languages', { timeout: 60_000 }, async () => {
  expect(await panelItemTime(2).textContent()).toBe('20 min');
  await room.clock.advance(12 * 60_000);
  expect((await room.call('POST', `/api/v1/meetings/${meetingId}/agenda/next`)).status).toBe(200);
  await panel.getByTestId('agenda-current').filter({ hasText: 'Rollout' }).waitFor();
  expect(await panelItemTime(1).textContent()).toBe('12 min (planned 10)');
  await shot(panel, 'panel-item-took-12');
  await setLanguage(panel, 'zh-CN');
  await panelItemTime(1).filter({ hasText: '12 分钟（计划 10 分钟）' }).waitFor();
  await shot(panel, 'panel-item-took-12');
  await setLanguage(panel, 'en');
  expect(errors).toEqual([]);
});

it('shows the same on the phone page after the meeting has ended', { timeout: 60_000 }, async () => {
  await room.clock.advance(5 * 60_000);
  expect((await room.call('POST', `/api/v1/meetings/${meetingId}/end`)).status).toBe(200);
  const phone = await phonePage(browser, 'en-US');
  const phoneErrors: string[] = [];
  phone.on('pageerror', (error) => phoneErrors.push(error.message));
  await phone.goto((await room.call('GET', `/api/v1/meetings/${meetingId}/access`)).body.url);
  const items = phone.getByTestId('phone-agenda').locator('li');
  await items.nth(1).waitFor();
  expect(await items.allTextContents()).toEqual(['Budget · 12 min (planned 10)', 'Rollout · 5 min (planned 20)']);
  await shot(phone, 'phone-after-the-end');
  await setLanguage(phone, 'zh-CN');
  await items.first().filter({ hasText: '计划' }).waitFor();
  expect(await items.allTextContents()).toEqual(['Budget · 12 分钟（计划 10 分钟）', 'Rollout · 5 分钟（计划 20 分钟）']);
  await shot(phone, 'phone-after-the-end');
  expect(phoneErrors).toEqual([]);
});

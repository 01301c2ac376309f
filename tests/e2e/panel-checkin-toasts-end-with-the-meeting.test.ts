/**
 * Six people check in at once, so their toasts wait their turn in the header; the language is
 * switched meanwhile and the meeting is ended before their turns come. The toast on screen
 * then speaks the panel's new language (it was built in the old one and kept it), and at the
 * end every check-in toast goes with the meeting: none comes over the summary afterwards (one
 * used to lie over the room's name and clock, in English on a Chinese panel). The page's clock
 * stands still throughout, so no toast's turn ends by itself whatever the machine's load.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setLanguage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { holdTheClock } from '../helpers/panel-toasts.js';
import { callRoom, type TestRoom } from '../helpers/test-room.js';

const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Li Wei', 'Alan Turing', 'Wang Fang', 'Katherine Johnson'];
let opened: PanelRoom | undefined;
let room: TestRoom;
let page: Page;

const toast = () => page.locator('[data-testid="toast"]:not([hidden])');

beforeAll(async () => {
  opened = await openPanelRoom();
  ({ room, page } = opened);
}, 60_000);

afterAll(async () => {
  await opened?.close();
});

it('says a waiting check-in in the panel’s language of the moment, and drops the check-ins once the meeting ends', { timeout: 60_000 }, async () => {
  const { id } = await callRoom<{ id: string }>(room, 'POST', '/api/v1/bookings', { minutes: 30, title: 'Roadmap' });
  await callRoom(room, 'POST', `/api/v1/meetings/${id}/start`);
  await page.getByTestId('end-meeting').waitFor();
  await page.clock.install();
  await holdTheClock(page);
  for (const name of PEOPLE) await callRoom(room, 'POST', `/api/v1/meetings/${id}/checkins`, { name, walkIn: true });
  await toast().getByText('Ada Lovelace checked in').waitFor();

  await setLanguage(page, 'zh-CN');
  await toast().getByText('Ada Lovelace 已签到').waitFor({ timeout: 5_000 });

  await callRoom(room, 'POST', `/api/v1/meetings/${id}/end`);
  await page.locator('end-summary').waitFor();
  // Let the page run every timer that was due, then look: nothing about the ended meeting's check-ins.
  await page.clock.runFor(1_000);
  const shown = (await toast().count()) > 0 ? await toast().innerText() : '';
  expect(shown).not.toMatch(/checked in|已签到/);
  expect(opened!.errors).toEqual([]);
});

/**
 * A room slow to answer a new panel (a busy mini-PC): the panel's pairing request takes longer
 * than its 2 s poll. The panel must not ask a second time meanwhile — a late second answer
 * would replace the request the admin PIN approves, and the panel would wait on the other
 * one for ever, showing its code.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BrowserRoom, startBrowserRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const PIN = '864213';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let room: TestRoom;
let opened: BrowserRoom | undefined;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  opened = await startBrowserRoom({ configure: (c) => void (c.panel = { ...c.panel, adminPin: PIN }) });
  ({ room, browser } = opened);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-US' });
});

afterAll(async () => {
  // A held answer may still be on its way when the room closes: its handler's late fulfil is not the test's failure.
  await context?.unrouteAll({ behavior: 'ignoreErrors' });
  await opened?.close();
});

it('asks once while the room is slow, and is paired with the request the PIN approved', async () => {
  let asked = 0;
  let firstAnswered = false;
  let releaseSecond: (() => void) | undefined;
  await context.route('**/api/v1/panels/pair', async (route) => {
    const n = ++asked;
    const response = await route.fetch();
    // The first answer takes longer than the panel's poll; a second one would arrive just before the approval's.
    if (n === 1) await sleep(2_500);
    if (n === 2) await new Promise<void>((release) => (releaseSecond = release));
    await route.fulfill({ response });
    if (n === 1) firstAnswered = true;
  });
  await context.route('**/api/v1/panels/pair/approve', async (route) => {
    const response = await route.fetch();
    releaseSecond?.();
    await sleep(300);
    await route.fulfill({ response });
  });
  const page = await context.newPage();
  await page.goto(`${room.baseUrl}/`);
  await page.getByTestId('pair-with-pin').click();
  await waitFor(() => firstAnswered, 10_000, 'the slow answer to the pairing request');

  for (const digit of PIN) await page.getByTestId(`pin-${digit}`).click();
  await page.getByTestId('pin-ok').click();
  await page.locator('[data-testid="room-status"]').waitFor({ timeout: 10_000 });
  expect(await page.evaluate(() => localStorage.getItem('roomctl.token'))).toMatch(/^rcp_/);
  expect(asked).toBe(1);
}, 60_000);

/**
 * The meeting page on the phones people carry (360×640 and 390×844) in both languages: the
 * chair's controls, "Next speaker" among them, stay inside their card; and after "Add
 * decision", the "Decision: saved" bar lies over no control: the button just pressed is
 * still in sight, for the next decision, while the bar shows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';
import { controlsUnder, fitProblems, partsOutside, problemsAtEverySize } from '../helpers/panel-fit.js';
import { startBrowserRoom, type BrowserRoom } from '../helpers/panel-room.js';
import { callRoom } from '../helpers/test-room.js';

const FLOW = 'phone-meeting-page';
const PHONES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
] as const;

let opened: BrowserRoom | undefined;
let phone: Page;

beforeAll(async () => {
  opened = await startBrowserRoom();
  const { room } = opened;
  const { id } = await callRoom<{ id: string }>(room, 'POST', '/api/v1/bookings', { minutes: 60, title: 'Budget review' });
  await callRoom(room, 'POST', `/api/v1/meetings/${id}/start`);
  const context = await opened.browser.newContext({ viewport: PHONES[0], isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(8_000);
  phone = await context.newPage();
  await phone.goto((await callRoom<{ url: string }>(room, 'GET', `/api/v1/meetings/${id}/access`)).url);
  await phone.getByLabel('Your name').fill('Ada Lovelace');
  await phone.getByRole('button', { name: 'Check in', exact: true }).click();
  await phone.getByTestId('phone-checked-in').waitFor();
  mkdirSync(join(SCREENSHOT_ROOT, FLOW), { recursive: true });
}, 60_000);

afterAll(async () => {
  await opened?.close();
});

const shot = (step: string, size: { width: number; height: number }, locale: string) =>
  phone.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, `${step}-${size.width}x${size.height}-${locale}.png`) });

it('keeps the chair’s controls, "Next speaker" among them, inside their card', async () => {
  await phone.getByTestId('phone-chair').locator('summary').click();
  const problems = await problemsAtEverySize(phone, 'chair', PHONES, async () => {
    await phone.getByTestId('phone-next-speaker').scrollIntoViewIfNeeded();
    const size = phone.viewportSize()!;
    await shot('chair', size, await phone.evaluate(() => document.documentElement.lang));
    return partsOutside(phone, '[data-testid="phone-chair"]', 'button, input, select, textarea');
  });
  expect(problems).toEqual([]);
});

it('leaves "Add decision" in sight and pressable while "Decision: saved" shows', async () => {
  await phone.getByTestId('tab-decisions').click();
  const problems: string[] = [];
  for (const locale of ['en', 'zh-CN'] as const) {
    await setLanguage(phone, locale);
    for (const size of PHONES) {
      await phone.setViewportSize(size);
      const where = `${size.width}x${size.height} ${locale}`;
      await phone.getByTestId('new-decisions').fill(`Ship in March (${where})`);
      // As a person scrolls: only as far as the button, which then sits at the window's foot.
      await phone.getByTestId('add-decisions').evaluate((button) => button.scrollIntoView({ block: 'end' }));
      await phone.getByTestId('add-decisions').click();
      await phone.getByTestId('list-decisions').getByText(`Ship in March (${where})`).waitFor();
      await phone.getByTestId('phone-saved').waitFor();
      await shot('decision-saved', size, locale);
      for (const control of await controlsUnder(phone, 'phone-saved')) problems.push(`${where}: ${control} under the saved bar`);
      for (const p of await fitProblems(phone, ['add-decisions'])) problems.push(`${where}: add-decisions ${p.problem}`);
    }
  }
  await setLanguage(phone, 'en');
  expect(problems).toEqual([]);
});

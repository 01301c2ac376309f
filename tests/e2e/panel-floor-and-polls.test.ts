/**
 * The floor and a poll, in real Chromium against the demo room: a hand raised on a phone's
 * meeting page appears in the panel's queue; the chair gives the floor and opens a poll; two
 * phones vote once each, the chair adds the room's show of hands and closes the poll; the
 * count is on the panel, the phones, and in the minutes as a decision. The panel's steps are
 * photographed at every panel size in both languages (test-artifacts/screenshots/floor-and-polls/).
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep, expectAccessibleControls, SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { fitProblems } from '../helpers/panel-fit.js';
import { callRoom, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'floor-and-polls';
const PHONE = { width: 390, height: 844 };

let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let panel: Page;
let panelErrors: string[];
const phoneErrors: string[] = [];
let meetingUrl: string;
let meetingId: string;

const api = <T>(method: string, path: string, body?: unknown) => callRoom<T>(room, method, path, body);

/** A phone of its own that opened the meeting's QR code and checked in by name. */
async function phoneCheckedIn(name: string): Promise<Page> {
  const phone: BrowserContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'UTC' });
  // A step that does not come says which one, well inside the test's own time.
  phone.setDefaultTimeout(8_000);
  const page = await phone.newPage();
  page.on('pageerror', (error) => phoneErrors.push(error.message));
  await page.goto(meetingUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await page.getByTestId('phone-checked-in').waitFor();
  return page;
}

async function photographPhone(page: Page, step: string): Promise<void> {
  for (const locale of ['en', 'zh-CN'] as const) {
    await setLanguage(page, locale);
    await expectAccessibleControls(page, `${FLOW}/${step} phone ${locale}`);
    await page.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, `${step}-${PHONE.width}x${PHONE.height}-${locale}.png`), fullPage: true });
  }
  await setLanguage(page, 'en');
}

/** captureStep's four sizes, plus the 1024×600 panel the fit walk also uses; `mustFit` on screen without scrolling there, at 1280×800 and at 800×480. */
async function capture(page: Page, step: string, mustFit: readonly string[] = []): Promise<void> {
  await captureStep(page, FLOW, step);
  const problems: string[] = [];
  for (const locale of ['en', 'zh-CN'] as const) {
    await setLanguage(page, locale);
    for (const size of [
      { width: 1024, height: 600 },
      { width: 1280, height: 800 },
      { width: 800, height: 480 },
    ]) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await expectAccessibleControls(page, `${FLOW}/${step} ${size.width}x${size.height} ${locale}`);
      if (size.width === 1024) await page.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, `${step}-1024x600-${locale}.png`) });
      for (const p of await fitProblems(page, mustFit)) problems.push(`${size.width}x${size.height} ${locale}: ${p.testId} ${p.problem}`);
    }
  }
  await setLanguage(page, 'en');
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(problems).toEqual([]);
}

describe('panel and phones: raise a hand, give the floor, a poll counted once into the minutes', () => {
  let ada: Page;
  let bo: Page;

  beforeAll(async () => {
    opened = await openPanelRoom({
      beforeOpen: async (r) => {
        room = r;
        const meeting = await api<{ id: string }>('POST', '/api/v1/bookings', { minutes: 60, title: 'Budget review' });
        meetingId = meeting.id;
        await api('POST', `/api/v1/meetings/${meetingId}/start`);
        meetingUrl = (await api<{ url: string }>('GET', `/api/v1/meetings/${meetingId}/access`)).url;
      },
    });
    ({ browser, page: panel, errors: panelErrors } = opened);
    panel.setDefaultTimeout(8_000);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows a hand raised on a phone in the panel queue, and the chair gives that person the floor', async () => {
    ada = await phoneCheckedIn('Ada Lovelace');
    await ada.getByTestId('phone-raise-hand').click();
    await ada.getByTestId('phone-hand-up').filter({ hasText: '1 in line' }).waitFor();
    await photographPhone(ada, 'phone-1-hand-up');

    await panel.getByTestId('open-floor').filter({ hasText: 'Hands up: 1' }).waitFor();
    await capture(panel, '1-meeting-with-a-hand-up');
    await panel.getByTestId('open-floor').click();
    await panel.getByTestId('hand').filter({ hasText: 'Ada Lovelace' }).waitFor();
    await capture(panel, '2-queue');
    await panel.getByTestId('give-floor').click();
    await panel.getByTestId('speaker-name').filter({ hasText: 'Ada Lovelace' }).waitFor();
    await expect(panel.getByTestId('hand').count()).resolves.toBe(0);
    await ada.getByTestId('phone-speaking').filter({ hasText: 'Ada Lovelace has the floor.' }).waitFor();
  });

  it('opens a poll on the panel; two phones vote once each, live on the panel; the show of hands adds the room', async () => {
    await panel.getByTestId('poll-question-input').fill('Approve the budget?');
    await panel.getByTestId('open-poll').click();
    await panel.getByTestId('poll-card').filter({ hasText: 'Approve the budget?' }).waitFor();

    bo = await phoneCheckedIn('Bo Chen');
    await ada.getByTestId('vote-yes').click();
    await ada.getByTestId('phone-voted').waitFor();
    await bo.getByTestId('vote-no').click();
    await bo.getByTestId('phone-voted').waitFor();
    await photographPhone(bo, 'phone-2-voted');
    await panel.locator('[data-testid="poll-count-yes"]').filter({ hasText: /^1$/ }).waitFor();
    await panel.locator('[data-testid="poll-count-no"]').filter({ hasText: /^1$/ }).waitFor();

    // Ada's phone, its memory of the vote lost: the second vote is refused with words, not counted.
    const again = await ada.context().newPage();
    await again.goto(meetingUrl);
    await again.evaluate(() => localStorage.removeItem('roomctl.voted'));
    await again.reload();
    await again.getByTestId('vote-no').click();
    await again.getByTestId('phone-floor-message').filter({ hasText: 'You have voted in this poll already: one vote each.' }).waitFor();
    // In the phone's language, never the room's English message.
    await setLanguage(again, 'zh-CN');
    await again.evaluate(() => localStorage.removeItem('roomctl.voted'));
    await again.reload();
    await again.getByTestId('vote-no').click();
    await again.getByTestId('phone-floor-message').filter({ hasText: '您已在本次表决中投过票：每人一票。' }).waitFor();
    await setLanguage(again, 'en');
    await again.close();

    await panel.getByTestId('count-hands').click();
    await panel.getByLabel('Yes', { exact: true }).fill('2');
    await panel.getByTestId('save-hands').click();
    await panel.locator('[data-testid="poll-count-yes"]').filter({ hasText: /^3$/ }).waitFor();
    await capture(panel, '3-poll-open', ['close-poll', 'count-hands']);
  });

  it('closes the poll: the count is final on the panel and the phones, and is a decision in the minutes', async () => {
    await panel.getByTestId('close-poll').click();
    await panel.getByTestId('poll-outcome').filter({ hasText: 'Approved 3–1' }).waitFor();
    await capture(panel, '4-poll-closed');
    await ada.getByTestId('poll-outcome').filter({ hasText: 'Approved 3–1' }).waitFor();
    // Nobody waits: "next" ends Ada's turn, and the minutes list it.
    await panel.getByTestId('floor-next').filter({ hasText: 'End this turn' }).click();
    await panel.getByTestId('floor-speaking').filter({ hasText: 'Nobody has the floor.' }).waitFor();

    await panel.getByTestId('nav-minutes').click();
    await panel.getByTestId('tab-decisions').click();
    await panel.getByTestId('list-decisions').filter({ hasText: 'Approve the budget? — Approved 3–1' }).waitFor();
    // A Chinese panel words the poll's decision and who recorded it in Chinese, not in the minutes' English.
    await setLanguage(panel, 'zh-CN');
    const decisions = panel.getByTestId('list-decisions');
    await decisions.filter({ hasText: 'Approve the budget? — 通过（3 票赞成，1 票反对）' }).waitFor();
    expect(await decisions.textContent()).not.toMatch(/Approved|· poll/);
    await setLanguage(panel, 'en');
    await capture(panel, '5-minutes-decision');
    // The Markdown the minutes email carries.
    const markdown = await (
      await fetch(`${room.baseUrl}/api/v1/meetings/${meetingId}/minutes.md`, { headers: { authorization: `Bearer ${room.token}` } })
    ).text();
    expect(markdown).toContain('## Decisions\n\n- Approve the budget? — Approved 3–1\n');
    expect(markdown).toMatch(/## Speakers\n\n1\. Ada Lovelace \(/);
  });

  it('lets the chair open and close a poll from a phone too', async () => {
    await ada.getByTestId('phone-chair').locator('summary').click();
    await ada.getByTestId('phone-chair').getByLabel('Question').fill('Lunch at noon?');
    await ada.getByTestId('phone-open-poll').click();
    await bo.getByTestId('phone-poll').filter({ hasText: 'Lunch at noon?' }).getByTestId('vote-yes').click();
    await panel.getByTestId('nav-home').click();
    await panel.getByTestId('open-floor').filter({ hasText: 'Poll open' }).waitFor();
    await ada.getByTestId('phone-close-poll').click();
    await ada.getByTestId('phone-poll').filter({ hasText: 'Lunch at noon?' }).getByTestId('poll-outcome').filter({ hasText: 'Approved 1–0' }).waitFor();
    expect(panelErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });
});

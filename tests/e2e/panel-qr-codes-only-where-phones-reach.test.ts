/**
 * A room reachable from its own machine only (loopback, no api.publicUrl) would show QR codes
 * carrying 127.0.0.1, which a phone opens nothing with: the panel shows, in place of each code,
 * words saying so and what to do, at every panel size in both languages, and no words send
 * people to their phones (check in here, correct the minutes here). A loopback address the
 * config names itself (api.publicUrl) is the person's choice: its codes are shown as ever —
 * and, as everywhere, only once the room has said phones reach it (no code before).
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { captureFitting } from '../helpers/panel-fit.js';

/** A text of the panel in each language, read with the panel's own switch (ends in English). */
async function inBothLanguages(page: Page, testId: string): Promise<string[]> {
  const texts: string[] = [];
  for (const locale of ['en', 'zh-CN'] as const) {
    await setLanguage(page, locale);
    texts.push((await page.getByTestId(testId).innerText()).trim());
  }
  await setLanguage(page, 'en');
  return texts;
}

const FLOW = 'qr-codes-only-where-phones-reach';

let opened: PanelRoom | undefined;

afterAll(async () => {
  await opened?.close();
});

describe('QR codes on a room phones cannot reach', { timeout: 120_000 }, () => {
  it('says phones cannot open the room in place of the booking, check-in and minutes codes', async () => {
    opened = await openPanelRoom();
    const { page } = opened;
    const words = page.getByTestId('no-phone-qr');

    await page.getByTestId('phone-qr').locator('no-phone-qr').waitFor();
    expect(await words.locator('p').allTextContents()).toEqual([
      'Phones cannot open this room: it answers on this machine only.',
      'Start it with --listen 0.0.0.0:8080, or set api.publicUrl in its config.',
    ]);
    expect(await page.locator('qr-code, booking-qr').count()).toBe(0);
    await captureFitting(page, FLOW, '1-idle', ['no-phone-qr', 'book-30']);

    await page.getByTestId('book-30').click();
    await page.getByTestId('start-meeting').waitFor();
    await page.getByTestId('checkin-instead').waitFor();
    expect(await page.locator('qr-code').count()).toBe(0);
    expect(await inBothLanguages(page, 'checkin-instead')).toEqual(['Check in here, or hold your badge to the reader.', '在这里签到，或将工牌靠近刷卡器。']);
    await captureFitting(page, FLOW, '2-check-in', ['checkin-instead', 'start-meeting', 'release']);

    await page.getByTestId('start-meeting').click();
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.locator('end-summary no-phone-qr').waitFor();
    expect(await page.locator('qr-code').count()).toBe(0);
    // The minutes are held for corrections: where to make them, never on a phone.
    await page.getByTestId('summary-sending').filter({ hasText: /\d/ }).waitFor();
    const [en, zh] = await inBothLanguages(page, 'summary-sending');
    expect(en).toMatch(/^The minutes go out at \d{2}:\d{2}\. Until then, correct them here\.$/);
    expect(zh).toMatch(/^纪要将于 \d{1,2}:\d{2} 发出；在此之前可在这里修改。$/);
    await captureFitting(page, FLOW, '3-summary', ['no-phone-qr', 'summary-send']);
    await opened.close();
    opened = undefined;
  });

  it('shows the codes when the config names a public URL, even a loopback one, once the room has said so', async () => {
    opened = await openPanelRoom({ configure: (c) => void (c.api.publicUrl = 'http://127.0.0.1:9') });
    const { page, context } = opened;
    await page.locator('booking-qr[data-url] qr-code img').waitFor();
    expect(await page.locator('booking-qr').getAttribute('data-url')).toMatch(/^http:\/\/127\.0\.0\.1:9\/book#code=/);
    expect(await page.getByTestId('no-phone-qr').count()).toBe(0);

    // Opened again with the room's answer held back: the idle screen is up, with no code and no words of one.
    let answer!: () => void;
    const heldUntil = new Promise<void>((resolve) => (answer = resolve));
    await context.route('**/api/v1/panel/info', async (route) => {
      await heldUntil;
      await route.continue();
    });
    const asked = page.waitForRequest('**/api/v1/panel/info');
    await page.reload();
    await asked;
    await page.getByTestId('book-30').waitFor();
    expect(await page.locator('booking-qr, qr-code, no-phone-qr').count()).toBe(0);
    expect(await page.getByTestId('phone-qr').count()).toBe(0);
    answer();
    await page.locator('booking-qr[data-url] qr-code img').waitFor();
  });
});

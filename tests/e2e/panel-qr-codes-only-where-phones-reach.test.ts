/**
 * A room reachable from its own machine only (loopback, no api.publicUrl) would show QR codes
 * carrying 127.0.0.1, which a phone opens nothing with: the panel shows, in place of each code,
 * words saying so and what to do, at every panel size in both languages. A loopback address the
 * config names itself (api.publicUrl) is the person's choice: its codes are shown as ever.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { captureFitting } from '../helpers/panel-fit.js';

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
    await words.waitFor();
    expect(await page.locator('qr-code').count()).toBe(0);
    await captureFitting(page, FLOW, '2-check-in', ['no-phone-qr', 'start-meeting']);

    await page.getByTestId('start-meeting').click();
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.locator('end-summary no-phone-qr').waitFor();
    expect(await page.locator('qr-code').count()).toBe(0);
    await captureFitting(page, FLOW, '3-summary', ['no-phone-qr', 'summary-send']);
    await opened.close();
    opened = undefined;
  });

  it('shows the codes when the config names a public URL, even a loopback one', async () => {
    opened = await openPanelRoom({ configure: (c) => void (c.api.publicUrl = 'http://127.0.0.1:9') });
    const { page } = opened;
    await page.locator('booking-qr[data-url] qr-code img').waitFor();
    expect(await page.locator('booking-qr').getAttribute('data-url')).toMatch(/^http:\/\/127\.0\.0\.1:9\/book#code=/);
    expect(await page.getByTestId('no-phone-qr').count()).toBe(0);
  });
});

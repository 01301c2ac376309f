/**
 * Someone guesses the admin PIN on the panel. The server checks each guess, counts down the
 * tries, and after the fifth wrong one locks the admin view — for everyone, the right PIN
 * included — while the panel shows the lock and disables its keypad.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import type { TestRoom } from '../helpers/test-room.js';

const FLOW = 'admin-lockout';
const PIN = '482916';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;

async function enter(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-${digit}`).click();
  await page.getByTestId('pin-ok').click();
}

describe('panel: admin PIN wrong five times', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ configure: (c) => void (c.panel = { ...c.panel, adminPin: PIN }) });
    ({ room, page } = opened);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-pin').waitFor();
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('counts down the tries left after each wrong PIN', async () => {
    await enter('1111');
    await page.getByTestId('pin-message').filter({ hasText: 'Wrong PIN. 4 tries left.' }).waitFor();
    await captureStep(page, FLOW, '1-wrong-pin');
    for (const left of [3, 2, 1]) {
      await enter('1111');
      await page
        .getByTestId('pin-message')
        .filter({ hasText: `${left} tries left` })
        .waitFor();
    }
  });

  it('locks the admin view at the fifth wrong PIN: keypad disabled, and the server refuses even the right PIN', async () => {
    await enter('1111');
    await page.locator('[data-testid="admin-pin"][data-locked="true"]').waitFor();
    await page.getByTestId('pin-message').filter({ hasText: 'Too many wrong PINs' }).waitFor();
    expect(await page.getByTestId('pin-4').isDisabled()).toBe(true);
    await captureStep(page, FLOW, '2-locked');

    const answer = await fetch(`${room.baseUrl}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pin: PIN }),
    });
    expect(answer.status).toBe(429);
    const body = (await answer.json()) as { code: string; details: { retryAfterSeconds: number } };
    expect(body.code).toBe('ROOMCTL_E_LOCKED_OUT');
    expect(body.details.retryAfterSeconds).toBeGreaterThan(20);
    // Nor does an admin route open without a session.
    expect((await fetch(`${room.baseUrl}/api/v1/admin/overview`)).status).toBe(403);
  });
});

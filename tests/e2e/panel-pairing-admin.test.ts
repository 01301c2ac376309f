/**
 * A new panel is paired and later unpaired. It shows its code; IT approves it with the admin
 * PIN on the panel itself; the panel then holds its own credential, which runs room actions
 * but not admin ones. In the admin view (PIN again) IT sees the devices and their health,
 * restarts one, reads the recent logs, and unpairs the panel — which is refused at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'pairing-admin';
const PIN = '246810';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];

async function enterPin(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-${digit}`).click();
  await page.getByTestId('pin-ok').click();
}

describe('panel: pairing, admin view, unpairing', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ logsInRingOnly: true, configure: (c) => void (c.panel = { ...c.panel, adminPin: PIN }), unpaired: true });
    ({ room, page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows its pairing code and is paired with the admin PIN entered on the panel', async () => {
    const code = await page.getByTestId('pair-code').textContent();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The room answered: an unpaired panel says what to do, not "connecting…" for ever.
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    await page.getByTestId('pair-with-pin').click();
    await captureStep(page, FLOW, '1-pairing');
    await enterPin(PIN);
    await page.locator('[data-testid="room-status"]').waitFor({ timeout: 10_000 });
    const token = await page.evaluate(() => localStorage.getItem('roomctl.token'));
    expect(token).toMatch(/^rcp_/);
  });

  it('runs room actions with its panel credential, but not admin ones', async () => {
    const token = (await page.evaluate(() => localStorage.getItem('roomctl.token')))!;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${room.baseUrl}/api/v1/room/mute`, { method: 'POST', headers, body: '{"on":false}' })).status).toBe(200);
    expect((await fetch(`${room.baseUrl}/api/v1/admin/overview`, { headers })).status).toBe(403);
  });

  it('opens the admin view with the PIN: devices and their health, restart, logs', async () => {
    await page.getByTestId('nav-admin').click();
    await enterPin(PIN);
    await page.getByTestId('admin-device-display').waitFor();
    await waitFor(async () => (await page.getByTestId('admin-device-display').getAttribute('data-status')) === 'ok', 10_000, 'the display ok');
    await captureStep(page, FLOW, '2-admin-devices');
    await page.getByTestId('restart-display').click();
    await waitFor(
      async () => ((await fetch(`${room.baseUrl}/api/v1/devices/display`).then((r) => r.json())) as { status: string; detail: string | null }).status === 'ok',
      10_000,
      'the display back after its restart',
    );
    await page.getByTestId('admin-tab-logs').click();
    await page.getByTestId('admin-logs').getByText('device status').first().waitFor();
    await page.getByTestId('admin-tab-panels').click();
    await page.getByTestId('paired-panel').waitFor();
    await captureStep(page, FLOW, '3-admin-panels');
  });

  it('unpairs this panel: its credential is refused at once and it asks to be paired again', async () => {
    const token = (await page.evaluate(() => localStorage.getItem('roomctl.token')))!;
    await page.getByTestId('unpair').click();
    await waitFor(
      async () =>
        (
          await fetch(`${room.baseUrl}/api/v1/room/mute`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{"on":false}',
          })
        ).status === 401,
      3_000,
      'the credential refused',
    );
    // The room closes the unpaired panel's stream (within its 5 s check), and the panel asks to be paired again.
    await page.getByTestId('pair-code').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => localStorage.getItem('roomctl.token'))).toBeNull();
    expect(errors).toEqual([]);
  });
});

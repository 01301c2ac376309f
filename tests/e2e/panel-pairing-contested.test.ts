/**
 * Someone else typed a waiting panel's code. The admin view says so before anyone approves:
 * the waiting panel shows where it asked from and how many clients asked with its code, and
 * approving it from there pairs that request — the one the admin saw.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const PIN = '579135';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;

async function pair(from: string): Promise<{ status: number; body: { requestId?: string; claim?: string; code?: string } }> {
  const res = await room.demo.appliance.server.inject({
    method: 'POST',
    url: '/api/v1/panels/pair',
    payload: { code: 'WAIT-2345', name: 'Door panel' },
    remoteAddress: from,
  });
  return { status: res.statusCode, body: res.json() };
}

describe('panel admin: a contested pairing code', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ configure: (c) => void (c.panel = { ...c.panel, adminPin: PIN }) });
    ({ room, page } = opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('shows how many clients asked with the code and from where, and approves the request it showed', async () => {
    const panel = await pair('10.50.0.5');
    expect((await pair('10.50.0.66')).body.code).toBe('ROOMCTL_E_PAIRING_TAKEN');

    await page.getByTestId('nav-admin').click();
    for (const digit of PIN) await page.getByTestId(`pin-${digit}`).click();
    await page.getByTestId('pin-ok').click();
    await page.getByTestId('admin-tab-panels').click();
    const waiting = page.getByTestId('waiting-panel');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('from 10.50.0.5');
    expect(await page.getByTestId('asked-by').textContent()).toContain('2 clients asked with this code');
    await captureStep(page, 'pairing-contested', '1-two-asked');

    await waiting.getByRole('button', { name: /Approve panel/ }).click();
    await waitFor(
      async () => {
        const res = await room.demo.appliance.server.inject({
          method: 'POST',
          url: '/api/v1/panels/pair/claim',
          payload: { requestId: panel.body.requestId, claim: panel.body.claim },
        });
        return (res.json() as { status: string }).status === 'approved';
      },
      5000,
      'the first request approved',
    );
  });
});

/**
 * The walking skeleton end to end: a person presses the "Table" preset (preset 2) of the
 * front camera on the touch panel (real Chromium, the built panel served by the appliance),
 * and the VISCA preset-recall command for preset 2 reaches the camera over a real serial PTY.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsBytes, expectAccessibleControls, PORTRAIT_VIEWPORTS, VIEWPORTS } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

/** VISCA "CAM_Memory Recall" for preset 2 on camera address 1. */
const RECALL_PRESET_2 = [0x81, 0x01, 0x04, 0x3f, 0x02, 0x02, 0xff];

let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];

describe('panel: a preset button moves the camera', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it("keeps the token out of the address bar and in the panel's storage", async () => {
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('roomctl.token'))).toBe(room.token);
  });

  it('sends VISCA preset recall 2 to the camera when "Table" is pressed', async () => {
    await page.getByTestId('nav-controls').click();
    await waitFor(
      async () => ((await fetch(`${room.baseUrl}/api/v1/devices/cam-front`).then((r) => r.json())) as { status: string }).status === 'ok',
      15_000,
      'the front camera ok',
    );
    const button = page.getByTestId('preset-2');
    expect((await button.textContent())?.trim()).toBe('Table');
    await button.click();
    const sent = await waitFor(() => containsBytes(room.camera.received, RECALL_PRESET_2), 3_000, 'VISCA preset recall 2 at the camera').catch(() => false);
    expect(sent).toBe(true);
    const toast = page.getByTestId('toast');
    await toast.filter({ hasText: 'Table' }).waitFor({ timeout: 3_000 });
    expect(await toast.getAttribute('data-tone')).toBe('ok');
  });

  it('gives every control an accessible name and a touch-sized target, at 1280×800 and 800×480, landscape and portrait', async () => {
    for (const viewport of [...VIEWPORTS, ...PORTRAIT_VIEWPORTS]) {
      await page.setViewportSize(viewport);
      await expectAccessibleControls(page, `controls ${viewport.width}x${viewport.height}`);
    }
    expect(errors).toEqual([]);
  });
});

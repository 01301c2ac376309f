/**
 * Every control of the Controls screen is in reach without scrolling — the camera's and the
 * room's, each display's input list — with every device fine, with the front camera
 * unplugged, and with every device of the room down, at each panel size in both languages.
 * "In reach": whole inside the window and every box that clips it, and (when it takes
 * presses) nothing lies over it. Three sizes by default (the shortest, the narrowest and
 * the largest); every size with ROOMCTL_FULL=1.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlsOutOfReach, FIT_SIZES, problemsAtEverySize } from '../helpers/panel-fit.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const SIZES = process.env.ROOMCTL_FULL === '1' ? FIT_SIZES : FIT_SIZES.filter((s) => [800, 480, 1280].includes(s.width) && s.height !== 1280);
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;

const devices = async () => (await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as { id: string; status: string; driver: string }[];

/** Both halves (one at a time on small panels, behind their tabs), at every size in both languages. */
async function outOfReach(state: string, withInputList: boolean): Promise<string[]> {
  return problemsAtEverySize(page, state, SIZES, async () => {
    const found: string[] = [];
    for (const half of ['camera', 'room'] as const) {
      const tab = page.getByTestId(`controls-tab-${half}`);
      if (await tab.isVisible()) await tab.click();
      else if (half === 'room') continue; // both halves side by side: already measured
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const p of await controlsOutOfReach(page)) found.push(`${half} half: ${p}`);
      if (!withInputList || (half === 'camera' && (await tab.isVisible()))) continue;
      // The longest list (the signage's nine inputs), opened: every input and its Close in reach.
      await page.getByTestId('input-pick-signage').click();
      const list = page.getByTestId('inputs-signage');
      await list.waitFor();
      for (const p of await controlsOutOfReach(page, 'inputs-signage')) found.push(`${half} half, input list: ${p}`);
      await page.getByTestId('inputs-close').click();
    }
    return found;
  });
}

describe('panel: every control of the Controls screen in reach, with devices fine and down', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, page } = opened);
    await waitFor(async () => (await devices()).every((d) => d.status === 'ok'), 30_000, 'every device of the room ok');
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('joystick').waitFor();
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('reaches every control with every device fine, the input lists too', { timeout: 120_000 }, async () => {
    expect(await outOfReach('all fine', true)).toEqual([]);
  });

  it('reaches every control with the front camera unplugged: the other cameras, the zoom keys, the displays', { timeout: 120_000 }, async () => {
    await room.demo.cameraLink.unplug();
    await page.locator('[data-testid="device-alerts"] [data-device="cam-front"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('camera-unavailable').waitFor({ state: 'attached' });
    expect(await outOfReach('front camera down', false)).toEqual([]);
  });

  it('reaches every control with every device of the room down, each saying why it is off', { timeout: 120_000 }, async () => {
    await room.display.close();
    for (const simulator of room.demo.simulators.values()) await (simulator as { close(): Promise<void> }).close();
    // The media signals are the room's own pipeline, not devices with a simulator.
    await waitFor(async () => (await devices()).filter((d) => !d.driver.startsWith('media-')).every((d) => d.status !== 'ok'), 30_000, 'every device down');
    await page.locator('[data-testid="display-signage"][data-usable="false"]').waitFor({ timeout: 10_000 });
    expect(await outOfReach('all down', false)).toEqual([]);
    expect(await page.getByTestId('display-signage').textContent()).toContain('Door signage cannot be used right now, so its controls are off.');
  });
});

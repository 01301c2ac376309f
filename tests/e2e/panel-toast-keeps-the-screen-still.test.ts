/**
 * While a toast shows, the screen below stays where it was: every control — the bottom row
 * too — in view, in place and free to press. Real toasts (an extension on the meeting screen,
 * a preset on the Controls screen) at every panel size in both languages, with the page's
 * clock standing still while each is looked at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlsOutOfReach, FIT_SIZES, problemsAtEverySize } from '../helpers/panel-fit.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { tapAwayToasts } from '../helpers/panel-toasts.js';
import { callRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;

const shownToast = () => page.locator('[data-testid="toast"]:not([hidden])');

/** Where each control of the screen (the panel's nav bar aside) sits: "name x,y". */
const controlPlaces = () =>
  page.locator('room-panel main').evaluate((main) => {
    const found: string[] = [];
    const walk = (root: Element | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!el.matches('button, input, [role="button"]') || el.getClientRects().length === 0) continue;
        const r = el.getBoundingClientRect();
        found.push(`${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 20)} ${Math.round(r.left)},${Math.round(r.top)}`);
      }
    };
    walk(main);
    return found;
  });

/** At every size in both languages: `press` brings a toast; nothing moves and every control stays in reach while it shows. */
async function stillUnderToasts(screen: string, press: () => Promise<void>): Promise<string[]> {
  return problemsAtEverySize(page, screen, FIT_SIZES, async () => {
    const found: string[] = [];
    await tapAwayToasts(page);
    const before = await controlPlaces();
    for (const p of await controlsOutOfReach(page)) found.push(`before the toast: ${p}`);
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    try {
      await press();
      await shownToast().waitFor();
      const moved = (await controlPlaces()).filter((place) => !before.includes(place));
      if (moved.length > 0) found.push(`moved while the toast shows: ${moved.join('; ')}`);
      for (const p of await controlsOutOfReach(page)) found.push(`with the toast: ${p}`);
      await tapAwayToasts(page);
    } finally {
      await page.clock.resume();
    }
    return found;
  });
}

describe('panel: a toast keeps the screen still', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, page } = opened);
    await page.clock.install();
    await callRoom(room, 'POST', '/api/v1/bookings', { minutes: 30, title: 'Design review' });
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('extend-15').waitFor();
    await waitFor(async () => (await callRoom<{ status: string }>(room, 'GET', '/api/v1/devices/cam-front')).status === 'ok', 15_000, 'the front camera ok');
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('keeps the meeting screen in place and in reach while "Meeting extended" shows', { timeout: 60_000 }, async () => {
    expect(await stillUnderToasts('meeting', () => page.getByTestId('extend-15').click())).toEqual([]);
  });

  it('keeps the Controls screen in place and in reach while a preset’s toast shows', { timeout: 60_000 }, async () => {
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('joystick').waitFor({ state: 'attached' });
    // A preset tile is on the camera half (behind its tab on small panels, chosen again at each size).
    const press = async () => {
      const tab = page.getByTestId('controls-tab-camera');
      if (await tab.isVisible()) await tab.click();
      await page.getByTestId('preset-2').click();
    };
    expect(await stillUnderToasts('controls', press)).toEqual([]);
  });
});

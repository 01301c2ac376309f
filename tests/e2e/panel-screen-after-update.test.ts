/**
 * A panel left open across an update of the room: the help screen's file that the old page
 * names is gone (each build names its files anew). The panel must not show an empty screen
 * where Help should be: it reloads onto the build the room serves now, and Help works. In
 * real Chromium; the gone file is the room answering 404 for it until the page reloads.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';

let opened: PanelRoom | undefined;
let page: Page;

beforeAll(async () => {
  opened = await openPanelRoom();
  ({ page } = opened);
  await page.locator('[data-testid="room-status"][data-state="free"]').waitFor();
});

afterAll(async () => {
  await opened?.close();
});

it('reloads onto the new build when a screen of the old one is gone, and Help works', async () => {
  let reloaded = false;
  await page.route('**/assets/help-screen-*.js', (route) => (reloaded ? route.continue() : route.fulfill({ status: 404, body: '' })));
  const reload = page.waitForEvent('load', { timeout: 10_000 });
  await page.getByTestId('nav-help').click();
  await reload;
  reloaded = true;
  await page.getByTestId('room-name').waitFor();
  await page.getByTestId('nav-help').click();
  await page.getByTestId('call-help').waitFor();
  expect(await page.getByTestId('call-help').isVisible()).toBe(true);
});

/**
 * Camera presets as named pictures, in real Chromium against the demo room: the preset tiles
 * start as named buttons with a camera icon; holding "Table" for 1.5 s asks to save the
 * current view, the VISCA save reaches the serial camera, and the tile then shows the still
 * (the demo's media picture stands for the front camera); the ONVIF rear camera's tile gets
 * the camera's own snapshot; the meeting screen's quick controls show the same stills.
 * Each step is photographed at both panel sizes in both languages
 * (test-artifacts/screenshots/preset-thumbnails/).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep, containsBytes } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'preset-thumbnails';
/** VISCA "CAM_Memory Set" and "CAM_Memory Recall" for preset 2 ("Table" in the demo config) on camera 1. */
const SAVE_PRESET_2 = [0x81, 0x01, 0x04, 0x3f, 0x01, 0x02, 0xff];
const RECALL_PRESET_2 = [0x81, 0x01, 0x04, 0x3f, 0x02, 0x02, 0xff];

let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];

/** Presses and holds a tile with the mouse, as a finger would, for `ms`. */
async function hold(tile: Locator, ms: number): Promise<void> {
  await tile.scrollIntoViewIfNeeded();
  const box = (await tile.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/** The tile's picture once it has loaded and decoded: its natural width. */
async function pictureWidth(testId: string): Promise<number> {
  const img = page.getByTestId(testId);
  return waitFor(
    async () => ((await img.count()) > 0 ? img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)) : 0),
    15_000,
    `${testId} to show a picture`,
  );
}

const deviceView = async (id: string) =>
  (await (await fetch(`${room.baseUrl}/api/v1/devices/${id}`)).json()) as { status: string; presetStills?: { preset: number; version: string }[] };

describe('panel: camera presets as named thumbnails', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, page, errors } = opened);
    await waitFor(async () => (await deviceView('cam-front')).status === 'ok' && (await deviceView('cam-rear')).status === 'ok', 15_000, 'the cameras ok');
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows each preset as a named tile with a camera icon while it has no still', async () => {
    await page.getByTestId('nav-controls').click();
    const table = page.getByTestId('preset-2');
    await table.waitFor();
    // The accessible name is the preset's name: the picture (or icon) says nothing to a screen reader.
    expect(await page.getByRole('button', { name: 'Table', exact: true }).getAttribute('data-testid')).toBe('preset-2');
    expect(await page.locator('[data-testid^="preset-still-"]').count()).toBe(0);
    await captureStep(page, FLOW, '1-named-tiles');
  });

  it('a short press recalls; letting go before 1.5 s or cancelling saves nothing', async () => {
    const tile = page.getByTestId('preset-2');
    const dialog = page.getByTestId('preset-save-dialog');
    await hold(tile, 600);
    expect(await dialog.isVisible()).toBe(false);
    await waitFor(() => containsBytes(room.camera.received, RECALL_PRESET_2), 3_000, 'VISCA preset recall 2 at the camera');
    await hold(tile, 1700);
    await dialog.waitFor();
    await page.getByTestId('preset-save-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    // Esc, as any dialog.
    await hold(tile, 1700);
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(containsBytes(room.camera.received, SAVE_PRESET_2)).toBe(false);
  });

  it('holding "Table" asks first, then saves the preset and shows its new still', async () => {
    const dialog = page.getByTestId('preset-save-dialog');
    const open = async () => {
      await hold(page.getByTestId('preset-2'), 1700);
      await dialog.waitFor();
    };
    const close = async () => {
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    };
    await open();
    expect(await dialog.textContent()).toContain('“Table”');
    await captureStep(page, FLOW, '2-confirm-save', { open, close });
    await page.getByTestId('preset-save-confirm').click();
    await waitFor(() => containsBytes(room.camera.received, SAVE_PRESET_2), 3_000, 'VISCA preset save 2 at the camera');
    expect(await pictureWidth('preset-still-2')).toBeGreaterThan(0);
    expect(await page.getByTestId('preset-still-2').getAttribute('alt')).toBe('');
    expect(await page.getByRole('button', { name: 'Table', exact: true }).getAttribute('data-testid')).toBe('preset-2');
    await captureStep(page, FLOW, '3-still-shown');
  });

  it('saving again replaces the picture', async () => {
    const before = (await deviceView('cam-front')).presetStills?.find((s) => s.preset === 2)?.version;
    const oldSrc = await page.getByTestId('preset-still-2').getAttribute('src');
    await hold(page.getByTestId('preset-2'), 1700);
    await page.getByTestId('preset-save-confirm').click();
    await waitFor(async () => (await deviceView('cam-front')).presetStills?.find((s) => s.preset === 2)?.version !== before, 10_000, 'a new still');
    await waitFor(async () => (await page.getByTestId('preset-still-2').getAttribute('src')) !== oldSrc, 10_000, 'the tile to show the new still');
    expect(await pictureWidth('preset-still-2')).toBeGreaterThan(0);
  });

  it("the ONVIF rear camera's preset gets the camera's own snapshot", async () => {
    await page.getByTestId('camera-cam-rear').click();
    await hold(page.getByTestId('preset-1'), 1700);
    await page.getByTestId('preset-save-confirm').click();
    expect(await pictureWidth('preset-still-1')).toBe(256);
    await captureStep(page, FLOW, '4-onvif-snapshot');
  });

  it("the meeting screen's quick controls show the same stills", async () => {
    const headers = { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' };
    const booked = (await (
      await fetch(`${room.baseUrl}/api/v1/bookings`, { method: 'POST', headers, body: JSON.stringify({ minutes: 30, title: 'Design review' }) })
    ).json()) as { id: string };
    await fetch(`${room.baseUrl}/api/v1/meetings/${booked.id}/start`, { method: 'POST', headers: { authorization: headers.authorization } });
    await page.getByTestId('nav-home').click();
    await page.getByTestId('time-left').waitFor();
    expect(await pictureWidth('preset-still-2')).toBeGreaterThan(0);
    await captureStep(page, FLOW, '5-meeting-quick-controls');
    expect(errors).toEqual([]);
  });
});

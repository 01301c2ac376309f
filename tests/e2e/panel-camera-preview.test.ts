/**
 * The live picture beside the joystick, in real Chromium against the demo room (whose media
 * picture stands for the front camera, on demand): the controls screen shows what the front
 * camera sees as it arrives, read with the panel's credential in a header (the picture is a
 * blob, no token in any URL); other cameras get no picture; and the stream closes when the
 * person leaves the screen or the panel is too short to show it, so the pipeline can idle.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep, openPanel } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'camera-preview';
let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let page: Page;
let errors: string[];

const viewers = () => room.demo.appliance.core.media!.status().previewViewers;

/** The newest frame on screen: its natural width once decoded, and where it came from. */
async function shownFrame(): Promise<{ width: number; src: string }> {
  const img = page.locator('[data-testid="camera-preview"] img');
  return waitFor(
    async () =>
      (await img.count()) > 0
        ? img.evaluate((el: HTMLImageElement) => (el.complete && el.naturalWidth > 0 ? { width: el.naturalWidth, src: el.src } : null))
        : null,
    15_000,
    'a frame of the live picture',
  );
}

describe('panel: the live picture beside the joystick', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, browser, page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows what the front camera sees, frame after frame, with no credential in any URL', async () => {
    expect(viewers()).toBe(0);
    await page.getByTestId('nav-controls').click();
    const first = await shownFrame();
    expect(first.width).toBe(640);
    expect(first.src).toMatch(/^blob:/);
    // Frames keep coming: the picture on screen is replaced.
    await waitFor(async () => (await shownFrame()).src !== first.src, 5_000, 'a newer frame');
    expect(viewers()).toBe(1);
    expect(await page.locator('[data-testid="camera-preview"]').getAttribute('aria-label')).toBe('What Front camera sees, live');
    await captureStep(page, FLOW, '1-live-picture');
  });

  it('gives other cameras no picture, and closes the stream when it is not on screen', async () => {
    await page.getByTestId('camera-cam-rear').click();
    await page.locator('[data-testid="camera-preview"]').waitFor({ state: 'detached' });
    await waitFor(() => viewers() === 0, 5_000, 'the stream closed for the rear camera');

    await page.getByTestId('camera-cam-front').click();
    await shownFrame();
    await page.setViewportSize({ width: 800, height: 480 });
    await waitFor(() => viewers() === 0, 5_000, 'the stream closed on a short panel');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shownFrame();

    await page.getByTestId('nav-home').click();
    await waitFor(() => viewers() === 0, 5_000, 'the stream closed when the person left the controls');
    expect(errors).toEqual([]);
  });

  it('shows the picture on a paired panel too, with its own credential', async () => {
    const post = async (path: string, body: unknown) =>
      (
        await fetch(`${room.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      ).json() as Promise<Record<string, string>>;
    const asked = await post('/api/v1/panels/pair', { code: 'K7QM-4XPA', name: 'Table panel' });
    await post('/api/v1/panels/pair/approve', { code: 'K7QM-4XPA', pin: room.demo.adminPin });
    const { token } = await post('/api/v1/panels/pair/claim', { requestId: asked.requestId, claim: asked.claim });
    expect(token).toMatch(/^rcp_/);
    const paired = await openPanel(browser, room.baseUrl, token!);
    page = paired.page;
    await page.getByTestId('nav-controls').click();
    expect((await shownFrame()).width).toBe(640);
    expect(paired.errors).toEqual([]);
    await paired.context.close();
  });
});

/**
 * A broken device is visible before anyone touches it. The front camera's cable is pulled
 * (its real PTY link goes away) and the display stops answering: the Room and Controls
 * screens (door and meeting views) say so in plain words, live; the camera's joystick and
 * presets and the display's buttons are off and say why; a refusal from a device reads as words, never as an error
 * code or a /tmp path — those are in the admin view only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'device-trouble';
const PIN = '246810';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];
const recalls: string[] = [];

const statusOf = async (id: string) => ((await (await fetch(`${room.baseUrl}/api/v1/devices/${id}`)).json()) as { status: string }).status;
const action = (id: string, name: string, body: unknown) =>
  fetch(`${room.baseUrl}/api/v1/devices/${id}/actions/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** What a person in the room can read (the admin view aside): no codes, no file paths. */
async function expectNoDeveloperWords(): Promise<void> {
  const text = await page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Node) => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    };
    walk(document.body);
    return parts.join(' ');
  });
  expect(text).not.toMatch(/ROOMCTL_E_|PANEL_E_|\/tmp\/|\/dev\//);
}

describe('panel: devices in trouble are shown in plain words and their controls are off', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ configure: (c) => void (c.panel = { ...c.panel, adminPin: PIN }) });
    ({ room, page, errors } = opened);
    page.on('request', (r) => {
      if (r.url().includes('/actions/preset.recall')) recalls.push(r.url());
    });
    await waitFor(
      async () => ((await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as { status: string }[]).every((d) => d.status === 'ok'),
      30_000,
      'every device of the room ok',
    );
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('says nothing while every device is fine', async () => {
    await page.getByTestId('room-state').waitFor();
    await waitFor(async () => (await page.getByTestId('device-alerts').count()) === 0, 10_000, 'no device alert');
  });

  it('words a device’s refusal for people: no code, no path', async () => {
    // Idempotent, so asked again if a loaded machine made the camera's link blink at that moment.
    await waitFor(async () => (await action('cam-front', 'power', { on: false })).status === 200, 10_000, 'the camera in standby');
    await page.getByTestId('nav-controls').click();
    await waitFor(async () => (await page.getByTestId('camera-body').getAttribute('aria-disabled')) === null, 10_000, 'the camera controls on');
    await page.getByTestId('preset-2').click();
    const toast = page.locator('[data-testid="toast"][data-tone="error"]');
    await toast.waitFor({ timeout: 5_000 });
    expect(await toast.textContent()).toContain('Front camera refused: it may be switched off or busy');
    await expectNoDeveloperWords();
    await toast.click();
    await waitFor(async () => (await action('cam-front', 'power', { on: true })).status === 200, 10_000, 'the camera on again');
  });

  it('shows the unplugged camera on the Room screen, live, in plain words', async () => {
    await room.demo.cameraLink.unplug();
    await page.getByTestId('nav-home').click();
    const line = page.locator('[data-testid="device-alerts"] li[data-device="cam-front"]');
    await line.waitFor({ timeout: 15_000 });
    expect(await line.textContent()).toContain('Front camera is offline — facilities have been told.');
    await expectNoDeveloperWords();
    await captureStep(page, FLOW, '1-room');
  });

  it('turns the camera’s joystick and presets off on the Controls screen, and says why', async () => {
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('camera-unavailable').waitFor();
    expect(await page.getByTestId('camera-unavailable').textContent()).toContain('Front camera cannot be used right now, so its controls are off.');
    expect(await page.getByTestId('camera-body').getAttribute('aria-disabled')).toBe('true');
    // A press on a dead preset does nothing at all: no request, no developer toast.
    await page.getByTestId('preset-2').click({ force: true });
    await page.getByTestId('zoom-in').click({ force: true });
    expect(recalls).toEqual([expect.stringContaining('/devices/cam-front/actions/preset.recall')]);
    expect(await page.locator('[data-testid="toast"][data-tone="error"]').count()).toBe(0);
  });

  it('turns a dead display’s power and input buttons off, and lists it with the camera', async () => {
    await room.display.close();
    await waitFor(async () => (await statusOf('display')) === 'offline', 15_000, 'the display offline');
    const display = page.locator('[data-testid="display-display"][data-usable="false"]');
    await display.waitFor({ timeout: 10_000 });
    const buttons = display.locator('button');
    expect(await buttons.count()).toBeGreaterThan(2);
    for (const button of await buttons.all()) expect(await button.isDisabled()).toBe(true);
    expect(await display.textContent()).toContain('Display cannot be used right now, so its controls are off.');
    // The Controls screen says it in one sentence (each row says why its device is off): both named in what shows.
    await waitFor(
      async () => (await page.getByTestId('device-alerts').innerText()).includes('Not working: Front camera, Display — facilities have been told.'),
      10_000,
      'the display listed with the camera',
    );
    await expectNoDeveloperWords();
    await captureStep(page, FLOW, '2-controls');
  });

  it('turns the quick presets off on the meeting screen too', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('book-30').click();
    await page.getByLabel('Not on the list? Your name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('time-left').waitFor();
    await page.locator('[data-testid="device-alerts"] li[data-device="cam-front"]').waitFor();
    const tiles = page.locator('quick-controls preset-tiles[inert]');
    await tiles.waitFor();
    await page.locator('quick-controls').getByTestId('preset-1').click({ force: true });
    expect(recalls).toHaveLength(1);
    expect(await page.locator('quick-controls .unavailable').textContent()).toContain('Front camera cannot be used right now, so its controls are off.');
    await expectNoDeveloperWords();
    await captureStep(page, FLOW, '3-meeting');
  });

  it('keeps the codes and paths for the admin view', async () => {
    await page.getByTestId('nav-admin').click();
    for (const digit of PIN) await page.getByTestId(`pin-${digit}`).click();
    await page.getByTestId('pin-ok').click();
    const camera = page.getByTestId('admin-device-cam-front');
    await camera.waitFor();
    expect(await camera.textContent()).toMatch(/\/tmp\/|ROOMCTL_E_/);
    await page.getByTestId('nav-home').click();
  });

  it('brings the camera’s controls back when its cable is plugged in again', async () => {
    await room.demo.cameraLink.replug();
    await waitFor(async () => (await statusOf('cam-front')) === 'ok', 20_000, 'the camera back');
    await page.getByTestId('nav-controls').click();
    await waitFor(async () => (await page.getByTestId('camera-body').getAttribute('aria-disabled')) === null, 10_000, 'the camera controls on');
    expect(await page.locator('[data-testid="device-alerts"] li[data-device="cam-front"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

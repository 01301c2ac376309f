/**
 * The network goes away while a finger holds the camera joystick. The panel can no longer
 * send anything — not even stop — so the appliance's dead-man's switch must stop the camera
 * by itself once the heartbeats stop. Meanwhile the panel says it is offline, refuses what
 * cannot wait (a camera preset) and queues what can (the room mute), and sends it when the
 * network is back. Then: the page is closed mid-move — the camera stops as well.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processLogRing } from '../../appliance/log-ring.js';
import { captureStep, openPanel, type PanelPage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'network-cut';
let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let panel: PanelPage;

async function holdJoystickRight(p: PanelPage): Promise<void> {
  const stick = p.page.getByTestId('joystick');
  await stick.waitFor();
  const box = (await stick.boundingBox())!;
  await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await p.page.mouse.down();
  await p.page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.3, { steps: 3 });
  await waitFor(() => room.camera.camera.moving, 3_000, 'the camera to move');
}

describe('panel: network cut mid-joystick', () => {
  beforeAll(async () => {
    // The watchdog says so in the log when it stops a camera.
    opened = await openPanelRoom({ logsInRingOnly: true, logLevel: 'warn' });
    ({ room, browser } = opened);
    panel = opened;
    await panel.page.getByTestId('nav-controls').click();
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('stops the camera within about a second when the network drops while the joystick is held', async () => {
    await holdJoystickRight(panel);
    await panel.context.setOffline(true);
    const cutAt = performance.now();
    // The finger stays down: only the appliance can stop the camera now.
    await waitFor(() => !room.camera.camera.moving, 2_500, 'the camera to stop without the panel');
    const stoppedAfterMs = performance.now() - cutAt;
    expect(stoppedAfterMs).toBeLessThan(2_500);
    // It was the appliance's dead-man's switch (the panel could send nothing).
    expect(processLogRing.recent().some((l) => l.msg.startsWith('camera move not renewed in time') && l.source?.startsWith('move-watchdog') === true)).toBe(
      true,
    );
    await panel.page.getByTestId('offline-banner').waitFor();
    await panel.page.mouse.up();
  });

  it('refuses a camera preset while offline, queues the mute with a badge, and sends it when the network is back', async () => {
    const page = panel.page;
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    await page.locator('[data-testid="toast"][data-tone="error"]').filter({ hasText: 'not sent' }).waitFor();
    await page.getByTestId('room-mute').click();
    await page.getByTestId('queue-badge').filter({ hasText: '1 waiting to send' }).waitFor();
    await captureStep(page, FLOW, '1-offline-queued');

    await panel.context.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor(
      async () => ((await (await fetch(`${room.baseUrl}/api/v1/room/mute`)).json()) as { on: boolean }).on,
      5_000,
      'the queued mute to reach the room',
    );
    await page.getByTestId('queue-badge').waitFor({ state: 'detached' });
    expect(panel.errors).toEqual([]);
  });

  it('stops the camera when the page is closed mid-move', async () => {
    const second = await openPanel(browser, room.baseUrl, room.token);
    await second.page.getByTestId('nav-controls').click();
    await holdJoystickRight(second);
    await second.page.close();
    await waitFor(() => !room.camera.camera.moving, 2_500, 'the camera to stop after the page closed');
  });
});

/**
 * A help call from the panel carries the reason the person chose ("Display") as its message,
 * in the panel's English words. A facilities operator reading Chinese sees the reason in
 * Chinese on the issue, the alert and the room's events; a message the room wrote itself
 * stays as written (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FLEET_ZH_CN } from '../../panel-ui/src/fleet/fleet-zh-cn.js';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

/** The panel's "Video call" reason, as a Chinese-reading operator reads it. */
const VIDEO_CALL = '视频通话';
const SHOTS = join(SCREENSHOT_ROOT, 'fleet-help-reason');
const lab = fleetLabForThisFile();

it("words the panel's help reason in Chinese on the issue, the alert and the room's events", async () => {
  const room = await lab.mqttRoom();
  const at = new Date().toISOString();
  const help = (requestId: string, message: string) =>
    room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id: `ev-${requestId}`, at, type: 'help.requested', requestId, message }), { qos: 1 });
  await help('h-video', 'Video call');
  await help('h-own', 'Projector smells of smoke');
  await until(async () => (await lab.fleet.store.issues()).filter((i) => i.kind === 'help').length === 2, 10_000, 'both help calls at the fleet');
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  const issue = page.locator('fleet-issue-list[data-open] li[data-issue="h-video"]');
  await until(async () => (await issue.textContent().catch(() => ''))?.includes(FLEET_ZH_CN['Help call']!), 10_000, 'the help issue in Chinese');
  expect(await issue.textContent()).toContain(VIDEO_CALL);
  expect(await issue.textContent()).not.toContain('Video call');
  // The room's own words are not the panel's reasons: they stay as written.
  expect(await page.locator('fleet-issue-list[data-open] li[data-issue="h-own"]').textContent()).toContain('Projector smells of smoke');
  const alert = page.locator('fleet-alert-list li[data-alert="help/h-video"]');
  await until(async () => (await alert.textContent().catch(() => ''))?.includes(VIDEO_CALL), 10_000, 'the help alert with the reason in Chinese');
  expect(await alert.textContent()).not.toContain('Video call');
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const requested = page.locator('fleet-room-detail li[data-event="help.requested"]');
  await until(async () => (await requested.count()) === 2, 10_000, "the help calls in the room's events");
  expect(await requested.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(VIDEO_CALL)]));
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'help-1366x768-zh-CN.png'), fullPage: true });
  expect(lab.errors).toEqual([]);
}, 60_000);

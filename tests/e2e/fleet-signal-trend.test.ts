/**
 * A device's signal drawn next to its reply time in the room's history (Debian's Chromium,
 * the built dashboard, a real Mosquitto): the room's camera picture reports its frame rate
 * with every health message; over the last hour it fell from 25 to 2 fps; the dashboard
 * draws the fall as a small chart with the value now, in English and in Chinese. A device
 * that reports no signal (the projector) shows none.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-signal-trend');
let lab: FleetLab;
let fleet: FleetLab['fleet'];
let room: MqttClient;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startFleetLab();
  fleet = lab.fleet;
  room = await lab.mqttRoom({ 'media-video': { en: 'Room picture', 'zh-CN': '会议室画面' } });
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  // An hour of health messages, ten minutes apart (the fleet keeps one sample per 5 minutes).
  const now = Date.now();
  for (let i = 6; i >= 0; i--) {
    const at = now - i * 10 * 60_000;
    const fps = i > 2 ? 25 : i === 2 ? 12 : 2;
    const health = (metrics: Record<string, number>, signal?: { value: number; unit: string }) =>
      JSON.stringify({ status: 'ok', since: new Date(now - 3_600_000).toISOString(), detail: null, metrics, ...(signal ? { signal } : {}), at });
    await room.publishAsync('roomctl/hq/aurora/devices/media-video/health', health({ analysedFps: fps }, { value: fps, unit: 'fps' }), {
      qos: 1,
      retain: true,
    });
    await room.publishAsync('roomctl/hq/aurora/devices/display/health', health({ replyMs: 8 + i }), { qos: 1, retain: true });
  }
  await until(
    async () => (await fleet.sql.query('SELECT at FROM fleet_device_samples WHERE device_id = ?', ['media-video'])).length === 7,
    10_000,
    'seven signal samples stored',
  );
  page = await lab.dashboard({ operator: 'Ana Lima' });
}, 90_000);

afterAll(async () => lab?.close());

it("draws the camera picture's frame rate beside the reply times, with the value now, in both languages", async () => {
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const camera = page.locator('fleet-room-history tr[data-device-history="media-video"]');
  const chart = camera.locator('td[data-signal] svg[data-chart="signal"]');
  await chart.waitFor({ timeout: 10_000 });
  expect(await chart.getAttribute('aria-label')).toBe('Signal of Room picture: now 2 fps, from 2 to 25 in 7 days');
  expect(await camera.locator('[data-signal-now]').textContent()).toBe('2 fps');
  // Seven points, the last at the bottom of the box (the lowest value).
  const points = (await chart.locator('polyline').getAttribute('points'))!.split(' ');
  expect(points).toHaveLength(7);
  expect(Number(points.at(-1)!.split(',')[1])).toBeCloseTo(31, 0);
  // The projector reports a reply time and no signal.
  const display = page.locator('fleet-room-history tr[data-device-history="display"]');
  expect(await display.locator('[data-chart="reply-time"]').count()).toBe(1);
  expect(await display.locator('td[data-signal]').textContent()).toBe('—');
  await page.screenshot({ path: join(SHOTS, 'history-1440x1000-en.png'), fullPage: true });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await chart.getAttribute('aria-label'))?.startsWith('会议室画面 的信号'), 5000, 'the chart in Chinese');
  // Its column under the week's heading.
  expect(await page.locator('fleet-room-history th').allTextContents()).toContain('信号');
  expect(await page.locator('fleet-room-history h3').allTextContents()).toContain('最近 7 天');
  await page.screenshot({ path: join(SHOTS, 'history-1440x1000-zh-CN.png'), fullPage: true });
});

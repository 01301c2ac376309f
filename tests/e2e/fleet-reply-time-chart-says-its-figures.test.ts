/**
 * A device's reply times over the week, as the room's history draws them (Debian's Chromium,
 * the built dashboard, a real Mosquitto): a bar a day with the day's median in ms written over
 * it, "–" on a day the device gave no reading, and a key saying so, in English and in Chinese.
 * The chart was a bare line that said no figure at all.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-reply-time-chart');
const DAY = 86_400_000;
const lab = fleetLabForThisFile();

it("writes each day's median reply time over its bar, and says which days had no reading, in both languages", async () => {
  const room = await lab.mqttRoom({ display: { en: 'Projector', 'zh-CN': '投影机' } });
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  const health = JSON.stringify({ status: 'ok', since: new Date().toISOString(), detail: null, metrics: { replyMs: 9 }, at: new Date().toISOString() });
  await room.publishAsync('roomctl/hq/aurora/devices/display/health', health, { qos: 1, retain: true });
  await until(async () => (await lab.fleet.store.room('hq', 'aurora'))?.devices.some((d) => d.deviceId === 'display'), 10_000, 'the projector in the fleet');
  await until(async () => (await lab.fleet.sql.query('SELECT at FROM fleet_device_samples')).length === 1, 10_000, "the projector's first sample");
  await lab.fleet.sql.run('DELETE FROM fleet_device_samples');
  // The dashboard's days are UTC (the lab's browser): three samples a day six days ago to today, none four days ago.
  const now = Date.now();
  const today = now - (now % DAY);
  const medians = [12, 30, 0, 8, 150, 4.25, 20];
  for (const [i, median] of medians.entries()) {
    if (median === 0) continue;
    const day = today - (6 - i) * DAY;
    // Today's samples lie before now, whatever the hour.
    const at = i === 6 ? Math.max(day, now - 60_000) : day + 12 * 3_600_000;
    for (const [k, value] of [median - 1, median, median + 50].entries())
      await lab.fleet.sql.run('INSERT INTO fleet_device_samples (site, room, device_id, at, reply_ms) VALUES (?, ?, ?, ?, ?)', [
        'hq',
        'aurora',
        'display',
        at + k,
        value,
      ]);
  }
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const chart = page.locator('fleet-room-history tr[data-device-history="display"] [data-chart="reply-time"]');
  await chart.waitFor({ timeout: 10_000 });
  const figures = () => chart.locator('.day .figure').allInnerTexts();
  expect(await figures()).toEqual(['12', '30', '–', '8', '150', '4.3', '20']);
  // A bar for each day with a reading, the tallest the slowest day's.
  const heights = await chart.locator('.day').evaluateAll((days) => days.map((d) => d.querySelector('.bar')?.getBoundingClientRect().height ?? 0));
  expect(heights[2]).toBe(0);
  expect(Math.max(...heights)).toBe(heights[4]);
  expect(await chart.getAttribute('aria-label')).toMatch(/^Reply time of Projector, median a day: .+ 12 ms, .+ 30 ms, .+ no readings, .+ 20 ms$/);
  expect(await chart.locator('.day').nth(2).getAttribute('title')).toMatch(/: no readings$/);
  const key = page.locator('fleet-room-history [data-chart-key]');
  expect(await key.innerText()).toBe('Reply time: the median of each day in ms, today last; – a day without a reading.');
  mkdirSync(SHOTS, { recursive: true });
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'history-1366x768-en.png') });

  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await key.innerText()).startsWith('响应时间'), 5000, 'the key in Chinese');
  expect(await key.innerText()).toBe('响应时间：每天的中位数（毫秒），最右为今天；– 表示当天无读数。');
  expect(await chart.getAttribute('aria-label')).toMatch(/^投影机 的响应时间，每日中位数：.+ 12 毫秒、.+ 无读数、.+ 20 毫秒$/);
  expect(await figures()).toEqual(['12', '30', '–', '8', '150', '4.3', '20']);
  await page.screenshot({ path: join(SHOTS, 'history-1366x768-zh-CN.png') });
  expect(lab.errors).toEqual([]);
}, 60_000);

/**
 * A fault still going says how long it has lasted so far in the room's history. The page left
 * open on a wall screen must count on by itself: it said "for 17 min so far" for as long as
 * nothing else in the room changed (Debian's Chromium with its clock moved on, the built
 * dashboard, a real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const lab = fleetLabForThisFile();

it('counts on the duration of a fault still going, without a reload', async () => {
  const room = await lab.mqttRoom({ display: { en: 'Projector', 'zh-CN': '投影机' } });
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  const now = new Date().toISOString();
  const health = JSON.stringify({ status: 'offline', since: now, detail: 'no answer', metrics: {}, at: now });
  await room.publishAsync('roomctl/hq/aurora/devices/display/health', health, { qos: 1, retain: true });
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  // The browser's own clock, moved on by the test: nothing in the room changes meanwhile.
  await page.clock.install();
  await page.reload();
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const ongoing = page.locator('fleet-room-history li[data-fault="display"][data-ongoing="yes"] [data-duration]');
  await ongoing.waitFor({ timeout: 10_000 });
  expect(await ongoing.textContent()).toMatch(/^for \d+ s so far$/);
  await page.clock.fastForward('20:00');
  await until(async () => /^for 2\d min so far$/.test((await ongoing.textContent()) ?? ''), 5000, 'the duration counted on by twenty minutes');
  expect(lab.errors).toEqual([]);
}, 60_000);

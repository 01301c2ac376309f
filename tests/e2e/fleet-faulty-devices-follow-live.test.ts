/**
 * "Devices that fail most" follows the faults as they come, like the rest of the dashboard:
 * a projector failing, coming back and failing again while the page is open counts 1 fault,
 * then 2, with no reload and no press of Refresh (Debian's Chromium, the built dashboard, a
 * real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const lab = fleetLabForThisFile();

it('counts a device failing again on the open page, without a reload', async () => {
  const room = await lab.mqttRoom({ display: { en: 'Projector', 'zh-CN': '投影机' } });
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  const report = async (status: 'ok' | 'offline') => {
    const at = new Date().toISOString();
    await room.publishAsync('roomctl/hq/aurora/devices/display/health', JSON.stringify({ status, since: at, detail: null, metrics: {}, at }), {
      qos: 1,
      retain: true,
    });
  };
  await report('ok');
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-trends ol, fleet-trends p.muted').first().waitFor({ timeout: 10_000 });
  const flapper = page.locator('fleet-trends li[data-flapper="display"]');
  expect(await flapper.count()).toBe(0);
  await report('offline');
  await until(async () => (await flapper.textContent({ timeout: 100 }).catch(() => null))?.endsWith(': 1 fault') === true, 15_000, 'the first fault counted');
  await report('ok');
  await report('offline');
  await until(async () => (await flapper.textContent())?.endsWith(': 2 faults') === true, 15_000, 'the second fault counted');
  expect(lab.errors).toEqual([]);
}, 60_000);

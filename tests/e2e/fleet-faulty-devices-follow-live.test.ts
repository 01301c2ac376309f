/**
 * "Devices that fail most" follows the faults as they come, like the rest of the dashboard:
 * a projector failing, coming back and failing again while the page is open counts 1 fault,
 * then 2, with no reload and no press of Refresh; and it is read again every ten minutes for
 * what no stream message says (a fault leaving the week) — Debian's Chromium, the built
 * dashboard, a real Mosquitto.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-faulty-devices-live');
const lab = fleetLabForThisFile();

it('counts a device failing again on the open page, without a reload', async () => {
  mkdirSync(SHOTS, { recursive: true });
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
  expect(await flapper.textContent()).toBe('Projector in Aurora: 2 faults');
  const trends = page.locator('fleet-trends');
  await trends.screenshot({ path: join(SHOTS, 'two-faults-1366x768-en.png') });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await flapper.textContent()) === '投影机（Aurora）：2 次故障', 5000, 'the count in Chinese');
  await trends.screenshot({ path: join(SHOTS, 'two-faults-1366x768-zh-CN.png') });
  expect(lab.errors).toEqual([]);
}, 60_000);

it('reads the trends again now and then, for what no stream message says', async () => {
  await lab.mqttRoom();
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.clock.install();
  await page.reload();
  await page.locator('fleet-trends h3').first().waitFor({ timeout: 10_000 });
  // The snapshot's issues read the trends again a second later: that read done, nothing is left to bring the fault but the clock.
  await page.locator('[data-live="yes"]').waitFor({ timeout: 10_000 });
  const readAgain = page.waitForResponse((r) => r.url().endsWith('/api/fleet/trends'));
  await page.clock.fastForward(2000);
  await readAgain;
  // A fault the store holds that nothing on the stream announced (as a fault leaving the week's window is announced by nothing).
  await lab.fleet.sql.run(
    "INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, started_at, ended_at) VALUES ('quiet', 'none', 'hq', 'aurora', 'camera', 'offline', NULL, ?, NULL)",
    [Date.now()],
  );
  const camera = page.locator('fleet-trends li[data-flapper="camera"]');
  await page.clock.fastForward('10:00');
  await camera.waitFor({ timeout: 10_000 });
  expect(await camera.textContent()).toBe('camera in Aurora: 1 fault');
  expect(lab.errors).toEqual([]);
}, 60_000);

/**
 * The fleet's trends list the rooms with most issues this month. Each count says what it
 * counts, in the operator's language and its punctuation: "Aurora: 2 issues", "Aurora：2 个问题",
 * not "Aurora: 2" nor the English colon in Chinese (Debian's Chromium,
 * the built dashboard, a real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const lab = fleetLabForThisFile();

it('says the busiest rooms count issues, in both languages', async () => {
  const room = await lab.mqttRoom();
  const at = new Date().toISOString();
  for (const requestId of ['h-1', 'h-2']) {
    await room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id: `ev-${requestId}`, at, type: 'help.requested', requestId, message: 'Audio' }), {
      qos: 1,
    });
  }
  await until(async () => (await lab.fleet.store.issues()).length === 2, 10_000, 'both help calls at the fleet');
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  const busiest = page.locator('fleet-trends li[data-busiest-room="aurora"]');
  await busiest.waitFor({ timeout: 10_000 });
  expect(await busiest.textContent()).toBe('Aurora: 2 issues');
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await busiest.textContent()) === 'Aurora：2 个问题', 5000, 'the count in Chinese');
  expect(lab.errors).toEqual([]);
}, 60_000);

/**
 * A fault in a room's history reads as one sentence in the operator's language: "offline 3 min
 * ago, for 3 min so far", and in Chinese with the Chinese comma, "离线 3 分钟前，已持续 3 分钟" —
 * the English comma was written into the page between the two, whatever the language
 * (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';

const lab = fleetLabForThisFile();

it("punctuates a fault's line as its language does", async () => {
  const room = await lab.mqttRoom({ display: { en: 'Projector', 'zh-CN': '投影机' } });
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  const since = new Date(Date.now() - 3 * 60_000).toISOString();
  const health = JSON.stringify({ status: 'offline', since, detail: null, metrics: {}, at: since });
  await room.publishAsync('roomctl/hq/aurora/devices/display/health', health, { qos: 1, retain: true });
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const fault = page.locator('fleet-room-history li[data-fault="display"]');
  await fault.waitFor({ timeout: 10_000 });
  const line = async () => ((await fault.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  expect(await line()).toMatch(/^Projector offline [^,，]+, for [^,，]+ so far$/);
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await expect.poll(line, { timeout: 5000 }).toMatch(/^投影机 离线 [^,，]+，已持续 [^,，]+$/);
  expect(lab.errors).toEqual([]);
}, 60_000);

/**
 * A room whose appliance went away (its last will: `status` offline), its display down when it
 * was last heard: the room's tile says the appliance is offline once, in English and in Chinese —
 * it said it twice ("hq / aurora — appliance offline", then "Appliance offline: 1 offline")
 * (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const lab = fleetLabForThisFile();

it("says once, in each language, that an offline room's appliance is offline", async () => {
  const room = await lab.mqttRoom();
  const at = new Date().toISOString();
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  await room.publishAsync(
    'roomctl/hq/aurora/devices/display/health',
    JSON.stringify({ status: 'offline', since: at, detail: 'no route to host', metrics: {}, at }),
    {
      qos: 1,
      retain: true,
    },
  );
  await room.publishAsync('roomctl/hq/aurora/status', 'offline', { qos: 1, retain: true });
  await until(async () => (await lab.fleet.store.roomSummary('hq', 'aurora'))?.online === 'offline', 10_000, 'the room offline in the fleet');
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  const tile = page.locator('fleet-room-tile button', { hasText: 'Aurora' });
  await until(async () => (await tile.getAttribute('data-status').catch(() => null)) === 'offline', 10_000, 'the tile offline');
  const said = async (word: RegExp) => ((await tile.innerText()).match(word) ?? []).length;
  expect(await said(/offline/gi)).toBe(1);
  expect(await tile.innerText()).toContain('Appliance offline');
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await tile.innerText()).includes('主机离线'), 5000, 'the tile in Chinese');
  expect(await said(/离线/g)).toBe(1);
  expect(lab.errors).toEqual([]);
}, 60_000);

/**
 * A room found by what staff call it (Debian's Chromium, the built dashboard, a real Mosquitto,
 * rooms speaking MQTT as rooms do): a large fleet's tiles are capped and sorted worst first, so a
 * phone call about "Kiln" is answered by typing part of its name or id; nothing matching says so,
 * in both languages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-room-found-by-name');
const lab = fleetLabForThisFile();
const ROOMS = [
  { site: 'berlin', id: 'kiln-2', name: 'Kiln' },
  { site: 'berlin', id: 'atrium', name: 'Atrium' },
  { site: 'paris', id: 'salon-b', name: 'Salon B' },
];

it('narrows the tiles to the rooms whose name or id holds what was typed', async () => {
  await lab.mqttRoom();
  const rooms = await mqtt.connectAsync(lab.broker.url);
  lab.closeAtEnd({ close: () => rooms.endAsync() });
  for (const r of ROOMS) {
    const base = `roomctl/${r.site}/${r.id}`;
    await rooms.publishAsync(`${base}/status`, 'online', { qos: 1, retain: true });
    await rooms.publishAsync(`${base}/state`, JSON.stringify({ room: { id: r.id, name: r.name, site: r.site, timezone: 'UTC' } }), { qos: 1, retain: true });
  }
  await until(async () => (await lab.fleet.store.rooms()).length === 4, 10_000, 'four rooms in the fleet');
  const page = await lab.dashboard({ operator: 'Ana Lima' });
  const tiles = page.locator('fleet-room-tile button');
  await until(async () => (await tiles.count()) === 4, 8000, 'four tiles');
  const search = page.locator('fleet-filter-bar input[name="room"]');

  await search.fill('kil');
  await until(async () => (await tiles.count()) === 1, 5000, 'one tile for "kil"');
  expect(await tiles.first().textContent()).toContain('Kiln');
  // Its id and its site/room path find it too, whatever the case.
  await search.fill('BERLIN/KILN');
  await until(async () => (await tiles.count()) === 1, 5000, 'one tile for the path');
  await search.fill('salon-b');
  await until(async () => (await tiles.first().textContent())?.includes('Salon B'), 5000, 'Salon B by its id');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'found-1440x1000-en.png') });

  await search.fill('boardroom');
  const none = page.locator('[data-no-match]');
  await none.waitFor({ timeout: 5000 });
  expect(await none.textContent()).toBe('No room matches the filters.');
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await none.textContent()) === '没有符合筛选条件的会议室。', 5000, 'the line in Chinese');
  expect(await search.getAttribute('placeholder')).toBe('名称或编号');
  await page.screenshot({ path: join(SHOTS, 'no-match-1440x1000-zh-CN.png') });

  await search.fill('');
  await until(async () => (await tiles.count()) === 4, 5000, 'every tile again');
  expect(lab.errors).toEqual([]);
});

/**
 * A room that has sent nothing yet (just set up, or gone offline before its devices reported)
 * says so where its devices and events would be, in the operator's language: it showed bare
 * column headers and an "Recent events" heading with nothing under them (Debian's Chromium,
 * the built dashboard, a real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const lab = fleetLabForThisFile();

it('says a room has no device and no event yet, and drops the words when its first event comes', async () => {
  const room = await lab.mqttRoom();
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const noDevices = page.locator('fleet-room-detail [data-no-devices]');
  const noEvents = page.locator('fleet-room-detail [data-no-events]');
  await noDevices.waitFor({ timeout: 10_000 });
  expect(await noDevices.textContent()).toBe('No device has reported yet.');
  expect(await noEvents.textContent()).toBe('No event yet.');
  expect(await page.locator('fleet-room-detail table').first().isVisible()).toBe(false);
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await noEvents.textContent()) === '暂无事件。', 5000, 'the words in Chinese');
  expect(await noDevices.textContent()).toBe('还没有设备上报。');
  await room.publishAsync(
    'roomctl/hq/aurora/events',
    JSON.stringify({ id: 'fb-1', at: new Date().toISOString(), type: 'feedback', meetingId: 'm', rating: 5 }),
    { qos: 1 },
  );
  await page.locator('fleet-room-detail li[data-event="feedback"]').waitFor({ timeout: 10_000 });
  expect(await noEvents.count()).toBe(0);
  expect(lab.errors).toEqual([]);
}, 60_000);
